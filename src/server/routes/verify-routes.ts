// POST /v1/verify: the same inputs and report as `kakehashi verify`.
import type { FastifyInstance } from 'fastify'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { parseInput } from '../parse-body.ts'
import { zVerifyRequest } from '../z-requests.ts'

export function verifyRoutes(app: FastifyInstance, bridge: Bridge): void {
  app.post('/v1/verify', async (request) => {
    const body = parseInput(zVerifyRequest, request.body)
    const report = await bridge.verify({
      credential: body.credential,
      ...(body.rp !== undefined ? { relyingPartyFramework: body.rp } : {}),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(body.aud !== undefined ? { audience: body.aud } : {}),
    })
    request.log.info(
      { verdict: report.verdict, errors: report.errors, type: report.credentialType },
      'verified',
    )
    return report
  })
}
