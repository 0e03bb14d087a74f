// The sandbox issuers over HTTP: sample credentials, their status lists, and status changes.
import type { webcrypto } from 'node:crypto'

type JsonWebKey = webcrypto.JsonWebKey

import type { FastifyInstance } from 'fastify'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { issueSandboxCredential } from '../../sandbox/issue-sandbox-credential.ts'
import { issueSandboxMdoc, oid4vpSessionTranscript } from '../../sandbox/issue-sandbox-mdoc.ts'
import { issueSandboxW3c, sandboxW3cFormatOf } from '../../sandbox/issue-sandbox-w3c.ts'
import {
  createSandboxStatusListCredential,
  sandboxBitstringListUrl,
  securingOfListPath,
  setSandboxBitstringStatus,
} from '../../sandbox/sandbox-bitstring-lists.ts'
import { sandboxIssuers } from '../../sandbox/sandbox-ecosystems.ts'
import {
  createSandboxStatusListToken,
  sandboxStatusListUri,
  setSandboxStatus,
} from '../../sandbox/sandbox-status-lists.ts'
import { sandboxW3cCredentials } from '../../sandbox/sandbox-w3c-credentials.ts'
import { isOperator } from '../operator-auth.ts'
import { parseInput } from '../parse-body.ts'
import { sendProblem } from '../problem.ts'
import { zIssueRequest, zSetStatusRequest } from '../z-requests.ts'

export function sandboxRoutes(app: FastifyInstance, bridge: Bridge, operatorToken: string): void {
  const sandbox = bridge.sandbox
  if (sandbox === undefined) return
  app.get('/v1/sandbox/issuers', () =>
    sandboxIssuers.map(({ id, entityId, frameworkId, iss, vct, description, mdoc }) => {
      const w3c = sandbox.keyring.get(id).w3c
      return {
        id,
        entityId,
        frameworkId,
        iss,
        vct,
        ...(mdoc !== undefined ? { docType: mdoc.docType } : {}),
        ...(w3c !== undefined
          ? {
              w3c: {
                credentialTypes: (sandboxW3cCredentials.get(id) ?? []).map((d) => ({
                  type: d.credentialType,
                  formats: d.securing.map((s) => sandboxW3cFormatOf[s]),
                })),
                didKey: w3c.didKey,
                didJwk: w3c.didJwk,
              },
            }
          : {}),
        description,
      }
    }),
  )
  app.post('/v1/sandbox/credentials', async (req, reply) => {
    const body = parseInput(zIssueRequest, req.body)
    if (body.format === 'ldp_vc' || body.format === 'vc+jwt') {
      const issued = await issueSandboxW3c(sandbox, body.issuer, body.format, {
        ...(body.credentialType !== undefined ? { credentialType: body.credentialType } : {}),
      })
      return reply.code(201).send(issued)
    }
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
    if (body.list === 'bitstring-status-list') {
      if (body.status === 'suspended')
        return sendProblem(
          reply,
          400,
          'usage.invalid',
          'the W3C status lists serve revocation only: valid or invalid',
        )
      await setSandboxBitstringStatus(sandbox.store, body.issuer, body.idx, body.status)
    } else await setSandboxStatus(sandbox.store, body.issuer, body.idx, body.status)
    return { issuer: body.issuer, idx: body.idx, status: body.status, list: body.list }
  })
  app.get<{ Params: { issuer: string; securing: string } }>(
    '/sandbox/bitstring/:issuer/:securing',
    async (req, reply) => {
      const { issuer, securing: path } = req.params
      const securing = securingOfListPath(path)
      if (!sandbox.keyring.has(issuer) || sandbox.keyring.get(issuer).w3c === undefined)
        return sendProblem(
          reply,
          404,
          'sandbox.unknown_issuer',
          `no sandbox issuer of W3C credentials ${issuer}`,
        )
      if (securing === undefined)
        return sendProblem(reply, 404, 'registry.not_found', `no status list ${path}: di or jose`)
      const list = await createSandboxStatusListCredential(
        sandbox.store,
        sandbox.keyring,
        issuer,
        securing,
        sandboxBitstringListUrl(sandbox.publicUrl, issuer, securing),
        sandbox.clock,
      )
      // VC Data Model 2.0 §6.3 (application/vc) and VC-JOSE-COSE §6.1.1 (application/vc+jwt).
      return reply.type(securing === 'jose' ? 'application/vc+jwt' : 'application/vc').send(list)
    },
  )
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
