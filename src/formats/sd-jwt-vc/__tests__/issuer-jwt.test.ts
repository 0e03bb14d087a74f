// Issuer JWT rules: header, key resolution from x5c or by value, SD-JWT VC claims, validity, status.
import assert from 'node:assert/strict'
import { createPublicKey } from 'node:crypto'
import { before, describe, test } from 'node:test'
import { importJWK } from 'jose'
import { defaultLimits, defaultPolicy } from '../../../config.ts'
import {
  baseOptions,
  compact,
  disclosure,
  NOW_SEC,
  run,
  salt,
  selfSignedCertificate,
  signEs256,
  testIssuer,
  vcClaims,
} from './support.ts'

const issuer = testIssuer()

describe('issuer JWT header', () => {
  test('typ other than dc+sd-jwt / vc+sd-jwt, or none → sdjwt.typ_invalid', async () => {
    for (const typ of ['JWT', 'example+sd-jwt', undefined, 7]) {
      const header = typ === undefined ? { typ: undefined } : { typ }
      const { codes, result } = await run(issuer.issue(vcClaims(), [], header), issuer.options())
      assert.deepEqual(codes, ['sdjwt.typ_invalid'], String(typ))
      assert.equal(result, undefined)
    }
    const anyTyp = await run(
      issuer.issue(vcClaims(), [], { typ: 7 }),
      issuer.options({ allowAnyTyp: true }),
    )
    assert.deepEqual(anyTyp.codes, ['sdjwt.typ_invalid'])
  })

  test('legacy vc+sd-jwt and application/DC+SD-JWT (RFC 7515 §4.1.9) are accepted', async () => {
    for (const typ of ['vc+sd-jwt', 'application/DC+SD-JWT']) {
      const { codes } = await run(issuer.issue(vcClaims(), [], { typ }), issuer.options())
      assert.deepEqual(codes, [], typ)
    }
  })

  test('crit → sdjwt.crit_unsupported', async () => {
    const { codes } = await run(
      issuer.issue(vcClaims(), [], { crit: ['b64'], b64: true }),
      issuer.options(),
    )
    assert.deepEqual(codes, ['sdjwt.crit_unsupported'])
  })

  test('HS256 is refused even when a policy lists it; so is an alg the policy omits', async () => {
    const policy = { ...defaultPolicy, allowedAlgorithms: ['HS256', 'ES256'] }
    const hs = await run(issuer.issue(vcClaims(), [], { alg: 'HS256' }), issuer.options({ policy }))
    assert.deepEqual(hs.codes, ['sdjwt.alg_not_allowed'])
    const strict = { ...defaultPolicy, allowedAlgorithms: ['EdDSA'] }
    const es = await run(issuer.issue(vcClaims()), issuer.options({ policy: strict }))
    assert.deepEqual(es.codes, ['sdjwt.alg_not_allowed'])
  })

  test('every header failure is reported, then nothing else runs', async () => {
    const { codes, statusOf } = await run(
      issuer.issue(vcClaims(), [], { alg: 'none', typ: 'JWT', crit: ['x'] }),
      issuer.options(),
    )
    assert.deepEqual(codes, [
      'sdjwt.alg_not_allowed',
      'sdjwt.typ_invalid',
      'sdjwt.crit_unsupported',
    ])
    assert.deepEqual(statusOf('sdjwt.signature'), ['skipped'])
  })
})

describe('issuer key', () => {
  let cert: Awaited<ReturnType<typeof selfSignedCertificate>>
  let x5c: string
  before(async () => {
    cert = await selfSignedCertificate()
  })
  const withX5c = (payload: Record<string, unknown>, chain: unknown = [x5c]) =>
    compact(signEs256({ alg: 'ES256', typ: 'dc+sd-jwt', x5c: chain }, payload, cert.privateKey), [])

  test('the key of x5c[0] verifies; x5c comes back as DER', async () => {
    x5c = Buffer.from(cert.der).toString('base64')
    const { codes, result } = await run(withX5c(vcClaims()), baseOptions())
    assert.deepEqual(codes, [])
    assert.equal(result?.issuerKeySource, 'x5c')
    assert.deepEqual(result?.x5c, [cert.der])
  })

  test('without iss, an x5c-identified issuer → vc.iss_missing', async () => {
    const { codes } = await run(withX5c(vcClaims({ iss: undefined })), baseOptions())
    assert.deepEqual(codes, ['vc.iss_missing'])
  })

  test('x5c that is not base64 DER certificates → trust.chain_invalid', async () => {
    const base64url = x5c.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    for (const chain of [
      [`${x5c.slice(0, 8)}-_${x5c.slice(10)}`],
      [base64url.slice(0, -1)],
      ['AAAA'],
      [],
      'x',
      [7],
    ]) {
      const { codes, statusOf } = await run(withX5c(vcClaims(), chain), baseOptions())
      assert.deepEqual(codes, ['trust.chain_invalid'], JSON.stringify(chain).slice(0, 40))
      assert.deepEqual(statusOf('sdjwt.signature'), ['skipped'])
    }
  })

  test('more certificates than maxX5cCertificates → input.too_large', async () => {
    const limits = { ...defaultLimits, maxX5cCertificates: 1 }
    const { codes } = await run(withX5c(vcClaims(), [x5c, x5c]), baseOptions({ limits }))
    assert.deepEqual(codes, ['input.too_large'])
  })

  test('neither x5c nor a key by value → trust.key_unresolved', async () => {
    const { codes, result } = await run(issuer.issue(vcClaims()), baseOptions())
    assert.deepEqual(codes, ['trust.key_unresolved'])
    assert.equal(result, undefined)
    const symmetric = await run(
      issuer.issue(vcClaims()),
      baseOptions({ issuerKey: { kty: 'oct', k: 'AAAA' } }),
    )
    assert.deepEqual(symmetric.codes, ['trust.key_unresolved'])
  })

  test('a key by value may be a public or private JWK, a KeyObject or a CryptoKey', async () => {
    const keys = [
      issuer.key.publicJwk,
      issuer.key.privateJwk,
      createPublicKey(issuer.key.privateKey),
      await importJWK(issuer.key.publicJwk, 'ES256'),
    ]
    for (const issuerKey of keys) {
      const { codes } = await run(
        issuer.issue(vcClaims()),
        baseOptions({ issuerKey: issuerKey as never }),
      )
      assert.deepEqual(codes, [])
    }
  })
})

describe('SD-JWT VC claims', () => {
  test('no vct → vc.vct_missing', async () => {
    for (const vct of [undefined, '', 42]) {
      const { codes, result } = await run(issuer.issue(vcClaims({ vct })), issuer.options())
      assert.deepEqual(codes, ['vc.vct_missing'], String(vct))
      assert.ok(result, 'processed claims are still returned; the checks carry the verdict')
    }
  })

  test('iss that is not a string → vc.iss_missing, whatever the key source', async () => {
    const { codes } = await run(issuer.issue(vcClaims({ iss: 42 })), issuer.options())
    assert.deepEqual(codes, ['vc.iss_missing'])
    const none = await run(issuer.issue(vcClaims({ iss: undefined })), issuer.options())
    assert.deepEqual(none.codes, [], 'iss is optional when the key is given by value')
  })

  test('vct, cnf, status, iss, nbf, exp or vct#integrity in a disclosure → vc.claim_not_disclosable', async () => {
    for (const name of ['vct', 'iss', 'nbf', 'exp', 'cnf', 'vct#integrity', 'status']) {
      const d = disclosure(salt(), name, name === 'nbf' || name === 'exp' ? NOW_SEC : 'x')
      const payload = vcClaims({ [name]: undefined, _sd: [d.digest] })
      const { codes } = await run(issuer.issue(payload, [d.encoded]), issuer.options())
      assert.ok(codes.includes('vc.claim_not_disclosable'), `${name}: ${codes}`)
    }
  })

  test('the same names nested inside an object may be disclosed', async () => {
    const d = disclosure(salt(), 'exp', '2030-01-01')
    const payload = vcClaims({ document: { _sd: [d.digest] } })
    const { codes, result } = await run(issuer.issue(payload, [d.encoded]), issuer.options())
    assert.deepEqual(codes, [])
    assert.deepEqual(result?.claims.document, { exp: '2030-01-01' })
  })

  test('a typ that is not SD-JWT VC (allowAnyTyp) skips the SD-JWT VC rules', async () => {
    const { codes, statusOf } = await run(
      issuer.issue(vcClaims({ vct: undefined }), [], { typ: 'example+sd-jwt' }),
      issuer.options({ allowAnyTyp: true }),
    )
    assert.deepEqual(codes, [])
    assert.deepEqual(statusOf('vc.claims'), ['skipped'])
  })
})

describe('validity window', () => {
  test('nbf in the future → time.not_yet_valid; iat not a number → time.claim_invalid', async () => {
    const future = await run(issuer.issue(vcClaims({ nbf: NOW_SEC + 3600 })), issuer.options())
    assert.deepEqual(future.codes, ['time.not_yet_valid'])
    const bad = await run(issuer.issue(vcClaims({ iat: '2026-01-01' })), issuer.options())
    assert.deepEqual(bad.codes, ['time.claim_invalid'])
    const expired = await run(issuer.issue(vcClaims({ exp: NOW_SEC - 3600 })), issuer.options())
    assert.deepEqual(expired.codes, ['time.expired'])
  })

  test('within the clock skew passes', async () => {
    const { codes } = await run(
      issuer.issue(vcClaims({ nbf: NOW_SEC + 30, exp: NOW_SEC - 30 })),
      issuer.options(),
    )
    assert.deepEqual(codes, [])
  })
})

describe('status reference', () => {
  test('status.status_list comes back raw; a status without one cannot pass as valid', async () => {
    const listed = await run(
      issuer.issue(
        vcClaims({ status: { status_list: { idx: 7, uri: 'https://status.example/1' } } }),
      ),
      issuer.options(),
    )
    assert.deepEqual(listed.result?.status, { idx: 7, uri: 'https://status.example/1' })
    const other = await run(
      issuer.issue(vcClaims({ status: { other_mechanism: {} } })),
      issuer.options(),
    )
    assert.deepEqual(other.result?.status, { idx: undefined, uri: undefined })
    const none = await run(issuer.issue(vcClaims()), issuer.options())
    assert.equal(none.result?.status, undefined)
  })
})
