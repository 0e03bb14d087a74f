// Sandbox W3C credentials from `POST /v1/sandbox/credentials` and `kakehashi sandbox issue --format ldp_vc|vc+jwt`, and their revocation.
import assert from 'node:assert/strict'
import { createPublicKey } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { compactVerify, decodeProtectedHeader } from 'jose'
import { captureIo } from '../../../test/support/capture-io.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { main } from '../../cli/main.ts'
import { createServer } from '../../server/create-server.ts'
import type { IssuedW3cCredential } from '../issue-sandbox-w3c.ts'
import { didJwkOf } from '../sandbox-w3c-keys.ts'
import { failures, openW3cTestBridge, type W3cTestBridge } from './w3c-support.ts'

describe('sandbox W3C credentials over HTTP and on the command line', () => {
  let bridge: Bridge
  let w3c: W3cTestBridge
  let dataDir: string
  before(async () => {
    w3c = await openW3cTestBridge()
    bridge = w3c.bridge
    dataDir = await mkdtemp(join(tmpdir(), 'kakehashi-w3c-cli-'))
    delete process.env.DATABASE_URL
  })
  after(async () => {
    await bridge.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  test('POST /v1/sandbox/credentials with ldp_vc and vc+jwt; revoked through POST /v1/sandbox/status', async () => {
    const app = createServer(bridge, { operatorToken: 'operator', logger: false })
    const { verify } = w3c
    try {
      const post = (url: string, payload: Record<string, unknown>, operator = false) =>
        app.inject({
          method: 'POST',
          url,
          payload,
          ...(operator ? { headers: { authorization: 'Bearer operator' } } : {}),
        })
      const di = await post('/v1/sandbox/credentials', {
        issuer: 'jp-university',
        format: 'ldp_vc',
      })
      assert.equal(di.statusCode, 201, di.body)
      const issued = di.json() as IssuedW3cCredential
      assert.equal(issued.format, 'ldp_vc')
      assert.equal((await verify(issued.credential, 'eu.academic')).verdict, 'accepted')
      // POST /v1/verify takes a JSON-LD credential as the JSON object it is, not only as text.
      const overHttp = await post('/v1/verify', {
        credential: JSON.parse(issued.credential),
        rp: 'eu.academic',
      })
      assert.equal(overHttp.statusCode, 200, overHttp.body)
      assert.equal(overHttp.json().verdict, 'accepted', overHttp.body)
      assert.equal(overHttp.json().learning.achievement.value, '修士（工学）')

      const elm = await post('/v1/sandbox/credentials', {
        issuer: 'eu-university',
        format: 'vc+jwt',
        credentialType: 'EuropeanDigitalCredential',
      })
      assert.equal(elm.statusCode, 201, elm.body)
      const elmReport = await verify((elm.json() as IssuedW3cCredential).credential, 'jp.academic')
      assert.equal(elmReport.verdict, 'accepted', failures(elmReport))
      const refused = await post('/v1/sandbox/credentials', {
        issuer: 'eu-university',
        format: 'ldp_vc',
        credentialType: 'EuropeanDigitalCredential',
      })
      assert.equal(refused.statusCode, 400)
      assert.equal(refused.json().code, 'usage.invalid')

      const revoke = { issuer: 'jp-university', idx: issued.statusIndex, status: 'invalid' }
      assert.equal((await post('/v1/sandbox/status', revoke)).statusCode, 401)
      const suspended = await post(
        '/v1/sandbox/status',
        { ...revoke, status: 'suspended', list: 'bitstring-status-list' },
        true,
      )
      assert.equal(suspended.statusCode, 400)
      const revoked = await post(
        '/v1/sandbox/status',
        { ...revoke, list: 'bitstring-status-list' },
        true,
      )
      assert.equal(revoked.statusCode, 200, revoked.body)
      w3c.afterStatusChange()
      const report = await verify(issued.credential, 'eu.academic')
      assert.deepEqual(report.errors, ['status.invalid'])

      const list = await app.inject({ method: 'GET', url: '/sandbox/bitstring/jp-university/jose' })
      assert.equal(list.statusCode, 200)
      assert.match(String(list.headers['content-type']), /^application\/vc\+jwt/)
      assert.equal(decodeProtectedHeader(list.body).typ, 'vc+jwt')
      const diList = await app.inject({ method: 'GET', url: '/sandbox/bitstring/jp-university/di' })
      assert.match(String(diList.headers['content-type']), /^application\/vc/)
      assert.equal(diList.json().proof.cryptosuite, 'eddsa-rdfc-2022')
      for (const url of [
        '/sandbox/bitstring/eu-pid-provider/di',
        '/sandbox/bitstring/jp-university/x',
      ])
        assert.equal((await app.inject({ method: 'GET', url })).statusCode, 404, url)

      const issuers = (await app.inject({ method: 'GET', url: '/v1/sandbox/issuers' })).json()
      const eu = issuers.find((i: { id: string }) => i.id === 'eu-university')
      assert.deepEqual(eu.w3c.credentialTypes, [
        { type: 'OpenBadgeCredential', formats: ['ldp_vc', 'vc+jwt'] },
        { type: 'EuropeanDigitalCredential', formats: ['vc+jwt'] },
      ])
    } finally {
      await app.close()
    }
  })

  test('kakehashi sandbox issue --format vc+jwt, and sandbox status … --format vc+jwt', async () => {
    const run = async (...args: string[]) => {
      const io = captureIo()
      const status = await main([...args, '--data-dir', dataDir], io)
      return { status, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
    }
    const json = await run('sandbox', 'issue', 'jp-university', '--format', 'vc+jwt', '--json')
    assert.equal(json.status, 0, json.err)
    const issued = JSON.parse(json.out) as IssuedW3cCredential
    assert.equal(issued.credentialType, 'OpenBadgeCredential')
    // Signed by the P-256 key kept in the data directory, whose did:jwk is the issuer.
    const key = JSON.parse(
      await readFile(join(dataDir, 'sandbox', 'jp-university', 'w3c-p256-key.jwk.json'), 'utf8'),
    )
    assert.equal(issued.issuerDid, didJwkOf(key))
    const { d: _d, ...publicJwk } = key
    await compactVerify(issued.credential, createPublicKey({ key: publicJwk, format: 'jwk' }))

    const plain = await run(
      'sandbox',
      'issue',
      'eu-university',
      '--format',
      'ldp_vc',
      '--type',
      'OpenBadgeCredential',
    )
    assert.equal(plain.status, 0, plain.err)
    assert.equal(JSON.parse(plain.out).proof.cryptosuite, 'eddsa-rdfc-2022')
    assert.match(plain.err, /OpenBadgeCredential by eu-university .* as ldp_vc; status index \d+/)

    // The same data directory's bridge answers its own list locally: accepted across the border.
    const file = join(dataDir, 'jp-diploma.jwt')
    await writeFile(file, issued.credential)
    const verified = await run('verify', file, '--rp', 'eu.academic', '--json')
    assert.equal(verified.status, 0, verified.err)
    assert.equal(JSON.parse(verified.out).verdict, 'accepted', verified.out)

    const idx = String(issued.statusIndex)
    const revoke = await run(
      'sandbox',
      'status',
      'jp-university',
      idx,
      'invalid',
      '--format',
      'vc+jwt',
    )
    assert.equal(revoke.status, 0, revoke.err)
    assert.match(revoke.err, /W3C credential #\d+ is now invalid/)
    const suspend = await run(
      'sandbox',
      'status',
      'jp-university',
      idx,
      'suspended',
      '--format',
      'ldp_vc',
    )
    assert.notEqual(suspend.status, 0)
    const elm = await run(
      'sandbox',
      'issue',
      'jp-university',
      '--format',
      'vc+jwt',
      '--type',
      'EuropeanDigitalCredential',
    )
    assert.notEqual(elm.status, 0)
  })
})
