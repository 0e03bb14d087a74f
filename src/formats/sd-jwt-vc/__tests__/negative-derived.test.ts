// Each tampered RFC 9901 §5.2 presentation fails with the code of the rule it breaks; the control passes.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, test } from 'node:test'
import { corpusPath, readCorpusJson, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { fixedClock } from '../../../util/clock.ts'
import { baseOptions, run } from './support.ts'

interface NegativeVector {
  sd_jwt: string
  issuer_jwk: Record<string, unknown>
  verifier_params: { nonce: string; aud: string }
  expected: { valid: boolean; reason?: string }
}

const folder = ['vectors', 'sd-jwt', 'negative-derived'] as const

/** The code each file must fail with (RFC 9901 step in the vector's `reason`); undefined: must pass. */
const expectedCodes: Record<string, string | undefined> = {
  'claim_name_collision.json': 'sdjwt.claim_collision',
  'control_valid_resigned_kb.json': undefined,
  'duplicate_digest_in_payload.json': 'sdjwt.digest_duplicate',
  'issuer_alg_none.json': 'sdjwt.alg_not_allowed',
  'issuer_jwt_expired.json': 'time.expired',
  'issuer_signature_invalid.json': 'sdjwt.signature_invalid',
  'kb_signed_by_wrong_key.json': 'kb.signature_invalid',
  'kb_wrong_aud.json': 'kb.aud_mismatch',
  'kb_wrong_nonce.json': 'kb.nonce_mismatch',
  'kb_wrong_sd_hash.json': 'kb.sd_hash_mismatch',
  'kb_wrong_typ.json': 'kb.typ_invalid',
  'missing_kb_when_required.json': 'kb.missing',
  'reserved_claim_name_in_disclosure.json': 'sdjwt.reserved_claim',
  'tampered_disclosure.json': 'sdjwt.disclosure_mismatch',
  'unreferenced_extra_disclosure.json': 'sdjwt.disclosure_mismatch',
  'wrong_disclosure_shape.json': 'sdjwt.disclosure_shape',
}

// The KB-JWTs of these files carry iat 1748537243 (2025-05-29T16:47:23Z).
const clock = fixedClock((1748537243 + 30) * 1000)

describe('negative-derived vectors', skipWithoutCorpus(...folder), () => {
  const dir = corpusPath(...folder)
  const files =
    dir === undefined
      ? []
      : readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort()

  test('every file of the folder has an expected code', () => {
    assert.deepEqual(files, Object.keys(expectedCodes).sort())
  })

  for (const file of files) {
    const expected = expectedCodes[file]
    test(`${file} → ${expected ?? 'valid'}`, async () => {
      const vector = readCorpusJson<NegativeVector>(...folder, file) as NegativeVector
      assert.equal(vector.expected.valid, expected === undefined)
      const { codes, result } = await run(
        vector.sd_jwt,
        baseOptions({
          clock,
          issuerKey: vector.issuer_jwk,
          allowAnyTyp: true,
          expectedNonce: vector.verifier_params.nonce,
          expectedAudience: vector.verifier_params.aud,
        }),
      )
      assert.deepEqual(codes, expected === undefined ? [] : [expected])
      if (expected === undefined) assert.equal(result?.keyBindingVerified, true)
      if (expected?.startsWith('sdjwt.')) assert.equal(result, undefined)
    })
  }
})
