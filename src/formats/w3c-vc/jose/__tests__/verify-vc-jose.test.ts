// vc+jwt, vp+jwt and VC 1.1 JWTs produced with jose: each check refuses what it names, with its code.
import assert from 'node:assert/strict'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { describe, test } from 'node:test'
import { CompactSign, calculateJwkThumbprint, exportJWK } from 'jose'
import { type VerifyVcJoseCoseOptions, verifyVcJose } from '../index.ts'
import { fails, methodOf, resolverOf, verifies } from './support.ts'

const ISSUER = 'did:example:issuer'
const HOLDER = 'did:example:holder'
const NOW = Date.parse('2026-03-01T00:00:00Z')
const nowSec = NOW / 1000

const issuerKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const holderKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const otherKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' })

const resolver = await resolverOf([
  { method: methodOf(`${ISSUER}#key-1`, ISSUER, issuerKeys.publicKey, ['assertionMethod']) },
  { method: methodOf(`${HOLDER}#key-1`, HOLDER, holderKeys.publicKey, ['authentication']) },
  // Listed by a controller other than the issuer, and under no relationship of use here.
  { method: methodOf('did:example:mallory#key-1', 'did:example:mallory', otherKeys.publicKey) },
  { method: methodOf(`${ISSUER}#key-2`, ISSUER, otherKeys.publicKey, ['keyAgreement']) },
])

const options = (extra: Partial<VerifyVcJoseCoseOptions> = {}): VerifyVcJoseCoseOptions => ({
  resolveVerificationMethod: resolver,
  allowedAlgorithms: ['ES256', 'EdDSA', 'RS256'],
  nowMs: NOW,
  clockSkewSec: 60,
  ...extra,
})

const credential = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:credential-1',
  type: ['VerifiableCredential'],
  issuer: ISSUER,
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { id: HOLDER, name: 'Sato Hanako' },
  ...extra,
})

async function sign(
  payload: Record<string, unknown>,
  header: Record<string, unknown>,
  key: KeyObject = issuerKeys.privateKey,
): Promise<string> {
  return new CompactSign(Buffer.from(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', ...header })
    .sign(key)
}

const vcJwt = (payload = credential(), header: Record<string, unknown> = {}) =>
  sign(payload, { typ: 'vc+jwt', cty: 'vc', kid: `${ISSUER}#key-1`, ...header })

const envelope = (jws: string) => ({
  '@context': 'https://www.w3.org/ns/credentials/v2',
  type: 'EnvelopedVerifiableCredential',
  id: `data:application/vc+jwt,${jws}`,
})

const presentation = async (extra: Record<string, unknown> = {}) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiablePresentation'],
  holder: HOLDER,
  verifiableCredential: [envelope(await vcJwt())],
  ...extra,
})

const vpJwt = async (payload?: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  sign(
    payload ?? (await presentation()),
    { typ: 'vp+jwt', kid: `${HOLDER}#key-1`, ...header },
    holderKeys.privateKey,
  )

describe('vc+jwt', () => {
  test('a credential signed by an assertion method of its issuer verifies', async () => {
    const result = await verifyVcJose(await vcJwt(), options())
    verifies(result)
    assert.equal(result.mechanism, 'vc+jwt')
    assert.equal(result.issuerKey.kind, 'verificationMethod')
    assert.deepEqual(result.credential, credential())
  })

  test('a relative kid is resolved against the issuer', async () => {
    verifies(await verifyVcJose(await vcJwt(credential(), { kid: '#key-1' }), options()))
  })

  test('no typ is accepted, the generic JWT too, another media type is not', async () => {
    verifies(
      await verifyVcJose(await vcJwt(credential(), { typ: undefined, cty: undefined }), options()),
    )
    verifies(await verifyVcJose(await vcJwt(credential(), { typ: 'JWT' }), options()))
    fails(
      await verifyVcJose(await vcJwt(credential(), { typ: 'vp+jwt' }), options()),
      'w3c.typ_invalid',
    )
    fails(
      await verifyVcJose(await vcJwt(credential(), { cty: 'vp' }), options()),
      'w3c.typ_invalid',
    )
  })

  test('a tampered payload fails with w3c.signature_invalid', async () => {
    const [h, , s] = (await vcJwt()).split('.')
    const forged = Buffer.from(
      JSON.stringify(credential({ issuer: ISSUER, id: 'urn:uuid:other' })),
    ).toString('base64url')
    fails(await verifyVcJose(`${h}.${forged}.${s}`, options()), 'w3c.signature_invalid')
  })

  test('an algorithm outside the allow-list fails with w3c.alg_not_allowed', async () => {
    fails(
      await verifyVcJose(await vcJwt(), options({ allowedAlgorithms: ['EdDSA'] })),
      'w3c.alg_not_allowed',
    )
  })

  test('alg none fails with w3c.alg_not_allowed even when listed', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url')
    const payload = Buffer.from(JSON.stringify(credential())).toString('base64url')
    fails(
      await verifyVcJose(
        `${header}.${payload}.`,
        options({ allowedAlgorithms: ['none', 'ES256'] }),
      ),
      'w3c.alg_not_allowed',
    )
  })

  test('a critical header parameter fails with w3c.crit_unsupported', async () => {
    const jws = await new CompactSign(Buffer.from(JSON.stringify(credential())))
      .setProtectedHeader({
        alg: 'ES256',
        typ: 'vc+jwt',
        kid: `${ISSUER}#key-1`,
        crit: ['exp'],
        exp: 1,
      })
      .sign(issuerKeys.privateKey, { crit: { exp: true } })
    fails(await verifyVcJose(jws, options()), 'w3c.crit_unsupported')
  })

  test('an expired signature (exp) fails with w3c.expired; a future nbf with w3c.not_yet_valid', async () => {
    fails(
      await verifyVcJose(await vcJwt(credential({ exp: nowSec - 3600 })), options()),
      'w3c.expired',
    )
    fails(
      await verifyVcJose(await vcJwt(credential({ nbf: nowSec + 3600 })), options()),
      'w3c.not_yet_valid',
    )
    fails(
      await verifyVcJose(await vcJwt(credential({ exp: '2030-01-01' })), options()),
      'w3c.time_claim_invalid',
    )
    verifies(await verifyVcJose(await vcJwt(credential({ exp: nowSec + 30 - 60 })), options()))
  })

  test('an iss other than the issuer, or a conflicting jti or sub, fails with w3c.jwt_claims_mismatch', async () => {
    for (const claims of [
      { iss: 'did:example:other' },
      { jti: 'urn:uuid:other' },
      { sub: 'did:example:other' },
    ])
      fails(
        await verifyVcJose(await vcJwt(credential(claims)), options()),
        'w3c.jwt_claims_mismatch',
      )
    verifies(
      await verifyVcJose(
        await vcJwt(credential({ iss: ISSUER, jti: 'urn:uuid:credential-1', sub: HOLDER })),
        options(),
      ),
    )
  })

  test('a key controlled by someone other than the issuer fails with w3c.key_not_issuer', async () => {
    const jws = await vcJwt(credential(), { kid: 'did:example:mallory#key-1' })
    // Signed by the key the kid names, so only the controller check can catch it.
    const forged = await sign(
      credential(),
      { typ: 'vc+jwt', kid: 'did:example:mallory#key-1' },
      otherKeys.privateKey,
    )
    fails(await verifyVcJose(forged, options()), 'w3c.key_not_issuer')
    fails(await verifyVcJose(jws, options()), 'w3c.signature_invalid')
  })

  test('an issuer key not listed under assertionMethod fails with w3c.key_not_authorised', async () => {
    const jws = await sign(
      credential(),
      { typ: 'vc+jwt', kid: `${ISSUER}#key-2` },
      otherKeys.privateKey,
    )
    fails(await verifyVcJose(jws, options()), 'w3c.key_not_authorised')
  })

  test('an unknown kid fails with w3c.key_unresolvable; no key at all too', async () => {
    fails(
      await verifyVcJose(await vcJwt(credential(), { kid: `${ISSUER}#key-9` }), options()),
      'w3c.key_unresolvable',
    )
    fails(
      await verifyVcJose(await vcJwt(credential(), { kid: undefined }), options()),
      'w3c.key_unresolvable',
    )
  })

  test('a jwk header with private members fails with w3c.jwk_private', async () => {
    const jwk = await exportJWK(issuerKeys.privateKey)
    fails(
      await verifyVcJose(await vcJwt(credential(), { kid: undefined, jwk }), options()),
      'w3c.jwk_private',
    )
  })

  test('a public jwk header verifies and is reported by thumbprint, for issuer trust to bind', async () => {
    const jwk = await exportJWK(issuerKeys.publicKey)
    const result = await verifyVcJose(await vcJwt(credential(), { kid: undefined, jwk }), options())
    verifies(result)
    assert.equal(result.issuerKey.kind, 'jwk')
    if (result.issuerKey.kind === 'jwk')
      assert.equal(result.issuerKey.thumbprint, await calculateJwkThumbprint(jwk))
  })

  test('a jwk header that is not the key a did:jwk issuer is made of fails with w3c.key_not_issuer', async () => {
    const did = `did:jwk:${Buffer.from(JSON.stringify(await exportJWK(otherKeys.publicKey))).toString('base64url')}`
    const jwk = await exportJWK(issuerKeys.publicKey)
    const jws = await vcJwt(credential({ issuer: did }), { kid: undefined, jwk })
    fails(await verifyVcJose(jws, options()), 'w3c.key_not_issuer')
  })

  test('a payload that is no credential fails with w3c.document_invalid; a non-JWS with w3c.jose_malformed', async () => {
    fails(
      await verifyVcJose(
        await vcJwt(credential({ '@context': ['https://example.org/'] })),
        options(),
      ),
      'w3c.document_invalid',
    )
    fails(
      await verifyVcJose(await vcJwt(credential({ type: ['Thing'] })), options()),
      'w3c.document_invalid',
    )
    fails(await verifyVcJose(JSON.stringify(credential()), options()), 'w3c.jose_malformed')
  })

  test('an input over the size limit fails with w3c.input_too_large', async () => {
    fails(
      await verifyVcJose(await vcJwt(), options({ limits: { maxInputBytes: 100 } })),
      'w3c.input_too_large',
    )
  })
})

describe('vp+jwt', () => {
  test('a presentation signed by its holder verifies with its enveloped credential', async () => {
    const result = await verifyVcJose(await vpJwt(), options())
    verifies(result)
    assert.equal(result.mechanism, 'vp+jwt')
    assert.equal(result.presentation?.holder, HOLDER)
    assert.equal(result.presentation?.credentials[0]?.verification?.mechanism, 'vc+jwt')
  })

  test('nonce and aud: matching verifies; a wrong one fails with w3c.nonce_mismatch / w3c.aud_mismatch', async () => {
    const jws = await vpJwt({
      ...(await presentation()),
      nonce: 'n-1',
      aud: 'https://verifier.example',
    })
    verifies(
      await verifyVcJose(
        jws,
        options({ expectedNonce: 'n-1', expectedAudience: 'https://verifier.example' }),
      ),
    )
    fails(
      await verifyVcJose(
        jws,
        options({ expectedNonce: 'n-2', expectedAudience: 'https://verifier.example' }),
      ),
      'w3c.nonce_mismatch',
    )
    fails(
      await verifyVcJose(
        jws,
        options({ expectedNonce: 'n-1', expectedAudience: 'https://other.example' }),
      ),
      'w3c.aud_mismatch',
    )
    fails(
      await verifyVcJose(jws, options({ expectedAudience: 'https://verifier.example' })),
      'w3c.nonce_required',
    )
    fails(await verifyVcJose(jws, options({ expectedNonce: 'n-1' })), 'w3c.aud_required')
    fails(
      await verifyVcJose(await vpJwt(), options({ expectedNonce: 'n-1' })),
      'w3c.nonce_mismatch',
    )
  })

  test('a presentation signed by a key that is not its holder fails with w3c.key_not_holder', async () => {
    const jws = await sign(await presentation(), { typ: 'vp+jwt', kid: `${ISSUER}#key-1` })
    fails(await verifyVcJose(jws, options()), 'w3c.key_not_holder')
  })

  test('a holder key not listed under authentication fails with w3c.key_not_authorised', async () => {
    const jws = await sign(await presentation({ holder: ISSUER }), {
      typ: 'vp+jwt',
      kid: `${ISSUER}#key-1`,
    })
    fails(await verifyVcJose(jws, options()), 'w3c.key_not_authorised')
  })

  test('a holder named by the thumbprint of the jwk that signed verifies; another holder does not', async () => {
    const jwk = await exportJWK(holderKeys.publicKey)
    const urn = `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${await calculateJwkThumbprint(jwk)}`
    verifies(
      await verifyVcJose(
        await vpJwt(await presentation({ holder: urn }), { kid: undefined, jwk }),
        options(),
      ),
    )
    fails(
      await verifyVcJose(await vpJwt(await presentation(), { kid: undefined, jwk }), options()),
      'w3c.key_not_holder',
    )
  })

  test('an invalid enveloped credential fails with w3c.enveloped_invalid and says why', async () => {
    const bad = await sign(
      credential(),
      { typ: 'vc+jwt', kid: `${ISSUER}#key-1` },
      otherKeys.privateKey,
    )
    const result = await verifyVcJose(
      await vpJwt(await presentation({ verifiableCredential: [envelope(bad)] })),
      options(),
    )
    fails(result, 'w3c.enveloped_invalid')
    if (!result.ok) assert.equal(result.inner?.code, 'w3c.signature_invalid')
  })

  test('an embedded credential that is not enveloped, or a presentation enveloped as a credential, is refused', async () => {
    const embedded = await vpJwt(await presentation({ verifiableCredential: [credential()] }))
    fails(await verifyVcJose(embedded, options()), 'w3c.enveloped_invalid')
    const inner = await vpJwt()
    const nested = await vpJwt(await presentation({ verifiableCredential: [envelope(inner)] }))
    const result = await verifyVcJose(nested, options())
    fails(result, 'w3c.enveloped_invalid')
    if (!result.ok) assert.equal(result.inner?.code, 'w3c.document_invalid')
  })

  test('the nesting and count limits hold', async () => {
    fails(
      await verifyVcJose(await vpJwt(), options({ limits: { maxEnvelopedDepth: 1 } })),
      'w3c.limit_exceeded',
    )
    fails(
      await verifyVcJose(await vpJwt(), options({ limits: { maxEnvelopedCredentials: 0 } })),
      'w3c.limit_exceeded',
    )
  })
})
