// SD-JWT VCs made by an independent implementation (@sd-jwt/sd-jwt-vc) verify, and each tampering fails.
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { defaultPolicy } from '../../../config.ts'
import { fixedClock } from '../../../util/clock.ts'
import {
  baseOptions,
  digestOf,
  disclosure,
  fromB64url,
  jsonB64url,
  keyBindingJwt,
  NOW_SEC,
  p256Key,
  run,
  salt,
  type TestKey,
} from './support.ts'

const NONCE = 'n-1'
const AUD = 'https://verifier.example'

const claims = {
  vct: 'urn:eu.europa.ec.eudi:learning:credential:1',
  iss: 'https://issuer.example.jp',
  iat: NOW_SEC - 3600,
  exp: NOW_SEC + 86400,
  given_name: '花子',
  family_name: '山田',
  address: { locality: '港区', country: 'JP', street_address: '1-2-3' },
  nationalities: ['JP', 'DE'],
  degrees: [
    { type: 'Bachelor', field: 'Informatics' },
    { type: 'Master', field: 'Law' },
  ],
}

const disclosureFrame = {
  _sd: ['given_name', 'family_name', 'address', 'nationalities', 'degrees'],
  _sd_decoy: 3,
  address: { _sd: ['locality', 'street_address'], _sd_decoy: 2 },
  nationalities: { _sd: [0, 1], _sd_decoy: 1 },
  degrees: { _sd: [0, 1], 0: { _sd: ['field'] }, 1: { _sd: ['field'] } },
}

interface Issuer {
  issuer: TestKey
  holder: TestKey
  sdjwt: SDJwtVcInstance
  credential: string
}

type HashAlg = 'sha-256' | 'sha-384' | 'sha-512'

async function makeInstance(issuer: TestKey, kbSignerKey: TestKey, hashAlg: HashAlg = 'sha-256') {
  return new SDJwtVcInstance({
    signer: await ES256.getSigner(issuer.privateJwk),
    signAlg: ES256.alg,
    verifier: await ES256.getVerifier(issuer.publicJwk),
    hasher: digest,
    hashAlg,
    saltGenerator: generateSalt,
    kbSigner: await ES256.getSigner(kbSignerKey.privateJwk),
    kbSignAlg: ES256.alg,
    kbVerifier: await ES256.getVerifier(kbSignerKey.publicJwk),
  })
}

async function setup(hashAlg: HashAlg = 'sha-256', withCnf = true): Promise<Issuer> {
  const issuer = p256Key()
  const holder = p256Key()
  const sdjwt = await makeInstance(issuer, holder, hashAlg)
  const payload = withCnf ? { ...claims, cnf: { jwk: holder.publicJwk } } : claims
  const credential = await sdjwt.issue(payload, disclosureFrame as never)
  return { issuer, holder, sdjwt, credential }
}

const options = (issuer: TestKey, overrides = {}) =>
  baseOptions({
    issuerKey: issuer.publicJwk,
    expectedNonce: NONCE,
    expectedAudience: AUD,
    ...overrides,
  })

const kb = (overrides: Record<string, unknown> = {}) => ({
  kb: { payload: { iat: NOW_SEC, aud: AUD, nonce: NONCE, ...overrides } as never },
})

/** Swaps the n-th disclosure (1-based) of a compact SD-JWT for another string. */
function replaceDisclosure(presentation: string, index: number, replacement: string): string {
  const parts = presentation.split('~')
  parts[index] = replacement
  return parts.join('~')
}

describe('SD-JWT VCs from @sd-jwt/sd-jwt-vc', () => {
  let s: Issuer
  before(async () => {
    s = await setup()
  })

  test('the issued SD-JWT verifies with every claim, decoys dropped', async () => {
    const { codes, result } = await run(s.credential, options(s.issuer, { stage: 'issuance' }))
    assert.deepEqual(codes, [])
    assert.ok(result)
    assert.deepEqual(result.claims, { ...claims, cnf: { jwk: s.holder.publicJwk } })
    assert.equal(result.header.typ, 'dc+sd-jwt')
    assert.equal(result.vct, claims.vct)
    assert.deepEqual(result.claims, await s.sdjwt.getClaims(s.credential))
    const names = result.disclosures.map((d) => d.path.join('/')).sort()
    assert.deepEqual(names, [
      'address',
      'address/locality',
      'address/street_address',
      'degrees',
      'degrees/0',
      'degrees/0/field',
      'degrees/1',
      'degrees/1/field',
      'family_name',
      'given_name',
      'nationalities',
      'nationalities/0',
      'nationalities/1',
    ])
  })

  test('a presentation with a KB-JWT verifies; undisclosed claims are absent', async () => {
    const presentation = await s.sdjwt.present(
      s.credential,
      { given_name: true, address: { locality: true }, nationalities: { 1: true } } as never,
      kb(),
    )
    const { codes, result } = await run(presentation, options(s.issuer))
    assert.deepEqual(codes, [])
    assert.ok(result)
    assert.equal(result.keyBindingVerified, true)
    assert.equal(result.kbJwtPayload?.nonce, NONCE)
    assert.deepEqual(result.claims, {
      vct: claims.vct,
      iss: claims.iss,
      iat: claims.iat,
      exp: claims.exp,
      cnf: { jwk: s.holder.publicJwk },
      given_name: '花子',
      address: { country: 'JP', locality: '港区' },
      nationalities: ['DE'],
    })
    // The library's own verifier agrees.
    const theirs = await s.sdjwt.verify(presentation, {
      keyBindingNonce: NONCE,
      currentDate: NOW_SEC,
    } as never)
    assert.deepEqual(theirs.payload, result.claims)
  })

  test('sha-512 and sha-384 `_sd_alg` verify', async () => {
    for (const alg of ['sha-512', 'sha-384'] as const) {
      const other = await setup(alg)
      const presentation = await other.sdjwt.present(
        other.credential,
        { given_name: true } as never,
        kb(),
      )
      const { codes, result } = await run(presentation, options(other.issuer))
      assert.deepEqual(codes, [], alg)
      assert.equal(result?.sdAlg, alg)
      assert.equal(result?.claims.given_name, '花子')
    }
  })

  describe('tampering', () => {
    let full: string
    before(async () => {
      full = await s.sdjwt.present(
        s.credential,
        { given_name: true, family_name: true, address: { locality: true } } as never,
        kb(),
      )
    })
    const verifyFull = (input: string, overrides = {}) => run(input, options(s.issuer, overrides))

    test('baseline passes', async () => {
      assert.deepEqual((await verifyFull(full)).codes, [])
    })

    test('one character of a disclosure salt flipped → sdjwt.disclosure_mismatch', async () => {
      const original = full.split('~')[1] as string
      const [saltValue, ...rest] = fromB64url(original) as [string, ...unknown[]]
      const flipped = `${saltValue.slice(0, -1)}${saltValue.endsWith('A') ? 'B' : 'A'}`
      const tampered = replaceDisclosure(full, 1, jsonB64url([flipped, ...rest]))
      const { codes, result } = await verifyFull(tampered)
      assert.deepEqual(codes, ['sdjwt.disclosure_mismatch'])
      assert.equal(result, undefined)
    })

    test('a disclosure character changed so it no longer decodes → sdjwt.disclosure_malformed', async () => {
      const tampered = replaceDisclosure(full, 1, `*${(full.split('~')[1] as string).slice(1)}`)
      assert.deepEqual((await verifyFull(tampered)).codes, ['sdjwt.disclosure_malformed'])
    })

    test('a disclosure dropped after the KB-JWT was made → kb.sd_hash_mismatch', async () => {
      const parts = full.split('~')
      parts.splice(1, 1)
      const { codes, result } = await verifyFull(parts.join('~'))
      assert.deepEqual(codes, ['kb.sd_hash_mismatch'])
      assert.equal(result?.keyBindingVerified, false)
    })

    test('an unreferenced disclosure added → sdjwt.disclosure_mismatch', async () => {
      const extra = disclosure(salt(), 'is_over_18', true).encoded
      const parts = full.split('~')
      parts.splice(1, 0, extra)
      assert.deepEqual((await verifyFull(parts.join('~'))).codes, ['sdjwt.disclosure_mismatch'])
    })

    test('a disclosure presented twice → sdjwt.disclosure_duplicate', async () => {
      const parts = full.split('~')
      parts.splice(1, 0, parts[1] as string)
      assert.deepEqual((await verifyFull(parts.join('~'))).codes, ['sdjwt.disclosure_duplicate'])
    })

    test('disclosures in another order still verify (order carries no meaning)', async () => {
      const parts = full.split('~')
      const disclosures = parts.slice(1, -1).reverse()
      const reordered = [parts[0] as string, ...disclosures].join('~')
      const kbJwt = keyBindingJwt(`${reordered}~`, s.holder.privateKey)
      assert.deepEqual((await verifyFull(`${reordered}~${kbJwt}`)).codes, [])
    })

    test('KB-JWT for another nonce → kb.nonce_mismatch', async () => {
      const other = await s.sdjwt.present(
        s.credential,
        { given_name: true } as never,
        kb({ nonce: 'n-2' }),
      )
      assert.deepEqual((await verifyFull(other)).codes, ['kb.nonce_mismatch'])
    })

    test('KB-JWT for another audience → kb.aud_mismatch', async () => {
      const other = await s.sdjwt.present(
        s.credential,
        { given_name: true } as never,
        kb({ aud: 'https://attacker.example' }),
      )
      assert.deepEqual((await verifyFull(other)).codes, ['kb.aud_mismatch'])
    })

    test('KB-JWT `aud` as an array: exactly [expected] passes, anything more fails', async () => {
      const sdJwt = full.slice(0, full.lastIndexOf('~') + 1)
      const single = keyBindingJwt(sdJwt, s.holder.privateKey, { aud: [AUD] })
      assert.deepEqual((await verifyFull(sdJwt + single)).codes, [])
      const several = keyBindingJwt(sdJwt, s.holder.privateKey, {
        aud: [AUD, 'https://other.example'],
      })
      assert.deepEqual((await verifyFull(sdJwt + several)).codes, ['kb.aud_mismatch'])
    })

    test('KB-JWT with a wrong sd_hash → kb.sd_hash_mismatch', async () => {
      const sdJwt = full.slice(0, full.lastIndexOf('~') + 1)
      const kbJwt = keyBindingJwt(sdJwt, s.holder.privateKey, { sd_hash: digestOf(`${sdJwt}x`) })
      assert.deepEqual((await verifyFull(sdJwt + kbJwt)).codes, ['kb.sd_hash_mismatch'])
    })

    test('KB-JWT signed with another key → kb.signature_invalid', async () => {
      const intruder = await makeInstance(s.issuer, p256Key())
      const forged = await intruder.present(s.credential, { given_name: true } as never, kb())
      assert.deepEqual((await verifyFull(forged)).codes, ['kb.signature_invalid'])
    })

    test('KB-JWT stripped → kb.missing', async () => {
      const stripped = full.slice(0, full.lastIndexOf('~') + 1)
      assert.deepEqual((await verifyFull(stripped)).codes, ['kb.missing'])
    })

    test('issuer JWT re-written with alg none → sdjwt.alg_not_allowed', async () => {
      const [jwt, ...rest] = full.split('~')
      const [, payloadPart] = (jwt as string).split('.')
      const none = `${jsonB64url({ alg: 'none', typ: 'dc+sd-jwt' })}.${payloadPart}.`
      const { codes, result, statusOf } = await verifyFull([none, ...rest].join('~'))
      assert.deepEqual(codes, ['sdjwt.alg_not_allowed'])
      assert.equal(result, undefined)
      assert.deepEqual(statusOf('kb.binding'), ['skipped'])
    })

    test('issuer payload changed → sdjwt.signature_invalid, nothing after it evaluated', async () => {
      const [jwt, ...rest] = full.split('~')
      const [headerPart, payloadPart, signaturePart] = (jwt as string).split('.')
      const payload = fromB64url(payloadPart as string) as Record<string, unknown>
      const forged = `${headerPart}.${jsonB64url({ ...payload, exp: NOW_SEC + 10 ** 8 })}.${signaturePart}`
      const { codes, result, statusOf } = await verifyFull([forged, ...rest].join('~'))
      assert.deepEqual(codes, ['sdjwt.signature_invalid'])
      assert.equal(result, undefined)
      for (const step of ['sdjwt.disclosures', 'vc.claims', 'time.validity', 'kb.binding']) {
        assert.deepEqual(statusOf(step), ['skipped'], step)
      }
    })

    test('verified with another issuer key → sdjwt.signature_invalid', async () => {
      const { codes } = await run(full, options(p256Key()))
      assert.deepEqual(codes, ['sdjwt.signature_invalid'])
    })

    test('KB-JWT typ JWT → kb.typ_invalid', async () => {
      const sdJwt = full.slice(0, full.lastIndexOf('~') + 1)
      const kbJwt = keyBindingJwt(sdJwt, s.holder.privateKey, {}, { typ: 'JWT' })
      assert.deepEqual((await verifyFull(sdJwt + kbJwt)).codes, ['kb.typ_invalid'])
    })

    test('KB-JWT with an algorithm outside the policy → kb.alg_not_allowed', async () => {
      const sdJwt = full.slice(0, full.lastIndexOf('~') + 1)
      const kbJwt = keyBindingJwt(sdJwt, s.holder.privateKey, {}, { alg: 'HS256' })
      assert.deepEqual((await verifyFull(sdJwt + kbJwt)).codes, ['kb.alg_not_allowed'])
      const es256Only = { ...defaultPolicy, allowedAlgorithms: ['ES384'] }
      const strict = await run(full, options(s.issuer, { policy: es256Only }))
      assert.deepEqual(strict.codes, ['sdjwt.alg_not_allowed'])
    })

    test('KB-JWT that is not a JWS → kb.malformed', async () => {
      const sdJwt = full.slice(0, full.lastIndexOf('~') + 1)
      assert.deepEqual((await verifyFull(`${sdJwt}not-a-jwt`)).codes, ['kb.malformed'])
      const crit = keyBindingJwt(sdJwt, s.holder.privateKey, {}, { crit: ['exp'] })
      assert.deepEqual((await verifyFull(sdJwt + crit)).codes, ['kb.malformed'])
    })

    test('KB-JWT iat missing, in the future, or too old → kb.iat_invalid', async () => {
      const sdJwt = full.slice(0, full.lastIndexOf('~') + 1)
      const { kbMaxAgeSec, clockSkewSec } = defaultPolicy
      for (const iat of [
        undefined,
        NOW_SEC + clockSkewSec + 5,
        NOW_SEC - kbMaxAgeSec - clockSkewSec - 5,
        '0',
      ]) {
        const kbJwt = keyBindingJwt(sdJwt, s.holder.privateKey, { iat })
        assert.deepEqual((await verifyFull(sdJwt + kbJwt)).codes, ['kb.iat_invalid'], String(iat))
      }
      const fresh = keyBindingJwt(sdJwt, s.holder.privateKey, { iat: NOW_SEC - kbMaxAgeSec + 5 })
      assert.deepEqual((await verifyFull(sdJwt + fresh)).codes, [])
    })

    test('KB-JWT past its own exp → kb.time_invalid', async () => {
      const sdJwt = full.slice(0, full.lastIndexOf('~') + 1)
      const kbJwt = keyBindingJwt(sdJwt, s.holder.privateKey, { exp: NOW_SEC - 120 })
      assert.deepEqual((await verifyFull(sdJwt + kbJwt)).codes, ['kb.time_invalid'])
    })

    test('no expected nonce or audience given → input.nonce_required, input.aud_required', async () => {
      const noNonce = await run(
        full,
        baseOptions({ issuerKey: s.issuer.publicJwk, expectedAudience: AUD }),
      )
      assert.deepEqual(noNonce.codes, ['input.nonce_required'])
      assert.equal(noNonce.result?.keyBindingVerified, false)
      const noAud = await run(
        full,
        baseOptions({ issuerKey: s.issuer.publicJwk, expectedNonce: NONCE }),
      )
      assert.deepEqual(noAud.codes, ['input.aud_required'])
    })

    test('a KB-JWT where an issued SD-JWT is expected → kb.unexpected', async () => {
      assert.deepEqual((await verifyFull(full, { stage: 'issuance' })).codes, ['kb.unexpected'])
    })

    test('after exp and before iat → time.expired, time.not_yet_valid', async () => {
      const late = await verifyFull(full, { clock: fixedClock((claims.exp + 3600) * 1000) })
      assert.ok(late.codes.includes('time.expired'))
      const early = await verifyFull(full, { clock: fixedClock((claims.iat - 3600) * 1000) })
      assert.ok(early.codes.includes('time.not_yet_valid'))
    })
  })

  test('no cnf: no KB-JWT needed; a KB-JWT presented anyway → kb.unexpected', async () => {
    const unbound = await setup('sha-256', false)
    const plain = await unbound.sdjwt.present(unbound.credential, { given_name: true } as never)
    const ok = await run(plain, options(unbound.issuer))
    assert.deepEqual(ok.codes, [])
    assert.deepEqual(ok.statusOf('kb.binding'), ['passed'])
    const withKb = await unbound.sdjwt.present(
      unbound.credential,
      { given_name: true } as never,
      kb(),
    )
    assert.deepEqual((await run(withKb, options(unbound.issuer))).codes, ['kb.unexpected'])
  })

  test('cnf that holds a private key or no jwk → kb.cnf_unsupported', async () => {
    for (const cnf of [
      { jwk: s.holder.privateJwk },
      { kid: 'holder-key-1' },
      { jwk: { kty: 'oct', k: 'AAAA' } },
    ]) {
      const issuer = p256Key()
      const instance = await makeInstance(issuer, s.holder)
      const credential = await instance.issue(
        { ...claims, cnf } as never,
        { _sd: ['given_name'] } as never,
      )
      const presentation = await instance.present(credential, { given_name: true } as never, kb())
      assert.deepEqual((await run(presentation, options(issuer))).codes, ['kb.cnf_unsupported'])
    }
  })
})
