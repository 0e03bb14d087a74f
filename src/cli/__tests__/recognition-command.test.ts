// `kakehashi recognition list|show|explain`, embedded and against a running bridge: output and exit statuses.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { captureIo } from '../../../test/support/capture-io.ts'
import { isKakehashiError } from '../../errors.ts'
import {
  DIPLOMA,
  MYNUMBER,
  openQueryFixture,
  type QueryFixture,
} from '../../registry/queries/__tests__/trust-query-fixtures.ts'
import { sandboxRecognitionRules } from '../../sandbox/sandbox-ecosystems.ts'
import { createServer } from '../../server/create-server.ts'
import { type BridgeApi, localBridgeApi } from '../bridge-api.ts'
import { recognitionCommand } from '../commands/recognition-command.ts'
import { main } from '../main.ts'
import { remoteBridgeApi } from '../remote-bridge-api.ts'

const SANDBOX_RULE = 'sandbox.eu-academic-recognises-jp-academic'

describe('kakehashi recognition', () => {
  let fixture: QueryFixture
  let app: FastifyInstance
  let url: string
  before(async () => {
    fixture = await openQueryFixture()
    app = createServer(fixture.bridge, { operatorToken: 'test-operator-token-0123', logger: false })
    url = await app.listen({ host: '127.0.0.1', port: 0 })
  })
  after(async () => {
    await app.close()
    await fixture.close()
  })

  const apis: Record<string, () => BridgeApi> = {
    embedded: () => ({ ...localBridgeApi(fixture.bridge), close: async () => {} }),
    remote: () => remoteBridgeApi(url, undefined),
  }
  const run = async (mode: string, ...args: string[]) => {
    const io = captureIo()
    const api = apis[mode] as () => BridgeApi
    const status = await recognitionCommand(args, io, async () => ({ api: api() }))
    return { status, out: io.stdout.join('\n') }
  }

  for (const mode of ['embedded', 'remote']) {
    test(`${mode}: list names every rule with both frameworks, bilingual where they are`, async () => {
      const { status, out } = await run(mode, 'list')
      assert.equal(status, 0, out)
      for (const rule of sandboxRecognitionRules) assert.match(out, new RegExp(rule.id))
      assert.match(out, /日本の高等教育 学位 \/ Japanese higher-education degrees/)
      assert.match(out, /recognises jp\.academic/)
      const json = await run(mode, 'list', '--json')
      const ids = JSON.parse(json.out).rules.map((r: { id: string }) => r.id)
      assert.ok(ids.includes(SANDBOX_RULE))
    })

    test(`${mode}: show prints every field of the rule and the log entry that put it`, async () => {
      const { status, out } = await run(mode, 'show', SANDBOX_RULE)
      assert.equal(status, 0, out)
      assert.match(out, /^recognition rule sandbox\.eu-academic-recognises-jp-academic/)
      assert.match(out, /direction {6}eu\.academic ← jp\.academic/)
      assert.match(out, /levels {9}mext-accredited → accredited; no minimum/)
      assert.match(out, /legal basis {4}Sandbox rule/)
      assert.match(out, /log entry {6}#\d+ {2}\S+ {2}by \S+: /)
      assert.match(out, /entry [0-9a-f]{16}… {2}prev [0-9a-f]{16}…/)
      assert.match(out, /reverse .*sandbox\.jp-academic-recognises-eu-academic/)
      const json = JSON.parse((await run(mode, 'show', SANDBOX_RULE, '--json')).out)
      assert.equal(json.rule.logEntry.seq, json.rule.logSeq)
    })

    test(`${mode}: show of an unknown rule id is registry.not_found`, async () => {
      await assert.rejects(
        run(mode, 'show', 'no.such.rule'),
        (error) => isKakehashiError(error) && error.code === 'registry.not_found',
      )
    })

    test(`${mode}: every sandbox rule explained end to end: recognised (exit 0), rule and entry`, async () => {
      for (const rule of sandboxRecognitionRules) {
        const level = Object.keys(rule.levelMapping)[0] as string
        for (const type of rule.credentialTypes) {
          const args = [rule.recognisingFrameworkId, rule.recognisedFrameworkId, '--type', type]
          const { status, out } = await run(mode, 'explain', ...args, '--level', level)
          assert.equal(status, 0, out)
          assert.ok(
            out.startsWith(
              `RECOGNISED  ${rule.recognisingFrameworkId} recognises ${rule.recognisedFrameworkId} for ${type}`,
            ),
            out,
          )
          assert.match(out, new RegExp(`rule {11}${rule.id.replaceAll('.', '\\.')}`))
          assert.match(out, new RegExp(`counts as {6}${rule.levelMapping[level]}`))
          assert.match(out, /log entry {6}#\d+/)
          assert.match(out, /reverse {8}the reverse, /)
          const json = JSON.parse((await run(mode, 'explain', ...args, '--json')).out)
          assert.equal(json.verdict, 'recognised')
          assert.equal(json.types[0].rule.id, rule.id)
          assert.equal(typeof json.types[0].rule.logEntry.entryHash, 'string')
        }
      }
    })

    test(`${mode}: not recognised (exit 1) says why and which rules did not apply`, async () => {
      const { status, out } = await run(
        mode,
        'explain',
        'eu.eudi.pid',
        'jp.mynumber',
        '--type',
        MYNUMBER,
      )
      assert.equal(status, 1, out)
      assert.match(out, /^NOT RECOGNISED {2}eu\.eudi\.pid does not recognise jp\.mynumber/)
      assert.match(out, /because: recognition\.not_in_force/)
      assert.match(out, /not deciding {3}test\.eu-pid-recognises-jp-mynumber-later {2}not_in_force/)
    })

    test(`${mode}: the asymmetry is spelled out, and a level unmapped is a refusal`, async () => {
      const { status, out } = await run(
        mode,
        'explain',
        'eu.academic',
        'jp.academic',
        '--type',
        DIPLOMA,
        '--level',
        'unlisted',
      )
      assert.equal(status, 1, out)
      assert.match(out, /because: recognition\.level_unmapped/)
      assert.match(out, /not one of jp\.academic's levels/)
      assert.match(
        out,
        /the reverse, jp\.academic recognising eu\.academic, is a separate question, answered by separate rules: sandbox\.jp-academic-recognises-eu-academic; none of them names/,
      )
    })

    test(`${mode}: an unknown framework is a no with a reason (exit 1); --json parses`, async () => {
      const { status, out } = await run(mode, 'explain', 'xx.unknown', 'jp.academic')
      assert.equal(status, 1, out)
      assert.match(out, /because: recognition\.framework_unknown/)
      const json = await run(mode, 'explain', 'xx.unknown', 'jp.academic', '--json')
      assert.equal(JSON.parse(json.out).reason, 'recognition.framework_unknown')
    })

    test(`${mode}: without --type every type of the pair is answered`, async () => {
      const { status, out } = await run(mode, 'explain', 'jp.academic', 'eu.academic')
      assert.equal(status, 0, out)
      for (const type of sandboxRecognitionRules[1]?.credentialTypes ?? [])
        assert.match(out, new RegExp(`^ {2}${type.replaceAll('.', '\\.')} {2}RECOGNISED$`, 'm'))
    })
  }

  test('bad usage: exit 2 before any bridge is opened', async () => {
    const refuse = async () => {
      throw new Error('no bridge should be opened')
    }
    for (const args of [
      [],
      ['forget'],
      ['explain', 'eu.academic'],
      ['explain', 'eu.academic', 'jp.academic', 'extra'],
      ['explain', 'eu.academic', 'jp.academic', '--at', 'yesterday'],
      ['list', '--type', DIPLOMA],
      ['show'],
      ['list', '--colour'],
    ]) {
      const io = captureIo()
      await assert.rejects(
        recognitionCommand(args, io, refuse),
        (error) => isKakehashiError(error) && error.code === 'usage.invalid',
        args.join(' '),
      )
    }
    const io = captureIo()
    assert.equal(await main(['recognition', 'explain'], io), 2)
    assert.match(io.stderr.join('\n'), /usage\.invalid/)
  })
})
