// The TRQP v2 HTTPS binding (POST /authorization, /recognition), look-ups, and problem details.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sandboxOf } from '../../../test/support/bridge.ts'
import { importSource } from '../../registry/import-source.ts'
import {
  COLLEGE,
  change,
  DIPLOMA,
  iso,
  openQueryFixture,
  type QueryFixture,
  UNI,
  UNI_DID,
} from '../../registry/queries/__tests__/trust-query-fixtures.ts'
import { decodePemCertificates } from '../../trust/x509/parse-certificate.ts'
import { createServer } from '../create-server.ts'

describe('TRQP over HTTPS', () => {
  let fixture: QueryFixture
  let app: FastifyInstance
  before(async () => {
    fixture = await openQueryFixture()
    app = createServer(fixture.bridge, { operatorToken: 'test-operator-token-0123', logger: false })
  })
  after(async () => {
    await app.close()
    await fixture.close()
  })
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload })
  const authorization = {
    entity_id: UNI,
    authority_id: 'jp.academic',
    action: 'issue',
    resource: DIPLOMA,
  }

  test('POST /authorization: the TRQP response members, then the evidence and checkpoint', async () => {
    const res = await post('/authorization', { ...authorization, context: { time: iso(1) } })
    assert.equal(res.statusCode, 200, res.body)
    const body = res.json()
    for (const member of ['entity_id', 'authority_id', 'action', 'resource'])
      assert.equal(body[member], authorization[member as keyof typeof authorization])
    assert.equal(body.authorized, true)
    assert.equal(body.time_requested, iso(1))
    assert.equal(typeof body.time_evaluated, 'string')
    assert.deepEqual(body.context, { time: iso(1) })
    assert.equal(body.evidence.authorisation.id, `${UNI}.issuer`)
    assert.equal(typeof body.evidence.authorisation.logSeq, 'number')
    assert.equal(body.log_checkpoint.size, (await fixture.bridge.registry.get()).checkpoint.size)
    assert.equal(body.expiry_time, iso(365))
  })

  test('not authorised is 200 with authorized false and the reason', async () => {
    const res = await post('/authorization', { ...authorization, authority_id: 'eu.academic' })
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().authorized, false)
    assert.equal(res.json().evidence.reason, 'authorisation.other_framework')
  })

  test('unknown entity, authority or action: 404 problem details with a stable code', async () => {
    for (const [payload, code] of [
      [{ ...authorization, entity_id: 'did:web:nobody.example' }, 'trqp.entity_unknown'],
      [{ ...authorization, authority_id: 'xx.none' }, 'trqp.authority_unknown'],
      [{ ...authorization, action: 'fly' }, 'trqp.action_unknown'],
    ] as const) {
      const res = await post('/authorization', payload)
      assert.equal(res.statusCode, 404, res.body)
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
      const problem = res.json()
      assert.equal(problem.code, code)
      assert.equal(problem.type, `urn:kakehashi:error:${code}`)
      assert.equal(problem.status, 404)
      assert.equal(typeof problem.title, 'string')
    }
  })

  test('malformed requests: 400 input.invalid', async () => {
    const { resource: _r, ...withoutResource } = authorization
    for (const payload of [
      withoutResource,
      { ...authorization, extra: 1 },
      { ...authorization, context: { time: '2026-01-01T09:00:00+09:00' } },
      { ...authorization, context: { time: 'yesterday' } },
      { ...authorization, context: { level: 3 } },
      { ...authorization, entity_id: '' },
      { ...authorization, resource: 'x'.repeat(3000) },
    ]) {
      const res = await post('/authorization', payload)
      assert.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 100))
      assert.equal(res.json().code, 'input.invalid')
    }
    const notJson = await app.inject({
      method: 'POST',
      url: '/authorization',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    })
    assert.equal(notJson.statusCode, 400)
  })

  test('POST /recognition: recognised with the rule; the reverse direction is not', async () => {
    const request = {
      entity_id: 'jp.academic',
      authority_id: 'eu.academic',
      action: 'recognize',
      resource: DIPLOMA,
      context: { assurance_level: 'mext-accredited' },
    }
    const res = await post('/recognition', request)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().recognized, true)
    assert.equal(res.json().evidence.rule.id, 'sandbox.eu-academic-recognises-jp-academic')
    assert.equal(res.json().evidence.recognisedLevel, 'accredited')
    const reverse = await post('/recognition', {
      ...request,
      entity_id: 'eu.academic',
      authority_id: 'jp.academic',
    })
    assert.equal(reverse.json().recognized, false)
    assert.equal(reverse.json().evidence.reason, 'recognition.none')
  })

  test('GET and POST /v1/registry/lookup: DID, certificate as base64url DER and as PEM', async () => {
    const byDid = await app.inject({
      method: 'GET',
      url: `/v1/registry/lookup?did=${encodeURIComponent(UNI_DID)}`,
    })
    assert.equal(byDid.statusCode, 200, byDid.body)
    assert.equal(byDid.json().matches[0].entity.id, UNI)
    const pem = sandboxOf(fixture.bridge).keyring.get('jp-university').caCertPem
    const der = Buffer.from(decodePemCertificates(pem)[0] as Uint8Array).toString('base64url')
    const byDer = await app.inject({ method: 'GET', url: `/v1/registry/lookup?certificate=${der}` })
    assert.equal(byDer.statusCode, 200, byDer.body)
    assert.equal(byDer.json().matches[0].identity.id, 'jp.sandbox.university.anchor')
    const byPem = await post('/v1/registry/lookup', { certificate: pem })
    assert.equal(byPem.json().matches[0].match, 'exact')
    for (const url of [
      '/v1/registry/lookup',
      `/v1/registry/lookup?did=${UNI_DID}&thumbprint=abc`,
      '/v1/registry/lookup?did=a&did=b',
      '/v1/registry/lookup?certificate=notacert',
      '/v1/registry/lookup?colour=blue',
    ]) {
      const res = await app.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 400, url)
      assert.equal(res.json().code, 'input.invalid', url)
    }
  })

  test('the OpenAPI description names the TRQP paths and the look-up', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    for (const path of ['/authorization', '/recognition', '/v1/registry/lookup'])
      assert.ok(document.paths[path], path)
    assert.ok(document.components.schemas.TrqpRequest)
  })

  test('a new log entry changes the answer over HTTP', async () => {
    const request = { ...authorization, entity_id: COLLEGE }
    assert.equal((await post('/authorization', request)).json().authorized, true)
    await change(fixture, [
      { type: 'authorisation.status', id: `${COLLEGE}.issuer`, status: 'withdrawn', at: iso(0) },
    ])
    const after = (await post('/authorization', request)).json()
    assert.equal(after.authorized, false)
    assert.equal(after.evidence.reason, 'authorisation.withdrawn')
  })

  test('verification: an issuer authorised only by a stale list is refused (trust.source_stale)', async () => {
    const { bridge, clock } = fixture
    await importSource(
      bridge.store,
      {
        source: { id: 'jp.test.list2', kind: 'jp-list', description: 'a second list' },
        version: {
          digest: 'ef'.repeat(32),
          fetchedAt: iso(0),
          sequenceNumber: 1,
          nextUpdate: iso(5),
          signature: { status: 'valid' },
        },
        content: {
          frameworks: [],
          entities: [],
          identities: [],
          authorisations: [
            {
              id: 'jp.test.list2.university.issuer',
              entityId: 'jp.sandbox.university',
              frameworkId: 'jp.academic',
              role: 'issuer',
              credentialTypes: [DIPLOMA],
              assuranceLevel: 'mext-accredited',
              validFrom: iso(-1),
              sourceId: 'jp.test.list2',
            },
          ],
          recognitionRules: [],
        },
      },
      { actor: 'import:jp.test.list2', reason: 'test import' },
      clock,
    )
    await change(fixture, [{ type: 'authorisation.remove', id: 'jp.sandbox.university.issuer' }])
    const verify = async () => {
      const issued = await post('/v1/sandbox/credentials', {
        issuer: 'jp-university',
        nonce: 'n-stale',
        aud: 'https://rp.example.eu',
      })
      assert.equal(issued.statusCode, 201, issued.body)
      const res = await post('/v1/verify', {
        credential: issued.json().credential,
        rp: 'eu.academic',
        nonce: 'n-stale',
        aud: 'https://rp.example.eu',
      })
      return res.json()
    }
    const fresh = await verify()
    assert.equal(fresh.verdict, 'accepted', JSON.stringify(fresh.errors))
    assert.equal(fresh.trustPath.authorisation.id, 'jp.test.list2.university.issuer')
    clock.set(Date.parse(iso(6)))
    const stale = await verify()
    assert.equal(stale.verdict, 'rejected')
    assert.deepEqual(stale.errors, ['trust.source_stale'])
  })
})
