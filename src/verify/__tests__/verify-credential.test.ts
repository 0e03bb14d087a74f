import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { importJWK, SignJWT } from 'jose'
import { movableClock, openTestBridge, sandboxOf } from '../../../test/support/bridge.ts'
import { createCustomIssuer } from '../../../test/support/custom-issuer.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { appendChanges } from '../../log/append-changes.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import { addTrustAnchor } from '../../registry/add-trust-anchor.ts'
import { issueSandboxCredential } from '../../sandbox/issue-sandbox-credential.ts'
import { setSandboxStatus } from '../../sandbox/sandbox-status-lists.ts'
import { encodeStatusList } from '../../status/token-status-list/encode-status-list.ts'

const nonce = 'n-42'
const audience = 'https://admissions.example.eu'

async function issue(bridge: Bridge, issuer: string) {
  return (await issueSandboxCredential(sandboxOf(bridge), issuer, { nonce, audience })).credential
}

const failed = (report: { checks: { status: string; code?: string }[] }) =>
  report.checks.filter((c) => c.status === 'failed').map((c) => c.code)

describe('verification across the border (sandbox ecosystems)', () => {
  const clock = movableClock()
  let bridge: Bridge
  before(async () => {
    bridge = await openTestBridge({ clock })
  })
  after(() => bridge.close())

  test('an EU admissions office accepts a Japanese diploma, with the whole trust path', async () => {
    const report = await bridge.verify({
      credential: await issue(bridge, 'jp-university'),
      relyingPartyFramework: 'eu.academic',
      nonce,
      audience,
    })
    assert.equal(report.verdict, 'accepted', JSON.stringify(report.checks, null, 2))
    assert.deepEqual(report.errors, [])
    assert.equal(report.trustPath.anchor?.identityId, 'jp.sandbox.university.anchor')
    assert.equal(report.trustPath.issuer?.entityId, 'jp.sandbox.university')
    assert.equal(report.trustPath.authorisation?.frameworkId, 'jp.academic')
    assert.equal(report.trustPath.framework?.jurisdiction, 'JP')
    assert.deepEqual(
      report.trustPath.recognition &&
        report.trustPath.recognition.kind === 'rule' && {
          id: report.trustPath.recognition.rule.id,
          from: report.trustPath.recognition.issuerLevel,
          to: report.trustPath.recognition.recognisedLevel,
        },
      {
        id: 'sandbox.eu-academic-recognises-jp-academic',
        from: 'mext-accredited',
        to: 'accredited',
      },
    )
    assert.equal((report.claims?.degree as { title?: string } | undefined)?.title, '修士（工学）')
    assert.deepEqual(report.registry, await getCheckpoint(bridge.store))
    for (const check of [
      'sdjwt.signature',
      'sdjwt.disclosures',
      'kb.binding',
      'trust.chain',
      'trust.issuer',
      'trust.authorisation',
      'status.check',
      'recognition.rule',
    ]) {
      assert.ok(
        report.checks.some((c) => c.check === check && c.status === 'passed'),
        `${check} passed`,
      )
    }
  })

  test('a Japanese employer accepts an EU diploma', async () => {
    const report = await bridge.verify({
      credential: await issue(bridge, 'eu-university'),
      relyingPartyFramework: 'jp.academic',
      nonce,
      audience,
    })
    assert.equal(report.verdict, 'accepted', JSON.stringify(report.errors))
  })

  test('an EU PID relying party rejects a My Number identity: no recognition rule', async () => {
    const report = await bridge.verify({
      credential: await issue(bridge, 'jp-mynumber-idp'),
      relyingPartyFramework: 'eu.eudi.pid',
      nonce,
      audience,
    })
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['recognition.none'])
    assert.equal(
      report.trustPath.authorisation?.frameworkId,
      'jp.mynumber',
      'the trust path still says who issued it',
    )
  })

  test('same framework needs no rule; no relying-party framework skips recognition', async () => {
    const credential = await issue(bridge, 'eu-university')
    const same = await bridge.verify({
      credential,
      relyingPartyFramework: 'eu.academic',
      nonce,
      audience,
    })
    assert.equal(same.verdict, 'accepted')
    assert.deepEqual(same.trustPath.recognition, {
      kind: 'same_framework',
      frameworkId: 'eu.academic',
    })
    const none = await bridge.verify({ credential, nonce, audience })
    assert.equal(none.verdict, 'accepted')
    assert.equal(none.checks.find((c) => c.check === 'recognition.rule')?.status, 'skipped')
  })

  test('an unknown relying-party framework is refused', async () => {
    const report = await bridge.verify({
      credential: await issue(bridge, 'jp-university'),
      relyingPartyFramework: 'xx.unknown',
      nonce,
      audience,
    })
    assert.deepEqual(failed(report), ['recognition.framework_unknown'])
  })

  test('revoked and suspended credentials are rejected once the status list is refetched', async () => {
    const revoked = await issueSandboxCredential(sandboxOf(bridge), 'jp-university', {
      nonce,
      audience,
    })
    const suspended = await issueSandboxCredential(sandboxOf(bridge), 'jp-university', {
      nonce,
      audience,
    })
    await setSandboxStatus(bridge.store, 'jp-university', revoked.statusIndex, 'invalid')
    await setSandboxStatus(bridge.store, 'jp-university', suspended.statusIndex, 'suspended')
    clock.advance(301) // past the list's ttl
    // Key binding is fresh only for 300 s: present again at the new time with the same index.
    const r1 = await bridge.verify({
      credential: await represent(bridge, revoked.statusIndex),
      relyingPartyFramework: 'eu.academic',
      nonce,
      audience,
    })
    assert.ok(r1.errors.includes('status.invalid'), JSON.stringify(r1.errors))
    const r2 = await bridge.verify({
      credential: await represent(bridge, suspended.statusIndex),
      relyingPartyFramework: 'eu.academic',
      nonce,
      audience,
    })
    assert.ok(r2.errors.includes('status.suspended'), JSON.stringify(r2.errors))
  })

  test('an expired credential is rejected with time.expired', async () => {
    const credential = await issue(bridge, 'jp-university')
    clock.advance(366 * 86_400)
    try {
      const report = await bridge.verify({
        credential,
        relyingPartyFramework: 'eu.academic',
        nonce,
        audience,
      })
      assert.ok(report.errors.includes('time.expired'), JSON.stringify(report.errors))
    } finally {
      clock.advance(-366 * 86_400)
    }
  })

  test('key binding for another nonce is rejected', async () => {
    const report = await bridge.verify({
      credential: await issue(bridge, 'jp-university'),
      relyingPartyFramework: 'eu.academic',
      nonce: 'other',
      audience,
    })
    assert.ok(report.errors.includes('kb.nonce_mismatch'))
  })

  test('input that is no credential, or too large, is refused with a code', async () => {
    assert.deepEqual((await bridge.verify({ credential: 'hello' })).errors, [
      'input.format_unknown',
    ])
    const big = `${'a'.repeat(bridge.limits.maxInputBytes)}.b.c~`
    assert.deepEqual((await bridge.verify({ credential: big })).errors, ['input.too_large'])
  })

  test('authorisation suspended through the log: trust.authorisation_inactive', async () => {
    const credential = await issue(bridge, 'eu-university')
    await appendChanges(
      bridge.store,
      [
        {
          type: 'authorisation.status',
          id: 'eu.sandbox.university.issuer',
          status: 'suspended',
          at: new Date(clock.now()).toISOString(),
        },
      ],
      { actor: 'operator:test', reason: 'suspension under investigation' },
      clock,
    )
    bridge.registry.invalidate()
    try {
      const report = await bridge.verify({
        credential,
        relyingPartyFramework: 'jp.academic',
        nonce,
        audience,
      })
      assert.ok(
        report.errors.includes('trust.authorisation_inactive'),
        JSON.stringify(report.errors),
      )
    } finally {
      await appendChanges(
        bridge.store,
        [
          {
            type: 'authorisation.status',
            id: 'eu.sandbox.university.issuer',
            status: 'granted',
            at: new Date(clock.now()).toISOString(),
          },
        ],
        { actor: 'operator:test', reason: 'reinstated' },
        clock,
      )
      bridge.registry.invalidate()
    }
  })

  /** Presents a new credential from jp-university carrying the given status index. */
  async function represent(b: Bridge, statusIndex: number): Promise<string> {
    const { SDJwtVcInstance } = await import('@sd-jwt/sd-jwt-vc')
    const { ES256, digest, generateSalt } = await import('@sd-jwt/crypto-nodejs')
    const keys = sandboxOf(b).keyring.get('jp-university')
    const holder = (await ES256.generateKeyPair()).privateKey
    const { kty, crv, x, y } = holder
    const sdjwt = new SDJwtVcInstance({
      signer: await ES256.getSigner(keys.issuerPrivateJwk),
      signAlg: 'ES256',
      kbSigner: await ES256.getSigner(holder),
      kbSignAlg: 'ES256',
      hasher: digest,
      hashAlg: 'sha-256',
      saltGenerator: generateSalt,
    })
    const iat = Math.floor(clock.now() / 1000)
    const issued = await sdjwt.issue(
      {
        iss: 'https://university.jp.sandbox.kakehashi.example',
        vct: 'urn:kakehashi:sandbox:jp.diploma:1',
        iat,
        exp: iat + 3600,
        cnf: { jwk: { kty, crv, x, y } },
        status: {
          status_list: {
            idx: statusIndex,
            uri: `${sandboxOf(b).publicUrl}/sandbox/status/jp-university`,
          },
        },
        name: '佐藤 健',
      } as never,
      { _sd: ['name'] } as never,
      { header: { typ: 'dc+sd-jwt', x5c: [keys.issuerCertBase64] } },
    )
    return sdjwt.present(issued, undefined, { kb: { payload: { iat, aud: audience, nonce } } })
  }
})

describe('trust decided by the registry, for issuers outside the sandbox', () => {
  let bridge: Bridge
  before(async () => {
    bridge = await openTestBridge({ policy: { allowPrivateFetch: true } })
  })
  after(() => bridge.close())
  const vct = 'urn:example:osaka:diploma:1'

  test('an unknown CA is trust.anchor_unknown; after `anchor add` it is accepted', async () => {
    const issuer = await createCustomIssuer()
    const credential = await issuer.issue({ vct, degree: 'BSc' }, { nonce, aud: audience })
    const before = await bridge.verify({ credential, nonce, audience })
    assert.ok(before.errors.includes('trust.anchor_unknown'), JSON.stringify(before.errors))
    await addTrustAnchor(bridge.store, bridge.clock, {
      frameworkId: 'jp.academic',
      entityName: 'Test University Osaka',
      country: 'JP',
      certPem: issuer.caCertPem,
      credentialTypes: [vct],
      actor: 'operator:test',
      reason: 'test CA',
    })
    bridge.registry.invalidate()
    const afterAdd = await bridge.verify({
      credential,
      relyingPartyFramework: 'jp.academic',
      nonce,
      audience,
    })
    assert.equal(afterAdd.verdict, 'accepted', JSON.stringify(afterAdd.checks, null, 2))
    // eu.academic recognises jp.academic only for the sandbox diploma type, not this one.
    const eu = await bridge.verify({
      credential,
      relyingPartyFramework: 'eu.academic',
      nonce,
      audience,
    })
    assert.deepEqual(eu.errors, ['recognition.none'])
  })

  test('an anchored issuer without authorisation for the type is trust.not_authorised', async () => {
    const issuer = await createCustomIssuer({ name: 'Test College Kyoto' })
    await addTrustAnchor(bridge.store, bridge.clock, {
      frameworkId: 'jp.academic',
      entityName: 'Test College Kyoto',
      country: 'JP',
      certPem: issuer.caCertPem,
      credentialTypes: ['urn:example:other:1'],
      actor: 'operator:test',
      reason: 'test CA',
    })
    bridge.registry.invalidate()
    const report = await bridge.verify({
      credential: await issuer.issue({ vct, degree: 'BA' }, { nonce, aud: audience }),
      nonce,
      audience,
    })
    assert.deepEqual(report.errors, ['trust.not_authorised'])
  })

  test('iss not named by the certificate is vc.iss_mismatch', async () => {
    const issuer = await createCustomIssuer({
      name: 'Test Institute Nagoya',
      sanUris: ['https://other.example'],
    })
    await addTrustAnchor(bridge.store, bridge.clock, {
      frameworkId: 'jp.academic',
      entityName: 'Test Institute Nagoya',
      country: 'JP',
      certPem: issuer.caCertPem,
      credentialTypes: [vct],
      actor: 'operator:test',
      reason: 'test CA',
    })
    bridge.registry.invalidate()
    const report = await bridge.verify({
      credential: await issuer.issue({ vct }, { nonce, aud: audience }),
      nonce,
      audience,
    })
    assert.deepEqual(report.errors, ['vc.iss_mismatch'])
  })

  test('a status list served over HTTP is fetched, its signer checked, and a dead server fails closed', async () => {
    const issuer = await createCustomIssuer({ name: 'Test University Sendai' })
    await addTrustAnchor(bridge.store, bridge.clock, {
      frameworkId: 'jp.academic',
      entityName: 'Test University Sendai',
      country: 'JP',
      certPem: issuer.caCertPem,
      credentialTypes: [vct],
      actor: 'operator:test',
      reason: 'test CA',
    })
    bridge.registry.invalidate()
    const key = await importJWK(issuer.issuerPrivateJwk, 'ES256')
    let requests = 0
    const server = createServer(async (req, res) => {
      requests++
      const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`
      const token = await new SignJWT({
        status_list: {
          bits: 1,
          lst: encodeStatusList(new Uint8Array([0, 1, 0, 0, 0, 0, 0, 0]), 1),
        },
        ttl: 600,
      })
        .setProtectedHeader({ alg: 'ES256', typ: 'statuslist+jwt', x5c: [issuer.issuerCertBase64] })
        .setSubject(uri)
        .setIssuedAt()
        .sign(key)
      res.writeHead(200, { 'content-type': 'application/statuslist+jwt' }).end(token)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status/1`
    try {
      const good = await issuer.issue(
        { vct, status: { status_list: { idx: 0, uri: base } } },
        { nonce, aud: audience },
      )
      const revoked = await issuer.issue(
        { vct, status: { status_list: { idx: 1, uri: base } } },
        { nonce, aud: audience },
      )
      const r0 = await bridge.verify({ credential: good, nonce, audience })
      assert.equal(r0.verdict, 'accepted', JSON.stringify(r0.errors))
      const r1 = await bridge.verify({ credential: revoked, nonce, audience })
      assert.deepEqual(r1.errors, ['status.invalid'])
      assert.equal(requests, 1, 'the second verification used the cached list')
    } finally {
      server.close()
    }
    const dead = await issuer.issue(
      { vct, status: { status_list: { idx: 0, uri: 'http://127.0.0.1:9/status/none' } } },
      { nonce, aud: audience },
    )
    const r2 = await bridge.verify({ credential: dead, nonce, audience })
    assert.deepEqual(r2.errors, ['status.unavailable'])
  })
})
