// Real issuers' SD-JWT VCs (EUDI reference PID, Japanese learning credential) verify via their x5c.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { corpusPath, readCorpusJson, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { fixedClock } from '../../../util/clock.ts'
import { baseOptions, run } from './support.ts'

interface FixtureSummary {
  iss: string
  vct: string
  n_disclosures: number
  header: { typ: string; alg: string }
  x5c: { sha256: string }[]
}

const summaries = readCorpusJson<Record<string, FixtureSummary>>(
  'eu',
  'eudi-pid',
  'fixtures-summary.json',
)

const credentials = [
  {
    name: 'EUDI PID (dev issuer backend)',
    path: ['eu', 'eudi-pid', 'pid-sdjwt-vc-dev-issuer-backend.txt'],
    summaryKey: 'pid-sdjwt-vc-dev-issuer-backend.txt',
    // Inside both the credential (iat 2024-12-02, exp 2025-01-01) and its certificate.
    at: '2024-12-15T00:00:00Z',
    afterExpiry: '2025-02-01T00:00:00Z',
    sdAlg: 'sha3-256',
  },
  {
    name: 'Japanese learning credential (EU–JP PoC)',
    path: ['eu', 'jp-eu-poc', 'jp-learning-credential-sdjwt-vc.txt'],
    summaryKey: '../jp-eu-poc/jp-learning-credential-sdjwt-vc.txt',
    // Inside the credential (iat 2026-02-18, exp 2027-02-18) and its certificate (to 2026-11-11).
    at: '2026-03-01T00:00:00Z',
    afterExpiry: '2027-03-01T00:00:00Z',
    sdAlg: 'sha-256',
  },
] as const

for (const credential of credentials) {
  describe(credential.name, skipWithoutCorpus(...credential.path), () => {
    const read = (): string => readFileSync(corpusPath(...credential.path) as string, 'utf8')
    const summary = (): FixtureSummary => {
      const entry = summaries?.[credential.summaryKey]
      assert.ok(entry, 'fixtures-summary.json describes the credential')
      return entry
    }

    test('as issued: every check passes, the issuer signature with the key of x5c[0]', async () => {
      const { codes, result, statusOf } = await run(
        read(),
        baseOptions({ clock: fixedClock(credential.at), stage: 'issuance' }),
      )
      assert.deepEqual(codes, [])
      assert.deepEqual(statusOf('sdjwt.signature'), ['passed'])
      assert.ok(result)
      const expected = summary()
      assert.equal(result.issuerKeySource, 'x5c')
      assert.equal(result.iss, expected.iss)
      assert.equal(result.vct, expected.vct)
      assert.equal(result.header.typ, expected.header.typ)
      assert.equal(result.sdAlg, credential.sdAlg)
      assert.equal(result.disclosures.length, expected.n_disclosures)
      assert.equal(result.x5c.length, expected.x5c.length)
      const leaf = result.x5c[0] as Uint8Array
      assert.equal(createHash('sha256').update(leaf).digest('hex'), expected.x5c[0]?.sha256)
      assert.equal(result.keyBindingVerified, false)
      assert.ok(result.cnf)
    })

    test('presented without a KB-JWT: the signature passes, key binding fails kb.missing', async () => {
      const { codes, statusOf } = await run(
        read(),
        baseOptions({ clock: fixedClock(credential.at) }),
      )
      assert.deepEqual(codes, ['kb.missing'])
      assert.deepEqual(statusOf('sdjwt.signature'), ['passed'])
      assert.deepEqual(statusOf('sdjwt.disclosures'), ['passed'])
      assert.deepEqual(statusOf('vc.claims'), ['passed'])
    })

    test('after exp: time.expired', async () => {
      const { codes } = await run(
        read(),
        baseOptions({ clock: fixedClock(credential.afterExpiry), stage: 'issuance' }),
      )
      assert.deepEqual(codes, ['time.expired'])
    })
  })
}
