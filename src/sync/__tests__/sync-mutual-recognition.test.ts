// A LOTL's mutual-recognition pointers through `registry sync`: the EU's own form becomes rules; a block that disagrees fails the LOTL.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DOMParser, XMLSerializer } from '@xmldom/xmldom'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import type { RecognitionRule } from '../../model/index.ts'
import { getFramework, listRecognitionRules } from '../../registry/registry-queries.ts'
import { writeMutualRecognitionPointer } from '../../sources/etsi-tl/write-mutual-recognition.ts'
import { fixedClock } from '../../util/clock.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { syncSources } from '../sync-sources.ts'
import { createTestEcosystem, type TestEcosystem } from './sync-fixtures.ts'

const inForce = fixedClock('2026-06-01T00:00:00Z')
const KH_NS = 'urn:kakehashi:recognition:v1'

const agreement: RecognitionRule = {
  id: 'agreement.eu-zz-qualified-signatures',
  recognisingFrameworkId: 'eu.eidas.qualified',
  recognisedFrameworkId: 'eu.eidas.national',
  credentialTypes: ['QCForESig'],
  levelMapping: {},
  legalBasis: 'Test agreement between the EU and ZZ on qualified certificates for e-signatures',
  validFrom: '2026-01-01T00:00:00Z',
}

/** The pointer with Kakehashi's own statement of the rules taken out: the MRA block alone, as the EU publishes it. */
function withoutKakehashiRules(pointer: string): string {
  const document = new DOMParser().parseFromString(pointer, 'application/xml')
  for (const element of Array.from(document.getElementsByTagNameNS(KH_NS, '*'))) {
    const information = element.parentNode
    information?.parentNode?.removeChild(information)
  }
  return new XMLSerializer().serializeToString(document)
}

describe('mutual recognition read from a LOTL by registry sync', () => {
  let ecosystem: TestEcosystem
  let fixture: TestStore
  const sync = () =>
    syncSources({
      store: fixture.store,
      clock: inForce,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'etsi-lotl',
              id: 'eu.lotl',
              uri: ecosystem.server.url('/lotl.xml'),
              signers: [ecosystem.lotlPem()],
            },
          ],
        }),
        '/',
      ),
    })
  const pointerFor = (rules: RecognitionRule[]) =>
    writeMutualRecognitionPointer(rules, {
      atMs: inForce.now(),
      tslLocation: ecosystem.server.url('/ZZ.xml'),
      schemeTerritory: 'ZZ',
    })

  before(async () => {
    ecosystem = await createTestEcosystem(['ZZ'])
    fixture = await openTestStore('pglite')
    await ecosystem.publishList('ZZ', { sequence: 1 })
  })
  after(async () => {
    await ecosystem.server.stop()
    await fixture.cleanup()
  })

  it('an MRA block as the EU writes it becomes a rule of the LOTL source, with the third country’s framework', async () => {
    await ecosystem.publishLotl({ extraPointers: [withoutKakehashiRules(pointerFor([agreement]))] })
    const report = await sync()
    const lotl = report.sources.find((s) => s.sourceId === 'eu.lotl')
    assert.equal(lotl?.outcome, 'imported', JSON.stringify(lotl?.failure))
    const rules = await listRecognitionRules(fixture.store)
    const derived = rules.filter((r) => r.sourceId === 'eu.lotl')
    assert.equal(derived.length, 1)
    assert.equal(derived[0]?.recognisingFrameworkId, 'eu.eidas.qualified')
    assert.equal(derived[0]?.recognisedFrameworkId, 'zz.tl.qualified')
    assert.deepEqual(derived[0]?.credentialTypes, ['QCForESig'])
    assert.equal(derived[0]?.validFrom, '2026-01-01T00:00:00.000Z')
    const framework = await getFramework(fixture.store, 'zz.tl.qualified')
    assert.equal(framework.jurisdiction, 'ZZ')
    assert.equal(framework.sourceId, 'eu.lotl')
  })

  it('Kakehashi rules beside an MRA block that says otherwise: the LOTL import fails, the last version stays', async () => {
    const tampered = pointerFor([agreement]).replace(
      /(<mra:TrustServiceLegalIdentifier>)QCForESig/,
      '$1QCForESeal',
    )
    await ecosystem.publishLotl({ sequence: 101, extraPointers: [tampered] })
    const report = await sync()
    const lotl = report.sources.find((s) => s.sourceId === 'eu.lotl')
    assert.equal(lotl?.outcome, 'failed')
    assert.equal(lotl?.failure?.code, 'source.mra_inconsistent')
    const rules = await listRecognitionRules(fixture.store)
    assert.equal(rules.filter((r) => r.sourceId === 'eu.lotl').length, 1, 'the rule in force stays')
  })
})
