// The sandbox issuers over HTTP: sample credentials, their status lists, and status changes.
import type { webcrypto } from 'node:crypto'

type JsonWebKey = webcrypto.JsonWebKey

import type { FastifyInstance } from 'fastify'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { issueSandboxCredential } from '../../sandbox/issue-sandbox-credential.ts'
import { issueSandboxMdoc, oid4vpSessionTranscript } from '../../sandbox/issue-sandbox-mdoc.ts'
import { sandboxIssuers } from '../../sandbox/sandbox-ecosystems.ts'
import {
  createSandboxStatusListToken,
  sandboxStatusListUri,
  setSandboxStatus,
} from '../../sandbox/sandbox-status-lists.ts'
import { isOperator } from '../operator-auth.ts'
import { parseInput } from '../parse-body.ts'
import { sendProblem } from '../problem.ts'
import { zIssueRequest, zSetStatusRequest } from '../z-requests.ts'

export function sandboxRoutes(app: FastifyInstance, bridge: Bridge, operatorToken: string): void {
  const sandbox = bridge.sandbox
  if (sandbox === undefined) return
  app.get('/v1/sandbox/issuers', () =>
    sandboxIssuers.map(({ id, entityId, frameworkId, iss, vct, description, mdoc }) => ({
      id,
      entityId,
      frameworkId,
      iss,
      vct,
      ...(mdoc !== undefined ? { docType: mdoc.docType } : {}),
      description,
    })),
  )
  app.post('/v1/sandbox/credentials', async (req, reply) => {
    const body = parseInput(zIssueRequest, req.body)
    if (body.format === 'mdoc') {
      const issued = await issueSandboxMdoc(sandbox, body.issuer, {
        sessionTranscript:
          body.sessionTranscript ??
          oid4vpSessionTranscript({
            ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
            ...(body.aud !== undefined ? { clientId: body.aud } : {}),
          }),
        ...(body.holderJwk !== undefined ? { devicePrivateJwk: body.holderJwk as JsonWebKey } : {}),
      })
      return reply.code(201).send(issued)
    }
    const issued = await issueSandboxCredential(sandbox, body.issuer, {
      keyBinding: body.keyBinding,
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(body.aud !== undefined ? { audience: body.aud } : {}),
      ...(body.holderJwk !== undefined ? { holderPrivateJwk: body.holderJwk as JsonWebKey } : {}),
    })
    return reply.code(201).send(issued)
  })
  app.post('/v1/sandbox/status', async (req, reply) => {
    if (!isOperator(req, operatorToken)) {
      return sendProblem(
        reply,
        401,
        'auth.operator_required',
        'status changes need the operator bearer token',
      )
    }
    const body = parseInput(zSetStatusRequest, req.body)
    await setSandboxStatus(sandbox.store, body.issuer, body.idx, body.status)
    return { issuer: body.issuer, idx: body.idx, status: body.status }
  })
  app.get<{ Params: { issuer: string } }>('/sandbox/status/:issuer', async (req, reply) => {
    const { issuer } = req.params
    if (!sandbox.keyring.has(issuer))
      return sendProblem(reply, 404, 'sandbox.unknown_issuer', `no sandbox issuer ${issuer}`)
    const token = await createSandboxStatusListToken(
      sandbox.store,
      sandbox.keyring,
      issuer,
      sandboxStatusListUri(sandbox.publicUrl, issuer),
      sandbox.clock,
    )
    return reply.type('application/statuslist+jwt').send(token)
  })
}
