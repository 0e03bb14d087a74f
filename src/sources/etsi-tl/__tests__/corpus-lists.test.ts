// The real EU lists (the 2019 set, format 5; the 2026 LOTL and Spanish list, format 6) parse, verify and chain to their LOTL.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { corpusPath, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { decodePemCertificates } from '../../../trust/x509/parse-certificate.ts'
import {
  checkLotlSigner,
  checkNationalListSigner,
  findTerritoryPointers,
  isStale,
} from '../check-tl-signer.ts'
import { readTrustedList, type VerifiedTrustedList } from '../read-trusted-list.ts'

const SET_2019 = ['etsi-tl'] as const
const LISTS_2026 = ['eu', 'trusted-lists', 'eu-lotl-2026'] as const
/** The lists' issue and NextUpdate are in the past: a fixed clock inside and one after. */
const SEPTEMBER_2019 = Date.parse('2019-09-10T00:00:00Z')
const JULY_2026 = Date.parse('2026-07-16T00:00:00Z')
const LATER = Date.parse('2027-01-01T00:00:00Z')

const read = (...parts: string[]) => readFileSync(corpusPath(...parts) as string)
const nationalFiles = (): string[] => {
  const folder = corpusPath(...SET_2019)
  return folder === undefined
    ? []
    : readdirSync(folder)
        .filter((name) => name.endsWith('.xml') && name !== 'EU-lotl.xml')
        .sort()
}

interface Timing {
  bytes: number
  ms: number
}
const describeRate = ({ bytes, ms }: Timing) =>
  `${(bytes / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms: ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s`

async function timedRead(bytes: Uint8Array, timings: Timing[]): Promise<VerifiedTrustedList> {
  const started = performance.now()
  const verified = await readTrustedList(bytes)
  timings.push({ bytes: bytes.byteLength, ms: performance.now() - started })
  return verified
}

describe(
  'the 2019 EU LOTL and national lists (format 5)',
  skipWithoutCorpus(...SET_2019, 'EU-lotl.xml'),
  () => {
    const timings: Timing[] = []
    let lotl: VerifiedTrustedList

    before(async () => {
      lotl = await timedRead(read(...SET_2019, 'EU-lotl.xml'), timings)
    })

    it('the LOTL (sequence 248) parses and verifies; it was current in September 2019, stale now', () => {
      const scheme = lotl.list.schemeInformation
      assert.equal(scheme.tslVersionIdentifier, 5)
      assert.equal(scheme.tslSequenceNumber, 248)
      assert.equal(scheme.schemeTerritory, 'EU')
      assert.equal(scheme.pointersToOtherTSL.length, 44)
      assert.equal(scheme.nextUpdate, '2020-03-04T00:00:00.000Z')
      assert.equal(isStale(lotl.list, SEPTEMBER_2019), false)
      assert.equal(isStale(lotl.list, LATER), true)
      // The LOTL announces its own signers in its EU pointer.
      const [self] = findTerritoryPointers(lotl.list, 'EU')
      assert.ok(self, 'the LOTL points to itself')
      assert.doesNotThrow(() =>
        checkLotlSigner(
          lotl.signature,
          self.serviceDigitalIdentities.flatMap((identity) => identity.x509Certificates),
        ),
      )
    })

    for (const file of nationalFiles()) {
      it(`${file} parses, verifies, and is signed by a certificate its LOTL pointer announces`, async () => {
        const national = await timedRead(read(...SET_2019, file), timings)
        const territory = file.replace('.xml', '')
        assert.equal(national.list.schemeInformation.schemeTerritory, territory)
        assert.equal(national.list.schemeInformation.tslVersionIdentifier, 5)
        const pointer = checkNationalListSigner(national, lotl.list)
        assert.equal(pointer.schemeTerritory, territory)
        assert.equal(isStale(national.list, LATER), true)
      })
    }

    it('the Finnish list verifies with the whitespace after its signature kept, and not without it', async () => {
      const bytes = read(...SET_2019, 'FI.xml')
      const text = new TextDecoder().decode(bytes)
      assert.match(text, /<\/ds:Signature>\r?\n<\/TrustServiceStatusList>/)
      const { list, signature } = await readTrustedList(bytes)
      assert.equal(list.id, 'id_for_enveloped_signing_of_the_entire_list')
      assert.equal(signature.referenceUri, '')
      const withoutWhitespace = text.replace(/<\/ds:Signature>\r?\n/, '</ds:Signature>')
      await assert.rejects(readTrustedList(withoutWhitespace), { code: 'tl.signature_invalid' })
    })

    it('reports parse and signature validation time for the whole set', (t) => {
      assert.equal(timings.length, nationalFiles().length + 1)
      const total = timings.reduce(
        (sum, { bytes, ms }) => ({ bytes: sum.bytes + bytes, ms: sum.ms + ms }),
        {
          bytes: 0,
          ms: 0,
        },
      )
      t.diagnostic(`2019 set, ${timings.length} lists: ${describeRate(total)}`)
    })
  },
)

describe(
  'the 2026 EU LOTL (sequence 388) and Spanish list (sequence 187), format 6',
  skipWithoutCorpus(...LISTS_2026, 'es-tl-seq187.xml'),
  () => {
    let lotl: VerifiedTrustedList
    let spain: VerifiedTrustedList
    const timings: Timing[] = []
    const pem = (name: string) => decodePemCertificates(read(...LISTS_2026, name).toString('utf8'))

    before(async () => {
      lotl = await timedRead(read(...LISTS_2026, 'eu-lotl-seq388.xml'), [])
      spain = await timedRead(read(...LISTS_2026, 'es-tl-seq187.xml'), timings)
    })

    it('the LOTL parses and verifies, signed by the configured EC signer', () => {
      const scheme = lotl.list.schemeInformation
      assert.equal(scheme.tslVersionIdentifier, 6)
      assert.equal(scheme.tslSequenceNumber, 388)
      assert.equal(scheme.pointersToOtherTSL.length, 43)
      assert.equal(
        lotl.signature.signatureMethod,
        'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
      )
      assert.equal(lotl.signature.signingCertificateReference, 'SigningCertificateV2')
      assert.equal(isStale(lotl.list, JULY_2026), false)
      assert.doesNotThrow(() => checkLotlSigner(lotl.signature, pem('eu-lotl-seq388-signer.pem')))
      assert.throws(() => checkLotlSigner(lotl.signature, pem('es-tl-seq187-signer.pem')), {
        code: 'tl.signer_unknown',
      })
    })

    it('the Spanish list verifies and has the counts its manifest states', () => {
      const { list } = spain
      assert.equal(list.schemeInformation.tslSequenceNumber, 187)
      assert.equal(list.schemeInformation.schemeTerritory, 'ES')
      const services = list.trustServiceProviders.flatMap((tsp) => tsp.tspServices)
      assert.equal(list.trustServiceProviders.length, 71)
      assert.equal(services.length, 429)
      assert.equal(
        services.reduce((sum, service) => sum + service.serviceHistory.length, 0),
        384,
      )
      const count = (values: string[]) =>
        values.reduce<Record<string, number>>((counts, value) => {
          const key = value.slice(value.lastIndexOf('/') + 1)
          counts[key] = (counts[key] ?? 0) + 1
          return counts
        }, {})
      assert.deepEqual(count(services.map((service) => service.serviceStatus)), {
        granted: 238,
        withdrawn: 191,
      })
      const types = count(services.map((service) => service.serviceTypeIdentifier))
      assert.equal(types.QC, 242)
      assert.equal(types.QTST, 118)
    })

    it('the Spanish signer is the one the LOTL-388 ES pointer announces, and the published PEM', () => {
      const pointer = checkNationalListSigner(spain, lotl.list)
      assert.equal(pointer.tslLocation, 'https://tsl.digital.gob.es/TSL.xml')
      assert.deepEqual(spain.signature.signingCertificate, pem('es-tl-seq187-signer.pem')[0])
    })

    it('the 2024 pivot LOTL (341) is signed by the same configured signer', async () => {
      const pivot = await readTrustedList(
        read('eu', 'trusted-lists', 'dss-2019-set', 'eu-lotl-pivot-341.xml'),
      )
      assert.equal(pivot.list.schemeInformation.tslSequenceNumber, 341)
      assert.doesNotThrow(() => checkLotlSigner(pivot.signature, pem('eu-lotl-seq388-signer.pem')))
    })

    it('reports parse and signature validation time for the 2.9 MB Spanish list', (t) => {
      const [timing] = timings
      assert.ok(timing)
      t.diagnostic(`ES seq 187 (first read): ${describeRate(timing)}`)
    })
  },
)
