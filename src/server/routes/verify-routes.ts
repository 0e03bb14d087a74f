// POST /v1/verify: the same inputs and report as `kakehashi verify`.
import type { KeyObject } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { KakehashiError } from '../../errors.ts'
import { readerKeyFromJwk } from '../../formats/mdoc/reader-key-json.ts'
import { parseInput } from '../parse-body.ts'
import { zVerifyRequest } from '../z-requests.ts'

/** The reader's ephemeral key arrives as a private JWK; anything else is a bad request, never logged. */
function readerKeyOf(jwk: Record<string, unknown>): KeyObject {
  const key = readerKeyFromJwk(jwk)
  if (key === undefined)
    throw new KakehashiError('input.invalid', 'readerKey is not a private EC JWK')
  return key
}

export function verifyRoutes(app: FastifyInstance, bridge: Bridge): void {
  app.post('/v1/verify', async (request) => {
    const body = parseInput(zVerifyRequest, request.body)
    const readerEphemeralKey =
      body.readerKey !== undefined ? readerKeyOf(body.readerKey) : undefined
    const report = await bridge.verify({
      // A JSON-LD credential is verified from its JSON text: its proof covers the data, not the bytes.
      credential:
        typeof body.credential === 'string' ? body.credential : JSON.stringify(body.credential),
      ...(body.rp !== undefined ? { relyingPartyFramework: body.rp } : {}),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(body.aud !== undefined ? { audience: body.aud } : {}),
      ...(body.docType !== undefined ? { docType: body.docType } : {}),
      ...(body.sessionTranscript !== undefined
        ? { sessionTranscript: body.sessionTranscript }
        : {}),
      ...(readerEphemeralKey !== undefined ? { readerEphemeralKey } : {}),
    })
    request.log.info(
      { verdict: report.verdict, errors: report.errors, type: report.credentialType },
      'verified',
    )
    return report
  })
}
