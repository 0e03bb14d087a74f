// The corpus's invalid lists: each is refused, with the code that says why.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { corpusPath, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { announcedCertificates, checkNationalListSigner } from '../check-tl-signer.ts'
import { parseTrustedList } from '../parse-trusted-list.ts'
import { readTrustedList } from '../read-trusted-list.ts'

/**
 * Why each file of etsi-tl-negative/ is refused. Two of the five CZ cases share a code: the
 * "not conformant" CZ file is not even well-formed (its TSLVersionIdentifier is never closed), so
 * the parser refuses it before conformance can be asked; the LOTL's non-compliant file is
 * well-formed but lacks SchemeOperatorAddress, which the schema requires.
 */
const EXPECTED: Record<string, string> = {
  'CZ_broken-sig.xml': 'tl.signature_invalid',
  'CZ_no-sig.xml': 'tl.signature_missing',
  'CZ_not-conform.xml': 'tl.not_xml',
  'CZ_not-parsable.xml': 'tl.not_xml',
  'CZ_two-sigs.xml': 'tl.signature_multiple',
  'eu-lotl_broken-sig.xml': 'tl.signature_invalid',
  'eu-lotl_non-compliant.xml': 'tl.not_conformant',
  'eu-lotl_not-parsable.xml': 'tl.not_xml',
}

const NEGATIVE = ['etsi-tl-negative'] as const
const read = (...parts: string[]) => readFileSync(corpusPath(...parts) as string)

describe(
  'etsi-tl-negative: every file is refused with its own reason',
  skipWithoutCorpus(...NEGATIVE),
  () => {
    const folder = corpusPath(...NEGATIVE)
    const files = folder === undefined ? [] : readdirSync(folder).sort()

    it('has an expectation for every file', () => {
      assert.deepEqual(files, Object.keys(EXPECTED).sort())
    })

    for (const file of files) {
      it(`${file}: ${EXPECTED[file] ?? '(unexpected file)'}`, async () => {
        await assert.rejects(readTrustedList(read(...NEGATIVE, file)), (error: unknown) => {
          assert.equal((error as { code?: string }).code, EXPECTED[file], (error as Error).message)
          return true
        })
      })
    }
  },
)

describe('other corpus lists that must not be trusted', () => {
  const PILOT = ['eu', 'trusted-lists', 'mra-pilot'] as const

  it(
    'LOTL 248 with its content edited after signing',
    skipWithoutCorpus('eu', 'trusted-lists', 'dss-2019-set'),
    async () => {
      const bytes = read(
        'eu',
        'trusted-lists',
        'dss-2019-set',
        'eu-lotl-seq248-broken-sig.NEGATIVE.xml',
      )
      await assert.rejects(readTrustedList(bytes), { code: 'tl.signature_invalid' })
    },
  )

  it(
    'the Japanese pilot list, edited after signing: it parses as data, and is not trusted',
    skipWithoutCorpus(...PILOT),
    async () => {
      const bytes = read(...PILOT, 'tc-tl-JP-TL-MIC-001.xml')
      const list = parseTrustedList(bytes)
      assert.equal(list.id, 'JP-TL-MIC-001')
      assert.equal(list.schemeInformation.tslType, 'http://example/TSLType/CCgeneric')
      assert.equal(list.trustServiceProviders.length, 1)
      await assert.rejects(readTrustedList(bytes), { code: 'tl.signature_invalid' })
    },
  )

  it(
    'the third-country ZZ list verifies, but its signer is not the one the MRA LOTL announces',
    skipWithoutCorpus(...PILOT),
    async () => {
      const lotl = await readTrustedList(read(...PILOT, 'mra-lotl.xml'))
      const zz = await readTrustedList(read(...PILOT, 'mra-zz-tl.xml'))
      assert.throws(() => checkNationalListSigner(zz, lotl.list), { code: 'tl.signer_unknown' })
      // Whatever the territory: no pointer to a list of its type announces that certificate.
      const pointers = lotl.list.schemeInformation.pointersToOtherTSL.filter(
        (pointer) => pointer.tslType === zz.list.schemeInformation.tslType,
      )
      assert.ok(pointers.length > 0)
      const signer = Buffer.from(zz.signature.signingCertificate)
      assert.ok(
        pointers.every(
          (pointer) => !announcedCertificates(pointer).some((der) => signer.equals(der)),
        ),
      )
    },
  )
})
