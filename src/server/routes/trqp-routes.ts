// TRQP v2 HTTPS binding at the root (POST /authorization, /recognition) and identity look-ups.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  answerAuthorization,
  answerLookup,
  answerRecognition,
} from '../../bridge/bridge-trust-queries.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { KakehashiError } from '../../errors.ts'
import { isBase64url } from '../../lib/base64.ts'
import type { LookupQuery } from '../../registry/queries/lookup-identity.ts'
import type { TrqpRequest } from '../../registry/queries/trust-query-types.ts'
import { parseInput } from '../parse-body.ts'

const MAX_CONTEXT_MEMBERS = 16
const identifier = z.string().min(1).max(2048)

/** TRQP v2 `AuthorizationRequest` / `RecognitionRequest`: the four members and an optional context. */
export const zTrqpRequest = z.strictObject({
  entity_id: identifier,
  authority_id: identifier,
  action: z.string().min(1).max(100),
  resource: identifier,
  context: z
    .object({
      /** RFC 3339 with the Z offset only, as TRQP requires. */
      time: z.iso.datetime().optional(),
    })
    .catchall(z.string().max(2048))
    .refine((context) => Object.keys(context).length <= MAX_CONTEXT_MEMBERS, {
      message: `at most ${MAX_CONTEXT_MEMBERS} context members`,
    })
    .optional(),
})

const certificateText = z
  .string()
  .min(1)
  .max(64 * 1024)

/** Exactly one of: a certificate (PEM, or base64/base64url of the DER), a JWK thumbprint, a DID. */
export const zLookupRequest = z
  .strictObject({
    certificate: certificateText.optional(),
    thumbprint: z.string().min(1).max(100).optional(),
    did: z.string().min(1).max(2048).optional(),
  })
  .refine(
    (query) =>
      [query.certificate, query.thumbprint, query.did].filter((v) => v !== undefined).length === 1,
    { message: 'give exactly one of certificate, thumbprint, did' },
  )

function toLookupQuery(input: z.infer<typeof zLookupRequest>): LookupQuery {
  if (input.did !== undefined) return { did: input.did }
  if (input.thumbprint !== undefined) return { thumbprint: input.thumbprint }
  const text = (input.certificate as string).trim()
  // A query string carries DER as base64url; PEM and standard base64 go to the parser as text.
  if (!text.startsWith('-----') && isBase64url(text) && /[-_]/.test(text))
    return { certificate: new Uint8Array(Buffer.from(text, 'base64url')) }
  return { certificate: text }
}

export function trqpRoutes(app: FastifyInstance, bridge: Bridge): void {
  app.post('/authorization', (req) =>
    answerAuthorization(bridge, parseInput(zTrqpRequest, req.body) as TrqpRequest),
  )
  app.post('/recognition', (req) =>
    answerRecognition(bridge, parseInput(zTrqpRequest, req.body) as TrqpRequest),
  )
  app.get('/v1/registry/lookup', (req) => {
    const query = req.query as Record<string, unknown>
    for (const value of Object.values(query))
      if (Array.isArray(value))
        throw new KakehashiError('input.invalid', 'each look-up parameter may be given once')
    return answerLookup(bridge, toLookupQuery(parseInput(zLookupRequest, query)))
  })
  app.post('/v1/registry/lookup', (req) =>
    answerLookup(bridge, toLookupQuery(parseInput(zLookupRequest, req.body))),
  )
}
