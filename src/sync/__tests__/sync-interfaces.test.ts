// `registry sync` and `registry sources` from the command line, and POST /v1/registry/sync over HTTP.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { openTestBridge } from '../../../test/support/bridge.ts'
import { captureIo } from '../../../test/support/capture-io.ts'
import { main } from '../../cli/main.ts'
import { createServer } from '../../server/create-server.ts'
import { fixedClock } from '../../util/clock.ts'
import { createTestEcosystem, type TestEcosystem } from './sync-fixtures.ts'

describe('registry sync and sources, from the command line and over HTTP', () => {
  let ecosystem: TestEcosystem
  let dir: string
  const savedEnv = { ...process.env }
  const run = async (...args: string[]) => {
    const io = captureIo()
    const status = await main([...args, '--data-dir', join(dir, 'data')], io)
    return { status, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }
  const sourcesFile = () => ({
    sources: [
      {
        kind: 'etsi-lotl',
        id: 'eu.lotl',
        uri: ecosystem.server.url('/lotl.xml'),
        signers: ['lotl.pem'],
      },
    ],
  })

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kakehashi-sync-'))
    mkdirSync(join(dir, 'data'))
    delete process.env.DATABASE_URL
    delete process.env.KAKEHASHI_SOURCES
    // The test lists are served on 127.0.0.1: a private address, refused unless allowed.
    process.env.KAKEHASHI_ALLOW_PRIVATE_FETCH = '1'
    ecosystem = await createTestEcosystem(['ZZ'])
    await ecosystem.publishLotl()
    await ecosystem.publishList('ZZ', { sequence: 7 })
    writeFileSync(join(dir, 'data', 'lotl.pem'), ecosystem.lotlPem())
  })
  after(async () => {
    process.env = savedEnv
    await ecosystem.server.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('without a sources file, sync explains what to write (exit 2)', async () => {
    const result = await run('registry', 'sync')
    assert.equal(result.status, 2)
    assert.match(result.err, /sources\.config_invalid/)
    assert.match(result.err, /docs\/sources\.md/)
  })

  test('sync reads <data dir>/sources.json, imports, and prints one line per source (exit 0)', async () => {
    writeFileSync(join(dir, 'data', 'sources.json'), JSON.stringify(sourcesFile()))
    const result = await run('registry', 'sync')
    assert.equal(result.status, 0, result.err)
    assert.match(result.out, /imported +eu\.lotl #100/)
    assert.match(result.out, /imported +eu\.tl\.zz #7 .*1\/1 qualified services granted/)
    assert.equal(result.err, '', 'no progress bar when output is not a terminal')
  })

  test('sources lists each version in force; --json gives the states', async () => {
    const text = await run('registry', 'sources')
    assert.equal(text.status, 0)
    assert.match(text.out, /eu\.tl\.zz +\(etsi-tl\) +#7 .*signature valid/)
    const json = JSON.parse((await run('registry', 'sources', '--json')).out) as Array<{
      id: string
      current?: { sequenceNumber: number }
    }>
    assert.equal(json.find((s) => s.id === 'eu.tl.zz')?.current?.sequenceNumber, 7)
  })

  test('a failed source makes sync exit 1, and sources shows the failure beside the version kept', async () => {
    ecosystem.server.documents.set('/ZZ.xml', { body: '<not-a-list/>' })
    const result = await run('registry', 'sync', '--json')
    assert.equal(result.status, 1)
    const report = JSON.parse(result.out) as {
      sources: Array<{ sourceId: string; outcome: string; digest?: string }>
    }
    const failed = report.sources.find((s) => s.sourceId === 'eu.tl.zz')
    assert.equal(failed?.outcome, 'failed')
    assert.match(failed?.digest ?? '', /^[0-9a-f]{64}$/, 'the digest of the version kept in force')
    const text = await run('registry', 'sync')
    assert.match(text.out, /FAILED +eu\.tl\.zz: .*\(keeps #7 in force\)/)
    const sources = await run('registry', 'sources')
    assert.match(sources.out, /eu\.tl\.zz .*#7[\s\S]*last failure .*tl\./)
  })

  test('--lotl needs --lotl-signer (exit 2)', async () => {
    const result = await run('registry', 'sync', '--lotl', ecosystem.server.url('/lotl.xml'))
    assert.equal(result.status, 2)
    assert.match(result.err, /--lotl-signer/)
  })

  test('POST /v1/registry/sync needs the operator token, then reports each source', async () => {
    const bridge = await openTestBridge({
      clock: fixedClock('2026-06-01T00:00:00Z'),
      policy: { allowPrivateFetch: true },
    })
    const operatorToken = 'test-operator-token-0123456789'
    const app = createServer(bridge, { operatorToken, logger: false })
    try {
      await ecosystem.publishList('ZZ', { sequence: 8 })
      const payload = { config: { ...sourcesFile(), baseDir: join(dir, 'data') } }
      const denied = await app.inject({ method: 'POST', url: '/v1/registry/sync', payload })
      assert.equal(denied.statusCode, 401)
      const res = await app.inject({
        method: 'POST',
        url: '/v1/registry/sync',
        payload,
        headers: { authorization: `Bearer ${operatorToken}` },
      })
      assert.equal(res.statusCode, 200, res.body)
      const report = res.json() as {
        sources: Array<{ sourceId: string; outcome: string; sequenceNumber: number }>
      }
      assert.deepEqual(
        report.sources.map((s) => [s.sourceId, s.outcome, s.sequenceNumber]),
        [
          ['eu.lotl', 'imported', 100],
          ['eu.tl.zz', 'imported', 8],
        ],
      )
      const sources = (
        await app.inject({ method: 'GET', url: '/v1/registry/sources' })
      ).json() as Array<{
        id: string
        current?: { sequenceNumber: number }
      }>
      assert.equal(sources.find((s) => s.id === 'eu.tl.zz')?.current?.sequenceNumber, 8)
      const bad = await app.inject({
        method: 'POST',
        url: '/v1/registry/sync',
        payload: { config: { sources: [{ kind: 'etsi-lotl', id: 'X' }], baseDir: '/' } },
        headers: { authorization: `Bearer ${operatorToken}` },
      })
      assert.equal(bad.statusCode, 400)
    } finally {
      await app.close()
      await bridge.close()
    }
  })
})
