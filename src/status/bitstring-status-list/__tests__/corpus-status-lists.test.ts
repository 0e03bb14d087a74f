// The DCC and 1EdTech status lists and credentials from the shared corpus, through checkBitstringStatus (proofs stubbed).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { corpusPath, readCorpusJson, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { checkOne, depsFor, MemorySource } from './bitstring-fixtures.ts'

const dccList = ['vectors', 'openbadges-dcc', 'status__e5WK8CbZ1GjycuPombrj.json'] as const
const dccRevoked = ['vectors', 'openbadges-dcc', 'v2__v2Revoked.json'] as const
const edtechList = ['vectors', 'openbadges-1edtech', 'bit-string-list', 'testlist'] as const
const edtechRevoked = [
  'vectors',
  'openbadges-1edtech',
  'bit-string-list',
  'credential-status-revoked.json',
] as const

interface CorpusCredential {
  issuer: string | { id: string }
  credentialStatus: Record<string, unknown>
}

const issuerOf = (credential: CorpusCredential): string =>
  typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id

/** Serves the corpus list at the URL the corpus credential names. */
function setUp(listParts: readonly string[], credentialParts: readonly string[]) {
  const credential = readCorpusJson<CorpusCredential>(...credentialParts)
  const listFile = corpusPath(...listParts)
  assert.ok(credential && listFile)
  const source = new MemorySource()
  const url = credential.credentialStatus.statusListCredential as string
  source.publish(url, readFileSync(listFile, 'utf8'))
  return { credential, source, status: credential.credentialStatus }
}

describe('DCC verifier-core status list (100,000 bits)', () => {
  const skip = { skip: skipWithoutCorpus(...dccList).skip || skipWithoutCorpus(...dccRevoked).skip }

  it(
    'is refused for length (STATUS_LIST_LENGTH_ERROR): 100,000 < 131,072 entries',
    skip,
    async () => {
      const { credential, source, status } = setUp(dccList, dccRevoked)
      const check = await checkOne(status, depsFor(source, { issuer: issuerOf(credential) }))
      assert.equal(check.status, 'failed')
      assert.equal(check.code, 'status.list_too_short')
      assert.equal(check.detail?.bitLength, 100_000)
    },
  )

  it(
    'under an ecosystem lower bound of 100,000: index 8 revoked, 9 valid (MANIFEST)',
    skip,
    async () => {
      const { credential, source, status } = setUp(dccList, dccRevoked)
      const deps = depsFor(source, {
        issuer: issuerOf(credential),
        minimumNumberOfEntries: 100_000,
      })
      const revoked = await checkOne(status, deps)
      assert.equal(revoked.code, 'status.invalid', revoked.message)
      const valid = await checkOne({ ...status, statusListIndex: '9' }, deps)
      assert.equal(valid.status, 'passed', valid.message)
    },
  )
})

describe('1EdTech validator status list (131,072 bits, bit 23 set)', () => {
  const skip = {
    skip: skipWithoutCorpus(...edtechList).skip || skipWithoutCorpus(...edtechRevoked).skip,
  }

  it(
    'refuses the credential as it stands: its statusListIndex is the JSON number 23',
    skip,
    async () => {
      const { credential, source, status } = setUp(edtechList, edtechRevoked)
      const check = await checkOne(status, depsFor(source, { issuer: issuerOf(credential) }))
      assert.equal(check.code, 'status.reference_invalid')
      assert.match(check.message, /JSON number/)
    },
  )

  it('in lenient mode reads index 23 as revoked, with a warning', skip, async () => {
    const { credential, source, status } = setUp(edtechList, edtechRevoked)
    const deps = depsFor(source, {
      issuer: issuerOf(credential),
      allowNumericStatusListIndex: true,
    })
    const check = await checkOne(status, deps)
    assert.equal(check.code, 'status.invalid', check.message)
    assert.match(String(check.detail?.warning), /base-10 string/)
  })

  it('with string indexes: "23" revoked, "22" and "24" valid', skip, async () => {
    const { credential, source, status } = setUp(edtechList, edtechRevoked)
    const deps = depsFor(source, { issuer: issuerOf(credential) })
    assert.equal(
      (await checkOne({ ...status, statusListIndex: '23' }, deps)).code,
      'status.invalid',
    )
    for (const index of ['22', '24']) {
      const check = await checkOne({ ...status, statusListIndex: index }, deps)
      assert.equal(check.status, 'passed', check.message)
    }
  })

  it('refuses the list for a credential of another issuer', skip, async () => {
    const { source, status } = setUp(edtechList, edtechRevoked)
    const check = await checkOne(
      { ...status, statusListIndex: '1' },
      depsFor(source, { issuer: 'https://someone-else.example/issuer' }),
    )
    assert.equal(check.code, 'status.list_issuer_mismatch')
  })
})
