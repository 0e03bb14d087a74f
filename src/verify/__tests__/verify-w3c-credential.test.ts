// W3C credentials through the whole pipeline: the proof, the data model, the issuer's DID as a registry identity, recognition.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { CompactSign } from 'jose'
import { movableClock, openTestBridge } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { didKeySigner, diploma, FRAMEWORK, register, type Signer, TYPE } from './w3c-support.ts'

describe('a Data Integrity credential through the pipeline', () => {
  let bridge: Bridge
  let issuer: Signer
  // The signer dates its proofs now, so the bridge's clock runs now too.
  const clock = movableClock(Date.now())
  before(async () => {
    bridge = await openTestBridge({ clock })
    issuer = await didKeySigner()
    await register(bridge, issuer.did)
  })
  after(() => bridge.close())

  const verify = (credential: unknown) =>
    bridge.verify({ credential: JSON.stringify(credential), relyingPartyFramework: FRAMEWORK })

  it('is accepted, with the DID identity as the trust anchor and the authorisation that covers it', async () => {
    const report = await verify(await issuer.sign(diploma(issuer.did)))
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(report.format, 'ldp_vc')
    assert.equal(report.credentialType, TYPE)
    assert.equal(report.trustPath.anchor?.identityId, 'test-university.did')
    assert.equal(report.trustPath.anchor?.subject, issuer.did)
    assert.equal(report.trustPath.authorisation?.id, 'test-university.diplomas')
    assert.deepEqual(report.trustPath.recognition, {
      kind: 'same_framework',
      frameworkId: FRAMEWORK,
    })
    const degree = report.claims?.degree as { name: string } | undefined
    assert.equal(degree?.name, '修士（工学）')
  })

  it('a tampered claim fails the proof', async () => {
    const signed = await issuer.sign(diploma(issuer.did))
    ;(signed.credentialSubject as Record<string, unknown>).id = 'did:example:someone-else'
    const report = await verify(signed)
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['w3c.proof_invalid'])
  })

  it('a credential signed by a DID the registry does not know is refused as an unknown issuer', async () => {
    const stranger = await didKeySigner()
    const report = await verify(await stranger.sign(diploma(stranger.did)))
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['trust.issuer_unknown'])
  })

  it('a registered key signing for another issuer is refused', async () => {
    const report = await verify(await issuer.sign(diploma('https://university.example/')))
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['vc.iss_mismatch'])
  })

  it('an unknown context is refused, never fetched', async () => {
    const signed = await issuer.sign(diploma(issuer.did))
    ;(signed['@context'] as string[]).push('https://contexts.example/degree/v1')
    const report = await verify(signed)
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['w3c.context_unknown'])
  })

  it('an expired credential is rejected for time, its proof still verified', async () => {
    const report = await verify(
      await issuer.sign(diploma(issuer.did, { validUntil: '2026-04-01T00:00:00Z' })),
    )
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['w3c.expired'])
  })

  it('a credential that breaks the data model is rejected after its proof', async () => {
    const noSubject = diploma(issuer.did)
    noSubject.credentialSubject = []
    const report = await verify(await issuer.sign(noSubject))
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['w3c.data_model_invalid'])
  })

  it('an Open Badges 3.0 credential that breaks its schema is refused, with the violation’s path', async () => {
    const badge = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.did, type: ['Profile'], name: 'Test University' },
      validFrom: '2026-03-25T00:00:00Z',
      name: 'Master of Engineering',
      // No `achievement`: Open Badges 3.0 requires one.
      credentialSubject: { id: 'did:example:graduate', type: ['AchievementSubject'] },
    }
    const report = await verify(await issuer.sign(badge))
    assert.equal(report.verdict, 'rejected')
    assert.ok(report.errors.includes('w3c.open_badge_schema_invalid'), report.errors.join())
    const failed = report.checks.find((c) => c.code === 'w3c.open_badge_schema_invalid')
    const violations = failed?.detail?.violations as { path: string }[] | undefined
    assert.ok(violations?.some((v) => v.path === '/credentialSubject/achievement'))
  })

  it('a relying party under a framework with no rule for the issuer is told so', async () => {
    const report = await bridge.verify({
      credential: JSON.stringify(await issuer.sign(diploma(issuer.did))),
      relyingPartyFramework: 'eu.academic',
    })
    assert.equal(report.verdict, 'rejected')
    assert.ok(
      report.errors.every((code) => code.startsWith('recognition.')),
      report.errors.join(),
    )
  })
})

describe('a VC-JOSE credential through the pipeline', () => {
  let bridge: Bridge
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicKey.export({ format: 'jwk' }))).toString('base64url')}`
  const clock = movableClock(Date.now())
  before(async () => {
    bridge = await openTestBridge({ clock })
    await register(bridge, did)
  })
  after(() => bridge.close())

  /** Signed with `jose`, an implementation independent of the verifier's JWS code. */
  const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid: `${did}#0`, ...header })
      .sign(privateKey)

  it('vc+jwt signed by a registered did:jwk is accepted', async () => {
    const report = await bridge.verify({
      credential: await sign(diploma(did)),
      relyingPartyFramework: FRAMEWORK,
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(report.format, 'vc+jwt')
    assert.equal(report.trustPath.anchor?.subject, did)
  })

  it('alg none is refused before anything else', async () => {
    const jws = await sign(diploma(did))
    const [, payload] = jws.split('.')
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url')
    const report = await bridge.verify({ credential: `${header}.${payload}.` })
    assert.equal(report.verdict, 'rejected')
    assert.equal(report.errors[0], 'w3c.alg_not_allowed')
  })

  it('a VC-JOSE credential naming another issuer than the key’s controller is refused', async () => {
    const report = await bridge.verify({
      credential: await sign(diploma('did:web:university.example')),
    })
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['w3c.key_not_issuer'])
  })

  it('a `jwk` header that is no public key is refused', async () => {
    const report = await bridge.verify({
      credential: await sign(diploma(did), { kid: undefined, jwk: { kty: 'EC', crv: 'P-256' } }),
    })
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['w3c.key_invalid'])
  })
})
