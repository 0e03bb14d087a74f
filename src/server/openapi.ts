// The OpenAPI 3.1 description of the HTTP API, with request schemas generated from the zod edges.
import { z } from 'zod'
import { recognitionPaths } from './routes/recognition-openapi.ts'
import { sandboxFederationPaths } from './routes/sandbox-federation-openapi.ts'
import { zSyncRequest } from './routes/sync-routes.ts'
import { trqpPaths, trqpSchemas } from './routes/trqp-openapi.ts'
import {
  zAddAnchorRequest,
  zIssueRequest,
  zSetStatusRequest,
  zVerifyRequest,
} from './z-requests.ts'

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' })

const problem = {
  description: 'RFC 9457 problem details with a stable `code`',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}

const body = (ref: string) => ({
  required: true,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
})

const ok = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
})

const operator = [{ operatorToken: [] }]

export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kakehashi — the EU–Japan trust bridge',
      version,
      description:
        'Verifies credentials issued in the EU or Japan for a relying party in either, against a federated trust registry kept as an append-only log. Every verdict lists each check with a stable code (see docs/check-codes.md).',
    },
    components: {
      securitySchemes: { operatorToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        VerifyRequest: json(zVerifyRequest),
        AddAnchorRequest: json(zAddAnchorRequest),
        SyncRequest: json(zSyncRequest),
        IssueRequest: json(zIssueRequest),
        SetStatusRequest: json(zSetStatusRequest),
        ...trqpSchemas(json),
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            errors: {},
          },
        },
        VerificationReport: {
          type: 'object',
          required: ['verdict', 'checks', 'errors', 'trustPath', 'registry', 'evaluatedAt'],
          properties: {
            verdict: { enum: ['accepted', 'rejected'] },
            format: { type: 'string' },
            credentialType: { type: 'string' },
            relyingPartyFramework: { type: 'string' },
            checks: {
              type: 'array',
              items: {
                type: 'object',
                required: ['check', 'status', 'message'],
                properties: {
                  check: { type: 'string' },
                  status: { enum: ['passed', 'failed', 'skipped'] },
                  code: { type: 'string' },
                  message: { type: 'string' },
                  detail: { type: 'object' },
                },
              },
            },
            errors: { type: 'array', items: { type: 'string' } },
            trustPath: { type: 'object' },
            claims: { type: 'object' },
            registry: {
              type: 'object',
              properties: { size: { type: 'integer' }, headHash: { type: 'string' } },
            },
            evaluatedAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
    paths: {
      '/v1/verify': {
        post: {
          summary: 'Verify a credential or presentation for a relying party',
          requestBody: body('VerifyRequest'),
          responses: {
            200: {
              description: 'The verification report (verdict accepted or rejected)',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/VerificationReport' } },
              },
            },
            400: problem,
            413: problem,
          },
        },
      },
      '/v1/registry': {
        get: { summary: 'Registry summary and log checkpoint', responses: { 200: ok('summary') } },
      },
      '/v1/registry/frameworks': {
        get: { summary: 'Trust frameworks', responses: { 200: ok('list') } },
      },
      '/v1/registry/frameworks/{id}': {
        get: {
          summary: 'One trust framework',
          parameters: [idParam],
          responses: { 200: ok('framework'), 404: problem },
        },
      },
      '/v1/registry/frameworks/{id}/lote': {
        get: {
          summary:
            'The framework as an ETSI TS 119 602 list of trusted entities signed by the export signer: a compact JWS (JSON binding, the default) or, with format=xml, XML with an enveloped XAdES signature; LoTESequenceNumber is the registry log size',
          parameters: [
            idParam,
            {
              name: 'format',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['jws', 'xml'], default: 'jws' },
            },
          ],
          responses: {
            200: {
              description: 'The signed LoTE (RFC 7515 compact serialisation, or the XML binding)',
              content: {
                'application/jose': { schema: { type: 'string' } },
                'application/xml': { schema: { type: 'string' } },
              },
            },
            400: problem,
            404: problem,
          },
        },
      },
      '/v1/registry/entities': {
        get: { summary: 'Trusted entities', responses: { 200: ok('list') } },
      },
      '/v1/registry/entities/{id}': {
        get: {
          summary: 'One entity with its digital identities and authorisations',
          parameters: [idParam],
          responses: { 200: ok('entity'), 404: problem },
        },
      },
      '/v1/registry/authorisations': {
        get: { summary: 'Authorisations', responses: { 200: ok('list') } },
      },
      '/v1/registry/authorisations/{id}': {
        get: {
          summary: 'One authorisation with its status history',
          parameters: [idParam],
          responses: { 200: ok('authorisation'), 404: problem },
        },
      },
      '/v1/registry/recognition-rules': {
        get: { summary: 'Recognition rules', responses: { 200: ok('list') } },
      },
      '/v1/registry/recognition-rules/{id}': {
        get: {
          summary: 'One recognition rule',
          parameters: [idParam],
          responses: { 200: ok('rule'), 404: problem },
        },
      },
      '/v1/registry/sources': {
        get: {
          summary:
            'Sources of registry facts: the version in force of each (digest, sequence number, NextUpdate, signature) and its last failure',
          responses: { 200: ok('list') },
        },
      },
      '/v1/registry/sync': {
        post: {
          summary:
            'Operator: fetch, verify and import every configured source; failures are recorded and the last good version stays',
          security: operator,
          requestBody: body('SyncRequest'),
          responses: { 200: ok('what each source did'), 400: problem, 401: problem },
        },
      },
      '/v1/registry/log': {
        get: {
          summary: 'Entries of the append-only change log',
          parameters: [
            { name: 'from', in: 'query', schema: { type: 'integer', minimum: 0 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          ],
          responses: { 200: ok('entries'), 400: problem },
        },
      },
      '/v1/registry/log/verify': {
        get: {
          summary: 'Recompute every log entry hash and the hash chain (an auditor’s check)',
          responses: { 200: ok('the verified checkpoint'), 409: problem },
        },
      },
      '/v1/registry/anchors': {
        post: {
          summary:
            'Operator change: trust a CA for an entity under a framework (recorded in the log)',
          security: operator,
          requestBody: body('AddAnchorRequest'),
          responses: { 201: ok('the log entries written'), 400: problem, 401: problem },
        },
      },
      '/v1/sandbox/issuers': {
        get: { summary: 'The sandbox issuers', responses: { 200: ok('list') } },
      },
      '/v1/sandbox/credentials': {
        post: {
          summary:
            'Issue a sample SD-JWT VC, with `format: "mdoc"` an ISO/IEC 18013-5 mdoc, or with `format: "ldp_vc"` / `"vc+jwt"` a W3C credential, from a sandbox issuer',
          description:
            'An SD-JWT VC comes with a Key Binding JWT for `nonce` and `aud` unless `keyBinding` is false. An mdoc (eu-pid-provider, jp-mynumber-idp) comes as a base64url DeviceResponse, device-signed for an OpenID4VP 1.0 handover built from `nonce` and `aud` (the client_id), or for `sessionTranscript`; the answer names the transcript, the status list entry and the device key. A W3C credential (eu-university, jp-university) is an Open Badges 3.0 `OpenBadgeCredential` by default, or with `credentialType: "EuropeanDigitalCredential"` the EU university’s ELM-shaped diploma (vc+jwt only); `ldp_vc` carries an eddsa-rdfc-2022 proof by the university’s did:key, `vc+jwt` is signed ES256 by its did:jwk; each names a Bitstring Status List entry.',
          requestBody: body('IssueRequest'),
          responses: { 201: ok('the credential'), 400: problem, 404: problem },
        },
      },
      '/v1/sandbox/status': {
        post: {
          summary:
            'Change the status of a sandbox credential (revoke, suspend, reinstate); `list: "bitstring-status-list"` for W3C credentials (revocation only)',
          security: operator,
          requestBody: body('SetStatusRequest'),
          responses: { 200: ok('the new status'), 401: problem, 404: problem },
        },
      },
      '/sandbox/status/{issuer}': {
        get: {
          summary: 'A sandbox issuer’s Token Status List (application/statuslist+jwt)',
          parameters: [{ name: 'issuer', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Status List Token' }, 404: problem },
        },
      },
      '/sandbox/bitstring/{issuer}/{securing}': {
        get: {
          summary:
            'A sandbox university’s Bitstring Status List credential: `di` with a Data Integrity proof (application/vc), `jose` as application/vc+jwt',
          parameters: [
            { name: 'issuer', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: 'securing',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: ['di', 'jose'] },
            },
          ],
          responses: { 200: { description: 'BitstringStatusListCredential' }, 404: problem },
        },
      },
      ...sandboxFederationPaths(),
      ...trqpPaths(problem),
      ...recognitionPaths(problem, json),
      '/health': {
        get: { summary: 'Liveness and the registry checkpoint', responses: { 200: ok('ok') } },
      },
    },
  }
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }
