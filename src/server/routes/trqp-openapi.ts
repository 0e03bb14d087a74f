// The OpenAPI description of the TRQP endpoints and look-ups, merged into the service's document.
import type { z } from 'zod'
import { zLookupRequest, zTrqpRequest } from './trqp-routes.ts'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const jsonBody = (name: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
})
const answer = (description: string, name: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
})

/** Kakehashi's optional members on both TRQP responses. */
const extensions = {
  expiry_time: {
    type: 'string',
    format: 'date-time',
    description: 'When the answer stops holding on the registry data (validity end, NextUpdate)',
  },
  log_checkpoint: {
    type: 'object',
    description: 'The registry log position the answer was made against',
    properties: { size: { type: 'integer' }, headHash: { type: 'string' } },
  },
  evidence: {
    type: 'object',
    description:
      'The registry objects the answer rests on, each with the seq of the log entry that last wrote it; `reason` when false',
  },
}

const response = (verdict: 'authorized' | 'recognized') => ({
  type: 'object',
  required: ['entity_id', 'authority_id', 'action', 'resource', 'time_evaluated', verdict],
  properties: {
    entity_id: { type: 'string' },
    authority_id: { type: 'string' },
    action: { type: 'string' },
    resource: { type: 'string' },
    [verdict]: { type: 'boolean' },
    time_requested: { type: 'string', format: 'date-time' },
    time_evaluated: { type: 'string', format: 'date-time' },
    message: { type: 'string' },
    context: { type: 'object', additionalProperties: { type: 'string' } },
    ...extensions,
  },
})

export function trqpSchemas(json: (schema: z.ZodType) => unknown): Record<string, unknown> {
  return {
    TrqpRequest: json(zTrqpRequest),
    TrqpAuthorizationResponse: response('authorized'),
    TrqpRecognitionResponse: response('recognized'),
    LookupRequest: json(zLookupRequest),
  }
}

export function trqpPaths(problem: unknown): Record<string, unknown> {
  const lookupAnswer = {
    description: 'The identities matched, their entities and where each authorisation stands',
    content: { 'application/json': { schema: { type: 'object' } } },
  }
  return {
    '/authorization': {
      post: {
        summary:
          'TRQP v2: does authority_id (a framework) authorise entity_id for action on resource (a credential type)?',
        requestBody: jsonBody('TrqpRequest'),
        responses: {
          200: answer('The answer with its evidence', 'TrqpAuthorizationResponse'),
          400: problem,
          404: problem,
        },
      },
    },
    '/recognition': {
      post: {
        summary:
          'TRQP v2: does authority_id (framework G) recognise entity_id (framework F) for resource? `context.assurance_level` names F’s level',
        requestBody: jsonBody('TrqpRequest'),
        responses: {
          200: answer('The answer with its evidence', 'TrqpRecognitionResponse'),
          400: problem,
          404: problem,
        },
      },
    },
    '/v1/registry/lookup': {
      get: {
        summary: 'Look up a certificate (PEM or base64url DER), a JWK thumbprint or a DID',
        parameters: ['certificate', 'thumbprint', 'did'].map((name) => ({
          name,
          in: 'query',
          schema: { type: 'string' },
        })),
        responses: { 200: lookupAnswer, 400: problem, 413: problem },
      },
      post: {
        summary: 'Look up a certificate given in the body (PEM), a JWK thumbprint or a DID',
        requestBody: jsonBody('LookupRequest'),
        responses: { 200: lookupAnswer, 400: problem, 413: problem },
      },
    },
  }
}
