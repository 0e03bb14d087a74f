// Signer checks against a generated LOTL, sequence numbers and staleness: the decisions after a signature verifies.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import {
  checkLotlSigner,
  checkNationalListSigner,
  checkSequence,
  isStale,
  trustedListFreshness,
} from '../check-tl-signer.ts'
import { parseTrustedList } from '../parse-trusted-list.ts'
import { readTrustedList, type VerifiedTrustedList } from '../read-trusted-list.ts'
import type { TrustedList } from '../trusted-list-types.ts'
import {
  buildTrustedListXml,
  createTestSigner,
  EU_LOTL_TYPE,
  signXml,
  type TestSigner,
} from './list-fixtures.ts'

const refusedWith = (code: string) => (error: unknown) => {
  assert.equal((error as { code?: string }).code, code, (error as Error).message)
  return true
}

describe('checkNationalListSigner and checkLotlSigner', () => {
  let zzSigner: TestSigner
  let pdfSigner: TestSigner
  let lotlSigner: TestSigner
  let lotl: VerifiedTrustedList
  let national: VerifiedTrustedList

  before(async () => {
    ;[zzSigner, pdfSigner, lotlSigner] = await Promise.all([
      createTestSigner('ZZ Scheme Operator'),
      createTestSigner('ZZ PDF Signer'),
      createTestSigner('LOTL Operator'),
    ])
    const lotlXml = buildTrustedListXml({
      territory: 'EU',
      tslType: EU_LOTL_TYPE,
      withoutProviders: true,
      pointers: [
        {
          territory: 'ZZ',
          location: 'https://zz.example/tl.xml',
          certificates: [zzSigner.certificate],
        },
        {
          territory: 'ZZ',
          location: 'https://zz.example/tl.pdf',
          certificates: [pdfSigner.certificate],
          mimeType: 'application/pdf',
        },
      ],
    })
    lotl = await readTrustedList(await signXml(lotlXml, lotlSigner))
    national = await readTrustedList(await signXml(buildTrustedListXml(), zzSigner))
  })

  it('accepts a national list signed with a certificate its LOTL pointer announces', () => {
    const pointer = checkNationalListSigner(national, lotl.list)
    assert.equal(pointer.tslLocation, 'https://zz.example/tl.xml')
    assert.doesNotThrow(() =>
      checkNationalListSigner(national, lotl.list, { tslLocation: 'https://zz.example/tl.xml' }),
    )
  })

  it('refuses a signer the pointer does not announce, even one announced for the PDF form', async () => {
    const byPdfSigner = await readTrustedList(await signXml(buildTrustedListXml(), pdfSigner))
    assert.throws(
      () => checkNationalListSigner(byPdfSigner, lotl.list),
      refusedWith('tl.signer_unknown'),
    )
  })

  it('refuses a list for which the LOTL has no pointer of its territory, type or location', async () => {
    const elsewhere = await readTrustedList(
      await signXml(buildTrustedListXml({ territory: 'ZY' }), zzSigner),
    )
    assert.throws(
      () => checkNationalListSigner(elsewhere, lotl.list),
      refusedWith('tl.signer_unknown'),
    )
    const otherType = await readTrustedList(
      await signXml(buildTrustedListXml({ tslType: 'http://example.org/TSLType/other' }), zzSigner),
    )
    assert.throws(
      () => checkNationalListSigner(otherType, lotl.list),
      refusedWith('tl.signer_unknown'),
    )
    assert.throws(
      () =>
        checkNationalListSigner(national, lotl.list, {
          tslLocation: 'https://evil.example/tl.xml',
        }),
      refusedWith('tl.signer_unknown'),
    )
  })

  it('accepts the LOTL signer only from the configured set, byte for byte', () => {
    assert.doesNotThrow(() =>
      checkLotlSigner(lotl.signature, [zzSigner.certificate, lotlSigner.certificate]),
    )
    assert.throws(
      () => checkLotlSigner(lotl.signature, [zzSigner.certificate]),
      refusedWith('tl.signer_unknown'),
    )
    const altered = new Uint8Array(lotlSigner.certificate)
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1
    assert.throws(
      () => checkLotlSigner(lotl.signature, [altered]),
      refusedWith('tl.signer_unknown'),
    )
  })
})

describe('checkSequence', () => {
  const list = (sequence: number, territory = 'ZZ'): TrustedList =>
    parseTrustedList(buildTrustedListXml({ sequence, territory }))

  it('accepts the first list, a newer one and the same one again', () => {
    assert.equal(checkSequence(undefined, list(7)), 'first')
    assert.equal(checkSequence(list(7), list(8)), 'advanced')
    assert.equal(checkSequence(list(7), list(7)), 'unchanged')
  })

  it('refuses a sequence number that goes backwards', () => {
    assert.throws(() => checkSequence(list(8), list(7)), refusedWith('tl.sequence_regressed'))
  })

  it('refuses to compare lists of different schemes', () => {
    assert.throws(() => checkSequence(list(7, 'ZZ'), list(8, 'ZY')), refusedWith('usage.invalid'))
  })
})

describe('isStale', () => {
  const list = parseTrustedList(buildTrustedListXml({ nextUpdate: '2026-07-01T00:00:00Z' }))
  const closed = parseTrustedList(buildTrustedListXml({ nextUpdate: null }))

  it('is current before NextUpdate and stale from then on', () => {
    assert.equal(trustedListFreshness(list, Date.parse('2026-06-30T23:59:59Z')), 'current')
    assert.equal(isStale(list, Date.parse('2026-06-30T23:59:59Z')), false)
    assert.equal(trustedListFreshness(list, Date.parse('2026-07-01T00:00:00Z')), 'stale')
    assert.equal(isStale(list, Date.parse('2026-07-01T00:00:00Z')), true)
  })

  it('never calls a closed list current', () => {
    assert.equal(trustedListFreshness(closed, Date.parse('2026-01-02T00:00:00Z')), 'closed')
    assert.equal(isStale(closed, Date.parse('2026-01-02T00:00:00Z')), true)
  })
})
