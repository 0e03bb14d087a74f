// W3C presentations through the pipeline: the holder's proof over the verifier's nonce and audience, then the credential it carries.
import assert from 'node:assert/strict'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import * as vc from '@digitalbazaar/vc'
import { CompactSign } from 'jose'
import { movableClock, openTestBridge } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { defaultLimits, defaultPolicy } from '../../config.ts'
import { CheckList } from '../../report/check-list.ts'
import { secureW3cCredential } from '../secure-w3c.ts'
import type { VerifierDeps } from '../verify-credential.ts'
import { didKeySigner, diploma, FRAMEWORK, register, type Signer } from './w3c-support.ts'

const NONCE = 'n-7f3a9c'
const AUDIENCE = 'https://admissions.university.example'

describe('a Data Integrity presentation through the pipeline', () => {
  let bridge: Bridge
  let issuer: Signer
  let holder: Signer
  const clock = movableClock(Date.now())
  before(async () => {
    bridge = await openTestBridge({ clock })
    issuer = await didKeySigner()
    holder = await didKeySigner()
    await register(bridge, issuer.did)
  })
  after(() => bridge.close())

  /** The holder's own diploma, presented with the Digital Bazaar stack (`signPresentation`). */
  async function presentation(
    options: { subject?: string; credentials?: number; holderId?: string } = {},
  ): Promise<Record<string, unknown>> {
    const credential = await issuer.sign(
      diploma(issuer.did, {
        credentialSubject: {
          id: options.subject ?? holder.did,
          degree: { type: 'ExampleMasterDegree', name: '修士（工学）' },
        },
      }),
    )
    return vc.createPresentation({
      verifiableCredential: Array.from({ length: options.credentials ?? 1 }, () => credential),
      holder: options.holderId ?? holder.did,
    })
  }

  const verify = (
    presented: Record<string, unknown>,
    request: { nonce?: string; audience?: string } = { nonce: NONCE, audience: AUDIENCE },
  ) =>
    bridge.verify({
      credential: JSON.stringify(presented),
      relyingPartyFramework: FRAMEWORK,
      ...request,
    })

  it('is accepted: the holder’s proof for this nonce and audience, the holder the subject, the issuer trusted', async () => {
    const report = await verify(await holder.present(await presentation(), NONCE, AUDIENCE))
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(report.format, 'ldp_vc')
    assert.deepEqual(report.presentation, { holder: holder.did, format: 'ldp_vp' })
    assert.equal(report.trustPath.anchor?.subject, issuer.did)
    const binding = report.checks.filter((c) => c.check === 'kb.binding')
    assert.equal(binding.length, 2)
    assert.ok(binding.every((c) => c.status === 'passed'))
    assert.match(binding[1]?.message ?? '', /is the credential’s subject/)
  })

  it('without a domain, the audience need not be given', async () => {
    const report = await verify(await holder.present(await presentation(), NONCE), {
      nonce: NONCE,
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
  })

  it('another nonce fails the challenge', async () => {
    const report = await verify(await holder.present(await presentation(), 'n-other', AUDIENCE))
    assert.deepEqual(report.errors, ['w3c.challenge_mismatch'])
  })

  it('another audience fails the domain', async () => {
    const signed = await holder.present(await presentation(), NONCE, 'https://elsewhere.example')
    const report = await verify(signed)
    assert.deepEqual(report.errors, ['w3c.domain_mismatch'])
  })

  it('no nonce from the verifier: refused, whatever the presentation carries', async () => {
    const report = await verify(await holder.present(await presentation(), NONCE, AUDIENCE), {})
    assert.deepEqual(report.errors, ['w3c.nonce_required'])
  })

  it('a domain the verifier did not state: refused', async () => {
    const signed = await holder.present(await presentation(), NONCE, AUDIENCE)
    const report = await verify(signed, { nonce: NONCE })
    assert.deepEqual(report.errors, ['w3c.aud_required'])
  })

  it('a presentation signed by someone other than its holder is refused', async () => {
    const other = await didKeySigner()
    const report = await verify(await other.present(await presentation(), NONCE, AUDIENCE))
    assert.deepEqual(report.errors, ['w3c.key_not_holder'])
  })

  it('a holder presenting someone else’s diploma is refused for holder binding', async () => {
    const signed = await holder.present(
      await presentation({ subject: 'did:example:another-graduate' }),
      NONCE,
      AUDIENCE,
    )
    const report = await verify(signed)
    assert.deepEqual(report.errors, ['w3c.holder_not_subject'])
  })

  it('a presentation of two credentials is refused: one credential per presentation', async () => {
    const signed = await holder.present(await presentation({ credentials: 2 }), NONCE, AUDIENCE)
    const report = await verify(signed)
    assert.deepEqual(report.errors, ['w3c.presentation_credential_count'])
  })

  it('a tampered credential inside a valid presentation fails its own proof', async () => {
    const unsigned = await presentation()
    const [credential] = unsigned.verifiableCredential as Record<string, unknown>[]
    ;(credential?.credentialSubject as Record<string, unknown>).degree = { name: '博士（工学）' }
    const report = await verify(await holder.present(unsigned, NONCE, AUDIENCE))
    assert.deepEqual(report.errors, ['w3c.proof_invalid'])
  })

  it('a credential not embedded with its own proof is refused', async () => {
    const unsigned = await presentation()
    const [credential] = unsigned.verifiableCredential as Record<string, unknown>[]
    delete credential?.proof
    const report = await verify(await holder.present(unsigned, NONCE, AUDIENCE))
    assert.deepEqual(report.errors, ['w3c.presentation_unsupported'])
  })

  it('where a credential is expected (a status list), a presentation is refused', async () => {
    const checks = new CheckList()
    const text = JSON.stringify(await holder.present(await presentation(), NONCE, AUDIENCE))
    // The securing step reads only the clock, policy and limits (and bundled W3C defaults).
    const deps = { clock, policy: defaultPolicy, limits: defaultLimits } as unknown as VerifierDeps
    const secured = await secureW3cCredential({ securing: 'data-integrity', text }, deps, checks)
    assert.ok(!('credential' in secured))
    assert.deepEqual(checks.failureCodes, ['w3c.presentation_unsupported'])
  })
})

describe('a VC-JOSE presentation through the pipeline', () => {
  let bridge: Bridge
  const issuerKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const holderKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const didJwk = (key: KeyObject) =>
    `did:jwk:${Buffer.from(JSON.stringify(key.export({ format: 'jwk' }))).toString('base64url')}`
  const issuerDid = didJwk(issuerKeys.publicKey)
  const holderDid = didJwk(holderKeys.publicKey)
  const clock = movableClock(Date.now())
  before(async () => {
    bridge = await openTestBridge({ clock })
    await register(bridge, issuerDid)
  })
  after(() => bridge.close())

  /** Signed with `jose`, an implementation independent of the verifier's JWS code. */
  const sign = (
    payload: Record<string, unknown>,
    header: Record<string, unknown>,
    key: KeyObject,
  ) =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', ...header })
      .sign(key)

  async function vpJwt(claims: Record<string, unknown>, credentials = 1): Promise<string> {
    const credential = await sign(
      diploma(issuerDid, {
        credentialSubject: { id: holderDid, degree: { name: '修士（工学）' } },
      }),
      { typ: 'vc+jwt', cty: 'vc', kid: `${issuerDid}#0` },
      issuerKeys.privateKey,
    )
    const envelope = {
      '@context': 'https://www.w3.org/ns/credentials/v2',
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${credential}`,
    }
    return sign(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: holderDid,
        verifiableCredential: Array.from({ length: credentials }, () => envelope),
        ...claims,
      },
      { typ: 'vp+jwt', cty: 'vp', kid: `${holderDid}#0` },
      holderKeys.privateKey,
    )
  }

  const verify = (credential: string, request: { nonce?: string; audience?: string }) =>
    bridge.verify({ credential, relyingPartyFramework: FRAMEWORK, ...request })

  it('vp+jwt with an enveloped vc+jwt is accepted for its nonce and audience', async () => {
    const report = await verify(await vpJwt({ nonce: NONCE, aud: AUDIENCE }), {
      nonce: NONCE,
      audience: AUDIENCE,
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(report.format, 'vc+jwt')
    assert.deepEqual(report.presentation, { holder: holderDid, format: 'vp+jwt' })
    assert.equal(report.trustPath.anchor?.subject, issuerDid)
  })

  it('another nonce is refused', async () => {
    const report = await verify(await vpJwt({ nonce: 'n-other', aud: AUDIENCE }), {
      nonce: NONCE,
      audience: AUDIENCE,
    })
    assert.deepEqual(report.errors, ['w3c.nonce_mismatch'])
  })

  it('a presentation bound to no nonce is refused: it could be replayed', async () => {
    const report = await verify(await vpJwt({}), {})
    assert.deepEqual(report.errors, ['w3c.nonce_required'])
  })

  it('two credentials in one presentation are refused', async () => {
    const report = await verify(await vpJwt({ nonce: NONCE, aud: AUDIENCE }, 2), {
      nonce: NONCE,
      audience: AUDIENCE,
    })
    assert.deepEqual(report.errors, ['w3c.presentation_credential_count'])
  })
})
