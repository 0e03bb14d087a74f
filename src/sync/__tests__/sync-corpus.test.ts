// `registry sync` against the real 2019 EU LOTL and national lists: every qualified service in, a tampered list refused.
import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { corpusPath, skipWithoutCorpus } from '../../../test/support/corpus.ts'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { getSource, listAuthorisations } from '../../registry/registry-queries.ts'
import { findTerritoryPointers, parseTrustedList } from '../../sources/etsi-tl/index.ts'
import { isQualifiedServiceType } from '../../sources/etsi-tl/trusted-list-to-source-import.ts'
import { fixedClock } from '../../util/clock.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'

const SEPTEMBER_2019 = fixedClock('2019-09-10T00:00:00Z')

describe('sync of the real 2019 EU lists', skipWithoutCorpus('etsi-tl', 'EU-lotl.xml'), () => {
  let fixture: TestStore
  let folder: string
  let report: SyncReport
  const corpus = (name: string) => corpusPath('etsi-tl', name) as string
  const sync = () =>
    syncSources({
      store: fixture.store,
      clock: SEPTEMBER_2019,
      actor: 'operator:test',
      allowPrivate: false,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'etsi-lotl',
              id: 'eu.lotl',
              uri: join(folder, 'EU-lotl.xml'),
              signers: ['lotl-signers.pem'],
              nationalListDirectory: '.',
            },
          ],
        }),
        folder,
      ),
    })

  before(async () => {
    // A working copy of the lists, so one can be replaced by a tampered one later.
    folder = mkdtempSync(join(tmpdir(), 'kakehashi-tl-'))
    for (const name of readdirSync(corpusPath('etsi-tl') as string)) {
      copyFileSync(corpus(name), join(folder, name))
    }
    // The LOTL signers would come from the Official Journal; this 2019 LOTL announces them in its
    // own EU pointer, which is where the test takes them from.
    const lotl = parseTrustedList(readFileSync(corpus('EU-lotl.xml')))
    const [self] = findTerritoryPointers(lotl, 'EU')
    const pems = (self?.serviceDigitalIdentities ?? [])
      .flatMap((identity) => identity.x509Certificates)
      .map((der) => new X509Certificate(der).toString())
    writeFileSync(join(folder, 'lotl-signers.pem'), pems.join(''))
    fixture = await openTestStore('pglite')
    report = await sync()
  })
  after(async () => {
    await fixture?.cleanup()
    rmSync(folder, { recursive: true, force: true })
  })

  it('imports the LOTL and every national list present, and records the missing ones as failures', () => {
    const present = readdirSync(folder)
      .filter((name) => /^[A-Z]{2}\.xml$/.test(name))
      .map((name) => `eu.tl.${name.slice(0, 2).toLowerCase()}`)
    const imported = report.sources.filter((s) => s.outcome === 'imported').map((s) => s.sourceId)
    assert.deepEqual(imported.sort(), ['eu.lotl', ...present].sort())
    const failed = report.sources.filter((s) => s.outcome === 'failed')
    assert.ok(failed.length > 0, 'the LOTL points to lists the corpus does not carry (DE)')
    assert.ok(failed.every((s) => s.failure?.code === 'fetch.failed'))
  })

  it('fills the registry with every qualified service of every list, under eu.eidas.qualified', async () => {
    let expected = 0
    for (const name of readdirSync(folder).filter((n) => /^[A-Z]{2}\.xml$/.test(n))) {
      const list = parseTrustedList(readFileSync(join(folder, name)))
      expected += list.trustServiceProviders
        .flatMap((tsp) => tsp.tspServices)
        .filter((service) => isQualifiedServiceType(service.serviceTypeIdentifier)).length
    }
    const qualified = await listAuthorisations(fixture.store, { frameworkId: 'eu.eidas.qualified' })
    assert.equal(qualified.length, expected)
    assert.ok(expected > 1000)
    assert.ok(qualified.every((a) => a.sourceId?.startsWith('eu.tl.') && a.trustService))
  })

  it('a tampered list is refused with the reason recorded while the last good one stays in force', async () => {
    copyFileSync(
      corpusPath('etsi-tl-negative', 'CZ_broken-sig.xml') as string,
      join(folder, 'CZ.xml'),
    )
    const before = await listAuthorisations(fixture.store)
    const again = await sync()
    const cz = again.sources.find((s) => s.sourceId === 'eu.tl.cz')
    assert.equal(cz?.outcome, 'failed')
    assert.equal(cz?.failure?.code, 'tl.signature_invalid')
    const state = await getSource(fixture.store, 'eu.tl.cz')
    assert.equal(state.current?.sequenceNumber, 77)
    assert.equal(state.lastFailure?.code, 'tl.signature_invalid')
    assert.equal((await listAuthorisations(fixture.store)).length, before.length)
    assert.ok(
      again.sources
        .filter((s) => s.sourceId !== 'eu.tl.cz' && s.outcome !== 'failed')
        .every((s) => s.outcome === 'unchanged'),
    )
  })
})
