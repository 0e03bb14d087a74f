// `kakehashi registry query|lookup`, embedded and against a running bridge: answers, evidence, exit statuses.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sandboxOf } from '../../../test/support/bridge.ts'
import { captureIo } from '../../../test/support/capture-io.ts'
import {
  COLLEGE,
  DIPLOMA,
  LIST_NEXT_UPDATE,
  openQueryFixture,
  type QueryFixture,
  start,
  UNI,
  UNI_DID,
  UNI_THUMBPRINT,
} from '../../registry/queries/__tests__/trust-query-fixtures.ts'
import { createServer } from '../../server/create-server.ts'
import { type BridgeApi, localBridgeApi } from '../bridge-api.ts'
import { registryQueryCommand } from '../commands/registry-query-command.ts'
import { main } from '../main.ts'
import { remoteBridgeApi } from '../remote-bridge-api.ts'

describe('kakehashi registry query and lookup', () => {
  let fixture: QueryFixture
  let app: FastifyInstance
  let url: string
  let dir: string
  before(async () => {
    fixture = await openQueryFixture()
    app = createServer(fixture.bridge, { operatorToken: 'test-operator-token-0123', logger: false })
    url = await app.listen({ host: '127.0.0.1', port: 0 })
    dir = mkdtempSync(join(tmpdir(), 'kakehashi-query-'))
  })
  after(async () => {
    await app.close()
    await fixture.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const apis: Record<string, () => BridgeApi> = {
    embedded: () => ({ ...localBridgeApi(fixture.bridge), close: async () => {} }),
    remote: () => remoteBridgeApi(url, undefined),
  }
  const run = async (mode: string, sub: 'query' | 'lookup', ...args: string[]) => {
    const io = captureIo()
    const api = apis[mode] as () => BridgeApi
    const status = await registryQueryCommand(sub, args, io, async () => ({ api: api() }))
    return { status, out: io.stdout.join('\n') }
  }
  const authorization = ['authorization', '--action', 'issue', '--resource', DIPLOMA]

  for (const mode of ['embedded', 'remote']) {
    test(`${mode}: authorised (exit 0) with the evidence on a few lines`, async () => {
      const { status, out } = await run(
        mode,
        'query',
        ...authorization,
        '--entity',
        UNI,
        '--framework',
        'jp.academic',
      )
      assert.equal(status, 0, out)
      assert.match(
        out,
        /^AUTHORISED {2}jp\.test\.uni may issue urn:kakehashi:sandbox:jp\.diploma:1/,
      )
      assert.match(out, /authorisation {2}jp\.test\.uni\.issuer \(issuer, granted .*\) {2}log #\d+/)
      assert.match(out, /framework {6}jp\.academic/)
      assert.match(out, /registry {7}log size \d+, head [0-9a-f]{16}…/)
    })

    test(`${mode}: not authorised (exit 1) with the reason; --json is the TRQP response`, async () => {
      const wrong = await run(
        mode,
        'query',
        ...authorization,
        '--entity',
        UNI,
        '--framework',
        'eu.academic',
      )
      assert.equal(wrong.status, 1)
      assert.match(wrong.out, /^NOT AUTHORISED[^\n]*\n {2}because: authorisation\.other_framework/)
      const json = await run(
        mode,
        'query',
        ...authorization,
        '--entity',
        UNI_DID,
        '--framework',
        'jp.academic',
        '--at',
        '2020-01-01T09:00:00+09:00',
        '--json',
      )
      assert.equal(json.status, 1)
      const answer = JSON.parse(json.out)
      assert.equal(answer.authorized, false)
      assert.equal(answer.time_requested, '2020-01-01T00:00:00.000Z')
      assert.equal(answer.evidence.reason, 'authorisation.not_yet_valid')
      const unknown = await run(
        mode,
        'query',
        ...authorization,
        '--entity',
        'jp.nobody',
        '--framework',
        'jp.academic',
      )
      assert.equal(unknown.status, 1)
      assert.match(unknown.out, /^NOT AUTHORISED {2}because: trqp\.entity_unknown/)
    })

    test(`${mode}: recognition, with the level; the reverse is not recognised`, async () => {
      const yes = await run(
        mode,
        'query',
        'recognition',
        '--framework',
        'eu.academic',
        '--recognised',
        'jp.academic',
        '--resource',
        DIPLOMA,
        '--level',
        'mext-accredited',
      )
      assert.equal(yes.status, 0, yes.out)
      assert.match(yes.out, /^RECOGNISED/)
      assert.match(yes.out, /rule {11}sandbox\.eu-academic-recognises-jp-academic/)
      assert.match(yes.out, /level {10}mext-accredited → accredited/)
      const no = await run(
        mode,
        'query',
        'recognition',
        '--framework',
        'jp.academic',
        '--recognised',
        'eu.academic',
        '--resource',
        DIPLOMA,
      )
      assert.equal(no.status, 1)
      assert.match(no.out, /because: recognition\.none/)
    })

    test(`${mode}: lookup by certificate file, thumbprint and DID`, async () => {
      const pemFile = join(dir, `${mode}-anchor.pem`)
      writeFileSync(pemFile, sandboxOf(fixture.bridge).keyring.get('jp-university').caCertPem)
      const byCert = await run(mode, 'lookup', '--cert', pemFile)
      assert.equal(byCert.status, 0, byCert.out)
      assert.match(byCert.out, /identity {7}jp\.sandbox\.university\.anchor \(x509\.trust_anchor/)
      assert.match(
        byCert.out,
        /authorisation {2}jp\.sandbox\.university\.issuer issuer .*\[in force\]/,
      )
      const byThumbprint = await run(mode, 'lookup', '--thumbprint', UNI_THUMBPRINT, '--json')
      assert.equal(JSON.parse(byThumbprint.out).matches[0].entity.id, UNI)
      const none = await run(mode, 'lookup', '--did', 'did:web:nobody.example')
      assert.equal(none.status, 1)
      assert.match(none.out, /^NOT FOUND {2}DID did:web:nobody\.example/)
      const byDid = await run(mode, 'lookup', '--did', UNI_DID)
      assert.equal(byDid.status, 0)
    })
  }

  test('a stale list is said so on the command line', async () => {
    fixture.clock.set(Date.parse(LIST_NEXT_UPDATE) + 1)
    try {
      const { status, out } = await run(
        'embedded',
        'query',
        ...authorization,
        '--entity',
        COLLEGE,
        '--framework',
        'jp.academic',
      )
      assert.equal(status, 1)
      assert.match(out, /because: source\.stale/)
      assert.match(out, /source {9}jp\.test\.list \(jp-list\) #7 .* STALE/)
    } finally {
      fixture.clock.set(start)
      fixture.bridge.registry.invalidate()
    }
  })

  test('bad input: exit 2 before any bridge is opened', async () => {
    for (const args of [
      ['registry', 'query', 'nonsense'],
      ['registry', 'query', 'authorization', '--entity', UNI, '--at', 'soon'],
      ['registry', 'lookup', '--did', UNI_DID, '--thumbprint', UNI_THUMBPRINT],
      ['registry', 'lookup', '--cert', join(dir, 'missing.pem')],
      ['registry', 'query', 'authorization', '--entity', UNI],
    ]) {
      const io = captureIo()
      assert.equal(await main(args, io), 2, args.join(' '))
    }
  })
})
