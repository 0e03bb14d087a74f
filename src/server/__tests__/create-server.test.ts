import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { openTestBridge } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { createTrustAnchor } from '../../sandbox/sandbox-pki.ts'
import { createServer } from '../create-server.ts'

describe('HTTP API', () => {
  let bridge: Bridge
  let app: FastifyInstance
  const operatorToken = 'test-operator-token-0123456789'
  before(async () => {
    bridge = await openTestBridge()
    app = createServer(bridge, { operatorToken, logger: false })
  })
  after(async () => {
    await app.close()
    await bridge.close()
  })

  test('POST /v1/verify: issue in the sandbox, verify across the border', async () => {
    const issued = await app.inject({
      method: 'POST',
      url: '/v1/sandbox/credentials',
      payload: { issuer: 'jp-university', nonce: 'n1', aud: 'https://rp.example.eu' },
    })
    assert.equal(issued.statusCode, 201, issued.body)
    const { credential } = issued.json()
    const res = await app.inject({
      method: 'POST',
      url: '/v1/verify',
      payload: { credential, rp: 'eu.academic', nonce: 'n1', aud: 'https://rp.example.eu' },
    })
    assert.equal(res.statusCode, 200)
    const report = res.json()
    assert.equal(report.verdict, 'accepted', JSON.stringify(report.errors))
    assert.equal(report.trustPath.recognition.rule.id, 'sandbox.eu-academic-recognises-jp-academic')
  })

  test('bad bodies get RFC 9457 problems with stable codes', async () => {
    const missing = await app.inject({
      method: 'POST',
      url: '/v1/verify',
      payload: { rp: 'eu.academic' },
    })
    assert.equal(missing.statusCode, 400)
    assert.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8')
    assert.equal(missing.json().code, 'input.invalid')
    const extra = await app.inject({
      method: 'POST',
      url: '/v1/verify',
      payload: { credential: 'x', admin: true },
    })
    assert.equal(extra.json().code, 'input.invalid')
    const notJson = await app.inject({
      method: 'POST',
      url: '/v1/verify',
      headers: { 'content-type': 'application/json' },
      payload: '{"credential": ',
    })
    assert.equal(notJson.statusCode, 400)
    assert.equal(notJson.json().code, 'input.malformed')
    const huge = await app.inject({
      method: 'POST',
      url: '/v1/verify',
      payload: { credential: 'a'.repeat(2 * bridge.limits.maxInputBytes + 100_000) },
    })
    assert.equal(huge.statusCode, 413)
    assert.equal(huge.json().code, 'input.too_large')
    const notFound = await app.inject({ method: 'GET', url: '/v1/registry/entities/nobody' })
    assert.equal(notFound.statusCode, 404)
    assert.equal(notFound.json().code, 'registry.not_found')
  })

  test('registry reads and the log', async () => {
    const summary = (await app.inject({ method: 'GET', url: '/v1/registry' })).json()
    assert.equal(summary.frameworks, 4)
    const rules = (
      await app.inject({ method: 'GET', url: '/v1/registry/recognition-rules' })
    ).json()
    assert.equal(rules.length, 4)
    const log = (await app.inject({ method: 'GET', url: '/v1/registry/log?from=0&limit=5' })).json()
    assert.equal(log.entries.length, 5)
    assert.equal(log.entries[0].seq, 0)
    assert.equal(
      (await app.inject({ method: 'GET', url: '/v1/registry/log?limit=100000' })).statusCode,
      400,
    )
  })

  test('operator changes need the bearer token', async () => {
    const ca = await createTrustAnchor({
      commonName: 'HTTP Test CA',
      organisation: 'HTTP Org',
      country: 'DE',
      validityDays: 30,
    })
    const payload = {
      framework: 'eu.academic',
      entity: 'HTTP Org',
      country: 'DE',
      certPem: ca.certPem,
      credentialTypes: ['urn:example:x'],
    }
    const denied = await app.inject({ method: 'POST', url: '/v1/registry/anchors', payload })
    assert.equal(denied.statusCode, 401)
    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/registry/anchors',
      payload,
      headers: { authorization: 'Bearer nope' },
    })
    assert.equal(wrong.statusCode, 401)
    const ok = await app.inject({
      method: 'POST',
      url: '/v1/registry/anchors',
      payload,
      headers: { authorization: `Bearer ${operatorToken}` },
    })
    assert.equal(ok.statusCode, 201, ok.body)
    const status = await app.inject({
      method: 'POST',
      url: '/v1/sandbox/status',
      payload: { issuer: 'jp-university', idx: 0, status: 'invalid' },
    })
    assert.equal(status.statusCode, 401)
  })

  test('sandbox status lists are served as application/statuslist+jwt', async () => {
    const res = await app.inject({ method: 'GET', url: '/sandbox/status/jp-university' })
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['content-type']), /^application\/statuslist\+jwt/)
    const header = JSON.parse(Buffer.from(res.body.split('.')[0] ?? '', 'base64url').toString())
    assert.equal(header.typ, 'statuslist+jwt')
    assert.equal(
      (await app.inject({ method: 'GET', url: '/sandbox/status/nobody' })).statusCode,
      404,
    )
  })

  test('GET /openapi.json describes every route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    assert.equal(doc.openapi, '3.1.0')
    for (const path of [
      '/v1/verify',
      '/v1/registry/anchors',
      '/v1/registry/log',
      '/sandbox/status/{issuer}',
    ])
      assert.ok(doc.paths[path], path)
    assert.deepEqual(doc.components.schemas.VerifyRequest.required, ['credential'])
  })
})
