// The W3C vc-jose-cose test suite: every case of its test mapping, with the outcome and the reason Kakehashi gives.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { CompactSign, importJWK } from 'jose'
import { type VcJoseResult, verifyVcCose, verifyVcJose } from '../index.ts'
import {
  assertOutcome,
  baseOptions,
  readSuite,
  readSuiteKey,
  type SuiteCase,
  suiteCases,
  suiteResolver,
  suiteSdJwtVerifier,
  suiteSkip,
} from './support.ts'

const cases = suiteCases()
const mapping = Object.fromEntries(cases)

/**
 * Where Kakehashi's verdict or reason is stated per case. Two deviate from the suite:
 * - 31 expects success, but the presentation's holder (`did:example:ebfeb…`) is not the signer
 *   (the issuer's P-384 key) and its enveloped credential is an unsigned placeholder: the holder
 *   has no such key, so it is refused.
 * - 9 fails in the suite only because it is verified with vm-ed25519 while signed with P-521;
 *   unknown members are to be ignored (§3.1.3), so with the signer's key it verifies.
 */
const reasons: Record<number, string | undefined> = {
  6: undefined,
  7: undefined,
  8: undefined,
  9: 'w3c.key_unresolvable',
  10: 'w3c.jose_malformed',
  11: 'w3c.jose_malformed',
  12: 'w3c.signature_invalid',
  13: 'w3c.typ_invalid',
  14: 'w3c.typ_invalid',
  15: 'w3c.claims_forbidden',
  16: 'w3c.enveloped_invalid',
  29: undefined,
  30: 'w3c.cose_malformed',
  31: 'w3c.key_unresolvable',
  32: 'w3c.signature_invalid',
  33: 'w3c.typ_invalid',
  34: 'w3c.typ_invalid',
  35: 'w3c.enveloped_invalid',
}

/** The suite's presentations expire days after they were signed: the clock stands one second after `iat`. */
function clockFor(text: string): number {
  const payload = text.split('.')[1]
  try {
    const iat = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()).iat
    if (typeof iat === 'number') return (iat + 1) * 1000
  } catch {}
  return Date.parse('2025-06-01T00:00:00Z')
}

async function verifyCase(c: SuiteCase, keyFiles?: string[]): Promise<VcJoseResult> {
  const text = readSuite(c.input_file)
  const options = {
    ...baseOptions(await suiteResolver(keyFiles), clockFor(text)),
    verifyEnvelopedCredential: suiteSdJwtVerifier,
  }
  return c.feature.endsWith('_cose') ? verifyVcCose(text, options) : verifyVcJose(text, options)
}

describe('W3C vc-jose-cose test suite: verification', { skip: suiteSkip }, () => {
  for (const [name, c] of cases) {
    if (c.fn !== 'verify') continue
    // vc+sd-jwt cases belong to the SD-JWT format's tests, not to this module.
    if (c.feature.endsWith('_sdjwt')) continue
    const code = reasons[c.number]
    const outcome = code === undefined ? 'verifies' : `fails with ${code}`
    test(`${name} (suite: ${c.expected_result}) ${outcome}`, async () => {
      // Case 9 is verified as the suite does, with only its mapped key (see `reasons`).
      assertOutcome(await verifyCase(c, c.number === 9 ? [c.key_file] : undefined), code)
    })
  }

  test('9 with the signer key verifies and keeps the unknown members', async () => {
    const c = mapping['9. JWT Verification With Unknown Extensions'] as SuiteCase
    const result = await verifyCase(c, ['vm-p521.json'])
    assertOutcome(result, undefined)
  })

  test('7 verifies all three enveloped credentials (vc+jwt, vc+sd-jwt, vc+cose) and binds the holder', async () => {
    const result = await verifyCase(mapping['7. JWT Presentation Verification'] as SuiteCase)
    assert.equal(result.ok, true)
    if (!result.ok) return
    assert.equal(result.mechanism, 'vp+jwt')
    assert.equal(result.presentation?.holder, 'https://example.issuer/vc-jose-cose')
    assert.deepEqual(
      result.presentation?.credentials.map((c) => c.mediaType),
      ['application/vc+jwt', 'application/vc+sd-jwt', 'application/vc+cose'],
    )
    assert.equal(result.presentation?.credentials[2]?.verification?.mechanism, 'vc+cose')
  })

  test('7 without an SD-JWT verifier is refused: an enveloped credential nobody verified is not accepted', async () => {
    const text = readSuite('presentation-jose-multiple.txt')
    const result = await verifyVcJose(text, baseOptions(await suiteResolver(), clockFor(text)))
    assertOutcome(result, 'w3c.enveloped_invalid')
    if (!result.ok) assert.equal(result.inner?.code, 'w3c.enveloped_unsupported')
  })

  test('6 reports the string `iat` it ignored, and the key as a verification method', async () => {
    const result = await verifyCase(mapping['6. JWT Basic Credential Verification'] as SuiteCase)
    assert.equal(result.ok, true)
    if (!result.ok) return
    assert.match(result.warnings[0] ?? '', /iat/)
    assert.equal(result.issuerKey.kind, 'verificationMethod')
    if (result.issuerKey.kind === 'verificationMethod')
      assert.equal(result.issuerKey.method.id, 'https://example.issuer/vc-jose-cose#key-1')
  })
})

describe('W3C vc-jose-cose test suite: JOSE issuance inputs secured by jose', {
  skip: suiteSkip,
}, () => {
  const algOf: Record<string, string> = {
    'P-256': 'ES256',
    'P-384': 'ES384',
    'P-521': 'ES512',
    Ed25519: 'EdDSA',
  }
  // presentation-single.json carries a truncated credential (`yJraWQ…`), so a presentation of it is refused.
  // Case 5 expects the suite's issuers to refuse unknown members; a verifier ignores them (§3.1.3), so it verifies.
  const expected: Record<number, string | undefined> = { 3: 'w3c.enveloped_invalid' }
  for (const [name, c] of cases) {
    if (c.fn !== 'issue' || !c.feature.endsWith('_jose')) continue
    const code = expected[c.number]
    test(`${name}: ${code === undefined ? 'verifies' : `fails with ${code}`}`, async () => {
      const key = readSuiteKey(c.key_file)
      const alg = algOf[String(key.secretKeyJwk.crv)] as string
      const kind = c.feature.startsWith('credential') ? 'vc' : 'vp'
      const jws = await new CompactSign(
        Buffer.from(JSON.stringify(JSON.parse(readSuite(c.input_file)))),
      )
        .setProtectedHeader({
          alg,
          typ: `${kind}+jwt`,
          cty: kind,
          kid: String(key.publicKeyJwk.kid),
        })
        .sign(await importJWK(key.secretKeyJwk as never, alg))
      const options = {
        ...baseOptions(await suiteResolver(), Date.parse('2025-06-01T00:00:00Z')),
        verifyEnvelopedCredential: suiteSdJwtVerifier,
      }
      assertOutcome(await verifyVcJose(jws, options), code)
    })
  }
})
