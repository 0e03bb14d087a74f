import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { captureIo } from '../../../test/support/capture-io.ts'
import { createTrustAnchor } from '../../sandbox/sandbox-pki.ts'
import { main } from '../main.ts'

describe('kakehashi command line (embedded store in a data directory)', () => {
  let dir: string
  const run = async (...args: string[]) => {
    const io = captureIo()
    const status = await main([...args, '--data-dir', join(dir, 'data')], io)
    return { status, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kakehashi-cli-'))
    delete process.env.DATABASE_URL
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('sandbox issue, then verify: accepted (exit 0) across the border, rejected (exit 1) without recognition', async () => {
    const issued = await run(
      'sandbox',
      'issue',
      'jp-university',
      '--nonce',
      'n1',
      '--aud',
      'https://rp.example.eu',
    )
    assert.equal(issued.status, 0, issued.err)
    const file = join(dir, 'diploma.txt')
    writeFileSync(file, issued.out)
    const accepted = await run(
      'verify',
      file,
      '--rp',
      'eu.academic',
      '--nonce',
      'n1',
      '--aud',
      'https://rp.example.eu',
    )
    assert.equal(accepted.status, 0, accepted.out)
    assert.match(accepted.out, /^ACCEPTED/)
    assert.match(accepted.out, /sandbox\.eu-academic-recognises-jp-academic/)

    const id = await run(
      'sandbox',
      'issue',
      'jp-mynumber-idp',
      '--nonce',
      'n2',
      '--aud',
      'https://bank.example.eu',
    )
    writeFileSync(file, id.out)
    const rejected = await run(
      'verify',
      file,
      '--rp',
      'eu.eudi.pid',
      '--nonce',
      'n2',
      '--aud',
      'https://bank.example.eu',
      '--json',
    )
    assert.equal(rejected.status, 1)
    const report = JSON.parse(rejected.out)
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['recognition.none'])
  })

  test('bad input and usage exit 2 with a coded message', async () => {
    const file = join(dir, 'garbage.txt')
    writeFileSync(file, 'not a credential')
    const garbage = await run('verify', file)
    assert.equal(
      garbage.status,
      2,
      'input that is no credential is bad input, reported with its code',
    )
    assert.match(garbage.out, /input\.format_unknown/)
    assert.equal((await run('verify')).status, 2)
    assert.equal((await run('verify', join(dir, 'missing.txt'))).status, 2)
    const unknown = await run('verify', file, '--frobnicate')
    assert.equal(unknown.status, 2)
    assert.match(unknown.err, /usage\.invalid/)
    assert.equal((await run('sandbox', 'issue', 'nobody')).status, 2)
  })

  test('registry list, show and log; anchor add is logged as an operator change', async () => {
    const list = await run('registry', 'list', 'frameworks', '--json')
    assert.equal(list.status, 0)
    assert.deepEqual(
      JSON.parse(list.out)
        .map((f: { id: string }) => f.id)
        .sort(),
      ['eu.academic', 'eu.eudi.pid', 'jp.academic', 'jp.mynumber'],
    )
    const show = await run('registry', 'show', 'jp.sandbox.university', '--json')
    assert.equal(JSON.parse(show.out).kind, 'entity')
    assert.equal((await run('registry', 'show', 'no.such.thing')).status, 2)

    const ca = await createTrustAnchor({
      commonName: 'My Test CA',
      organisation: 'My Org',
      country: 'FR',
      validityDays: 30,
    })
    const pem = join(dir, 'ca.pem')
    writeFileSync(pem, ca.certPem)
    const added = await run(
      'registry',
      'anchor',
      'add',
      '--framework',
      'eu.academic',
      '--entity',
      'My Org',
      '--cert',
      pem,
      '--credential-type',
      'urn:example:diploma',
      '--country',
      'FR',
      '--json',
    )
    assert.equal(added.status, 0, added.err)
    const entries = JSON.parse(added.out)
    assert.ok(entries.some((e: { change: { type: string } }) => e.change.type === 'identity.put'))
    const intact = await run('registry', 'verify-log', '--json')
    assert.equal(intact.status, 0, intact.err)
    assert.equal(JSON.parse(intact.out).ok, true)
    const log = await run('registry', 'log', '--json')
    const last = JSON.parse(log.out).at(-1)
    assert.match(last.actor, /^operator:/)
    assert.equal(
      (
        await run(
          'registry',
          'anchor',
          'add',
          '--framework',
          'eu.academic',
          '--entity',
          'X',
          '--cert',
          pem,
        )
      ).status,
      2,
    )
  })
})

test('the kakehashi bin runs through npx-style invocation', () => {
  const result = spawnSync(process.execPath, ['bin/kakehashi.js', 'help'], { encoding: 'utf8' })
  assert.equal(result.status, 0, result.stderr)
  assert.match(result.stdout, /kakehashi verify/)
})
