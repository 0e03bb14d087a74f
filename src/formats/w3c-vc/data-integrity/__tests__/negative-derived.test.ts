// The 28 mutations of the corpus (negative-derived/): each fails, with the code its mutation calls for.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { test } from 'node:test'
import { corpusPath } from '../../../../../test/support/corpus.ts'
import type { DataIntegrityCode } from '../data-integrity-codes.ts'
import { verifyDataIntegrity } from '../verify-data-integrity.ts'
import { negativeDir, readJson, skipWithout, vectorOptions } from './support.ts'

/** The code each mutation must produce, by the part of the file name after the suite. */
const expectedCode: Record<string, DataIntegrityCode> = {
  created_changed: 'w3c.proof_invalid',
  cryptosuite_wrong: 'w3c.verification_method_unsuitable',
  proofPurpose_authentication: 'w3c.proof_purpose_mismatch',
  proofPurpose_missing: 'w3c.proof_malformed',
  proofValue_missing: 'w3c.proof_malformed',
  proofValue_no_multibase_prefix: 'w3c.proof_malformed',
  proof_missing: 'w3c.proof_missing',
  proof_null: 'w3c.proof_missing',
  proof_type_missing: 'w3c.proof_malformed',
  proof_type_wrong: 'w3c.proof_type_unsupported',
  tampered_subject: 'w3c.proof_invalid',
  tampered_validFrom: 'w3c.proof_invalid',
  vm_missing: 'w3c.proof_malformed',
  // The other spec key is the other suite's curve.
  vm_wrong_key: 'w3c.verification_method_unsuitable',
}

const dir = corpusPath(negativeDir)
const files = dir === undefined ? [] : readdirSync(dir).filter((f) => f.endsWith('.json'))

test('all 28 derived negatives are present', skipWithout(negativeDir), () => {
  assert.equal(files.length, 28)
})

for (const file of files.sort()) {
  const mutation = file.replace(/^.*__/, '').replace(/\.json$/, '')
  test(`${file} fails with ${expectedCode[mutation]}`, skipWithout(negativeDir, file), async () => {
    const wrapper = readJson<{ expected: { verified: boolean }; credential: unknown }>(
      negativeDir,
      file,
    )
    assert.equal(wrapper.expected.verified, false)
    const result = await verifyDataIntegrity(wrapper.credential, vectorOptions())
    assert.equal(result.ok, false)
    if (!result.ok) assert.equal(result.code, expectedCode[mutation], result.message)
  })
}
