// GET /v1/recognition/rules, /rules/:id and /explain: answers, problems for unknown ids and bad params.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { readLog } from '../../log/read-log.ts'
import {
  DIPLOMA,
  FUTURE_RULE,
  iso,
  LIST_RULE,
  MYNUMBER,
  openQueryFixture,
  type QueryFixture,
} from '../../registry/queries/__tests__/trust-query-fixtures.ts'
import { sandboxRecognitionRules } from '../../sandbox/sandbox-ecosystems.ts'
import { createServer } from '../create-server.ts'

const SANDBOX_RULE = 'sandbox.eu-academic-recognises-jp-academic'

describe('recognition over HTTP', () => {
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
  const get = (url: string) => app.inject({ method: 'GET', url })
  const explain = (params: Record<string, string>) =>
    get(`/v1/recognition/explain?${new URLSearchParams(params)}`)

  test('GET /v1/recognition/rules: every rule with its log seq, the frameworks and the checkpoint', async () => {
    const res = await get('/v1/recognition/rules')
    assert.equal(res.statusCode, 200, res.body)
    const body = res.json()
    const ids = body.rules.map((r: { id: string }) => r.id)
    for (const rule of sandboxRecognitionRules) assert.ok(ids.includes(rule.id), rule.id)
    assert.ok(ids.includes(LIST_RULE) && ids.includes(FUTURE_RULE))
    assert.deepEqual(ids, [...ids].sort())
    for (const rule of body.rules) assert.equal(typeof rule.logSeq, 'number', rule.id)
    assert.equal(body.rules.find((r: { id: string }) => r.id === FUTURE_RULE).inForce, false)
    assert.ok(body.frameworks.some((f: { id: string }) => f.id === 'jp.academic'))
    assert.equal(body.checkpoint.size, (await fixture.bridge.registry.get()).checkpoint.size)
  })

  test('GET /v1/recognition/rules/:id: the rule and the log entry that put it', async () => {
    const res = await get(`/v1/recognition/rules/${SANDBOX_RULE}`)
    assert.equal(res.statusCode, 200, res.body)
    const { rule, recognising, reverse } = res.json()
    assert.equal(rule.id, SANDBOX_RULE)
    assert.equal(recognising.id, 'eu.academic')
    const [stored] = await readLog(fixture.bridge.store, { fromSeq: rule.logSeq, limit: 1 })
    assert.equal(rule.logEntry.seq, rule.logSeq)
    assert.equal(rule.logEntry.entryHash, stored?.entryHash)
    assert.equal(rule.logEntry.prevHash, stored?.prevHash)
    assert.equal(reverse.hasRule, true)
  })

  test('an unknown rule id is a 404 problem with code registry.not_found', async () => {
    const res = await get('/v1/recognition/rules/no.such.rule')
    assert.equal(res.statusCode, 404)
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
    assert.equal(res.json().code, 'registry.not_found')
  })

  test('a malformed rule id is 400 input.invalid', async () => {
    const res = await get('/v1/recognition/rules/Not%20An%20Id')
    assert.equal(res.statusCode, 400)
    assert.equal(res.json().code, 'input.invalid')
  })

  test('GET /v1/recognition/explain: recognised, with the deciding rule and its log entry', async () => {
    const res = await explain({
      recognising: 'eu.academic',
      recognised: 'jp.academic',
      type: DIPLOMA,
      level: 'mext-accredited',
    })
    assert.equal(res.statusCode, 200, res.body)
    const body = res.json()
    assert.equal(body.verdict, 'recognised')
    assert.equal(body.types[0].rule.id, SANDBOX_RULE)
    assert.equal(body.types[0].rule.logEntry.seq, body.types[0].rule.logSeq)
    assert.equal(body.types[0].recognisedLevel, 'accredited')
    assert.equal(body.reverse.hasRule, true)
  })

  test('not recognised is 200 with the reason; at reads rules in force then', async () => {
    const res = await explain({
      recognising: 'eu.eudi.pid',
      recognised: 'jp.mynumber',
      type: MYNUMBER,
      at: iso(500),
    })
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.json().verdict, 'recognised', 'the future rule is in force by then')
    const now = await explain({
      recognising: 'eu.eudi.pid',
      recognised: 'jp.mynumber',
      type: MYNUMBER,
    })
    assert.equal(now.json().verdict, 'not_recognised')
    assert.equal(now.json().reason, 'recognition.not_in_force')
  })

  test('an unknown framework is 200 with recognition.framework_unknown', async () => {
    const res = await explain({ recognising: 'xx.unknown', recognised: 'jp.academic' })
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().reason, 'recognition.framework_unknown')
  })

  test('bad parameters are 400 input.invalid', async () => {
    for (const url of [
      '/v1/recognition/explain?recognised=jp.academic',
      '/v1/recognition/explain?recognising=eu.academic&recognised=jp.academic&at=yesterday',
      '/v1/recognition/explain?recognising=eu.academic&recognised=jp.academic&colour=red',
      '/v1/recognition/explain?recognising=eu.academic&recognising=jp.academic&recognised=jp.academic',
      '/v1/recognition/explain?recognising=EU%20Academic&recognised=jp.academic',
    ]) {
      const res = await get(url)
      assert.equal(res.statusCode, 400, url)
      assert.equal(res.json().code, 'input.invalid', url)
    }
  })

  test('the OpenAPI document describes the three routes and the explain parameters', async () => {
    const paths = (await get('/openapi.json')).json().paths
    assert.ok(paths['/v1/recognition/rules'].get)
    assert.ok(paths['/v1/recognition/rules/{id}'].get.responses[404])
    const parameters = paths['/v1/recognition/explain'].get.parameters as {
      name: string
      required: boolean
    }[]
    assert.deepEqual(
      parameters.map((p) => [p.name, p.required]),
      [
        ['recognising', true],
        ['recognised', true],
        ['type', false],
        ['level', false],
        ['at', false],
      ],
    )
  })
})
