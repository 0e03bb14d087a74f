// The published RFC 9901 (draft 22) and SD-JWT VC (draft 18) examples verify, with the claims they state.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, test } from 'node:test'
import { corpusPath, readCorpusJson, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { fixedClock } from '../../../util/clock.ts'
import { baseOptions, run } from './support.ts'

interface Vector {
  sd_jwt?: string
  sd_jwt_json?: unknown
  equivalent_compact?: string
  issuer_jwk: Record<string, unknown>
  verifier_params: { nonce: string; aud: string; require_key_binding: boolean }
  expected: {
    valid: boolean
    issuer_header?: Record<string, unknown>
    processed_payload?: Record<string, unknown>
    kb_jwt_payload?: Record<string, unknown> | null
    vct?: string
  }
}

// Each vector states its KB-JWT `iat`; the clock stands 30 s later, inside every issuer JWT window.
const folders = [
  { folder: 'rfc9901-draft22', kbIatSec: 1748537243 },
  { folder: 'sd-jwt-vc-draft18', kbIatSec: 1785785053 },
] as const

const base = ['vectors', 'sd-jwt'] as const

function files(folder: string): string[] {
  const dir = corpusPath(...base, folder)
  return dir === undefined
    ? []
    : readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
}

for (const { folder, kbIatSec } of folders) {
  describe(`${folder} vectors`, skipWithoutCorpus(...base, folder), () => {
    for (const file of files(folder)) {
      const vector = readCorpusJson<Vector>(...base, folder, file) as Vector
      const input = vector.sd_jwt ?? JSON.stringify(vector.sd_jwt_json)
      const hasKb =
        vector.expected.kb_jwt_payload != null || vector.verifier_params.require_key_binding
      const options = baseOptions({
        clock: fixedClock((kbIatSec + 30) * 1000),
        issuerKey: vector.issuer_jwk,
        allowAnyTyp: true,
        expectedNonce: vector.verifier_params.nonce,
        expectedAudience: vector.verifier_params.aud,
      })
      const boundWithoutKb =
        !hasKb && /"cnf"/.test(JSON.stringify(vector.expected.processed_payload))

      test(`${file} verifies`, async () => {
        assert.equal(vector.expected.valid, true)
        const { result, codes, statusOf } = await run(
          input,
          boundWithoutKb ? { ...options, stage: 'issuance' } : options,
        )
        assert.deepEqual(codes, [])
        assert.ok(result)
        assert.deepEqual(statusOf('sdjwt.signature'), ['passed'])
        assert.equal(result.keyBindingVerified, hasKb)
        if (vector.expected.processed_payload) {
          assert.deepEqual(result.claims, vector.expected.processed_payload)
        }
        if (vector.expected.issuer_header)
          assert.deepEqual(result.header, vector.expected.issuer_header)
        if (vector.expected.kb_jwt_payload) {
          assert.deepEqual(result.kbJwtPayload, vector.expected.kb_jwt_payload)
        }
        if (vector.expected.vct) assert.equal(result.vct, vector.expected.vct)
        for (const d of result.disclosures)
          assert.ok(d.encoded.length > 0 && d.digest.length === 43)
        if (vector.sd_jwt_json !== undefined) {
          assert.equal(
            result.serialization,
            'signatures' in (vector.sd_jwt_json as object) ? 'json-general' : 'json-flattened',
          )
        }
      })

      if (boundWithoutKb) {
        test(`${file}, presented without a KB-JWT, fails kb.missing because it has cnf`, async () => {
          const { codes, result } = await run(input, options)
          assert.deepEqual(codes, ['kb.missing'])
          assert.equal(result?.keyBindingVerified, false)
        })
      }

      if (vector.equivalent_compact !== undefined) {
        test(`${file}: the equivalent compact form gives the same claims`, async () => {
          const compactForm = vector.equivalent_compact as string
          const fromJson = await run(
            input,
            boundWithoutKb ? { ...options, stage: 'issuance' } : options,
          )
          const fromCompact = await run(
            compactForm,
            boundWithoutKb ? { ...options, stage: 'issuance' } : options,
          )
          assert.deepEqual(fromCompact.codes, [])
          assert.deepEqual(fromCompact.result?.claims, fromJson.result?.claims)
          assert.equal(fromCompact.result?.serialization, 'compact')
        })
      }

      if (vector.expected.issuer_header?.typ === 'example+sd-jwt') {
        test(`${file}: typ example+sd-jwt is refused unless allowAnyTyp`, async () => {
          const { codes, result, statusOf } = await run(input, { ...options, allowAnyTyp: false })
          assert.deepEqual(codes, ['sdjwt.typ_invalid'])
          assert.equal(result, undefined)
          assert.deepEqual(statusOf('sdjwt.signature'), ['skipped'])
        })
      }
    }
  })
}
