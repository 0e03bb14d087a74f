// The OpenAPI description of the sandbox OpenID Federation's endpoints, merged into the service's document.

const member = {
  name: 'name',
  in: 'path',
  required: true,
  description: 'anchor, eu, jp, or a sandbox issuer (eu-pid-provider, jp-university, …)',
  schema: { type: 'string' },
}
const authority = { ...member, description: 'anchor, eu or jp' }

const statement = {
  description: 'A signed entity statement',
  content: { 'application/entity-statement+jwt': { schema: { type: 'string' } } },
}

/** OpenID Federation 1.0 §8.9: `{"error": …, "error_description": …}`. */
const federationError = {
  description: 'An OpenID Federation error response',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { enum: ['invalid_request', 'not_found', 'unsupported_parameter'] },
          error_description: { type: 'string' },
        },
      },
    },
  },
}

export function sandboxFederationPaths(): Record<string, unknown> {
  return {
    '/v1/sandbox/federation': {
      get: {
        summary:
          'The sandbox OpenID Federation: its trust anchor with JWKS, its issuers, and a sources.json entry that syncs it',
        responses: {
          200: {
            description: 'the federation',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
    '/sandbox/federation/{name}/.well-known/openid-federation': {
      get: {
        summary: 'Entity configuration of a sandbox federation member (OpenID Federation 1.0 §9)',
        parameters: [member],
        responses: { 200: statement, 404: federationError },
      },
    },
    '/sandbox/federation/{name}/fetch': {
      get: {
        summary: 'Subordinate statement about an immediate subordinate (fetch endpoint, §8.1)',
        parameters: [
          authority,
          { name: 'sub', in: 'query', required: true, schema: { type: 'string', format: 'uri' } },
        ],
        responses: { 200: statement, 400: federationError, 404: federationError },
      },
    },
    '/sandbox/federation/{name}/list': {
      get: {
        summary: 'Entity Identifiers of the immediate subordinates (list endpoint, §8.2)',
        parameters: [
          authority,
          {
            name: 'entity_type',
            in: 'query',
            required: false,
            schema: { type: 'array', items: { type: 'string' } },
          },
          {
            name: 'intermediate',
            in: 'query',
            required: false,
            schema: { enum: ['true', 'false'] },
          },
        ],
        responses: {
          200: {
            description: 'Entity Identifiers',
            content: {
              'application/json': { schema: { type: 'array', items: { type: 'string' } } },
            },
          },
          400: federationError,
          404: federationError,
        },
      },
    },
  }
}
