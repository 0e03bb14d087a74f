// `registry sync` of a LOTL and its national lists: imports, conditional re-fetch, and every refusal recorded while the last good list stays.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import { getAuthorisation, getSource, listAuthorisations } from '../../registry/registry-queries.ts'
import { WITHDRAWN } from '../../sources/etsi-tl/__tests__/list-fixtures.ts'
import { fixedClock } from '../../util/clock.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'
import { createTestEcosystem, type TestEcosystem } from './sync-fixtures.ts'

const inForce = fixedClock('2026-06-01T00:00:00Z')

describe('sync of a LOTL and its national lists', () => {
  let ecosystem: TestEcosystem
  let fixture: TestStore
  const sync = (clock = inForce, signers?: string[]): Promise<SyncReport> =>
    syncSources({
      store: fixture.store,
      clock,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'etsi-lotl',
              id: 'eu.lotl',
              uri: ecosystem.server.url('/lotl.xml'),
              signers: signers ?? [ecosystem.lotlPem()],
            },
          ],
        }),
        '/',
      ),
    })
  const outcome = (report: SyncReport, id: string) => {
    const found = report.sources.find((s) => s.sourceId === id)
    assert.ok(found, `the report names ${id}`)
    return found
  }

  before(async () => {
    ecosystem = await createTestEcosystem(['ZZ', 'ZY'])
    fixture = await openTestStore('pglite')
    await ecosystem.publishLotl()
    await ecosystem.publishList('ZZ', { sequence: 7 })
    await ecosystem.publishList('ZY', { sequence: 3 })
  })
  after(async () => {
    await ecosystem.server.stop()
    await fixture.cleanup()
  })

  it('a first sync imports the LOTL and both lists, with their versions and signers', async () => {
    const report = await sync()
    assert.deepEqual(
      report.sources.map((s) => [s.sourceId, s.outcome]),
      [
        ['eu.lotl', 'imported'],
        ['eu.tl.zz', 'imported'],
        ['eu.tl.zy', 'imported'],
      ],
    )
    const zz = await getSource(fixture.store, 'eu.tl.zz')
    assert.equal(zz.current?.sequenceNumber, 7)
    assert.equal(zz.current?.signature.status, 'valid')
    assert.equal(zz.parentId, 'eu.lotl')
    assert.match(zz.current?.signature.signerSubject ?? '', /ZZ Scheme Operator/)
    assert.equal(outcome(report, 'eu.tl.zz').counts?.grantedQualifiedServices, 1)
    const services = await listAuthorisations(fixture.store, { frameworkId: 'eu.eidas.qualified' })
    assert.equal(services.length, 2, 'one qualified CA service in each list')
    assert.ok(services.every((a) => a.status === 'granted' && a.trustService?.history.length === 1))
  })

  it('a second sync asks conditionally, gets 304 for each national list and writes nothing', async () => {
    const sizeBefore = (await getCheckpoint(fixture.store)).size
    ecosystem.server.requests.length = 0
    const report = await sync()
    assert.deepEqual(
      report.sources.map((s) => s.outcome),
      ['unchanged', 'unchanged', 'unchanged'],
    )
    const national = ecosystem.server.requests.filter((r) => r.path !== '/lotl.xml')
    assert.ok(national.every((r) => r.conditional && r.status === 304))
    assert.equal((await getCheckpoint(fixture.store)).size, sizeBefore)
  })

  it('a tampered list is refused with its reason recorded, and the last good one stays in force', async () => {
    const body = await ecosystem.publishList('ZZ', { sequence: 8, serviceStatus: WITHDRAWN })
    ecosystem.server.documents.set('/ZZ.xml', {
      body: body.replace('Test Qualified CA', 'Forged Qualified CA'),
    })
    const report = await sync()
    const zz = outcome(report, 'eu.tl.zz')
    assert.equal(zz.outcome, 'failed')
    assert.equal(zz.failure?.code, 'tl.signature_invalid')
    assert.equal(zz.sequenceNumber, 7, 'the report says which version stays')
    const state = await getSource(fixture.store, 'eu.tl.zz')
    assert.equal(state.current?.sequenceNumber, 7)
    assert.equal(state.lastFailure?.code, 'tl.signature_invalid')
    assert.match(state.lastFailure?.digest ?? '', /^[0-9a-f]{64}$/)
    const services = await listAuthorisations(fixture.store, { frameworkId: 'eu.eidas.qualified' })
    assert.ok(
      services.every((a) => a.status === 'granted'),
      'nothing was withdrawn by a forgery',
    )
    // The same refusal again is reported but not logged twice.
    const size = (await getCheckpoint(fixture.store)).size
    assert.equal(outcome(await sync(), 'eu.tl.zz').failure?.code, 'tl.signature_invalid')
    assert.equal((await getCheckpoint(fixture.store)).size, size)
  })

  it('a list signed by a key its LOTL pointer does not announce is refused', async () => {
    await ecosystem.publishList('ZZ', { sequence: 8 }, ecosystem.signers.ZY)
    const zz = outcome(await sync(), 'eu.tl.zz')
    assert.equal(zz.failure?.code, 'tl.signer_unknown')
    assert.equal((await getSource(fixture.store, 'eu.tl.zz')).current?.sequenceNumber, 7)
  })

  it('an older list, properly signed, is refused as a sequence regression', async () => {
    await ecosystem.publishList('ZZ', { sequence: 6 })
    const zz = outcome(await sync(), 'eu.tl.zz')
    assert.equal(zz.failure?.code, 'tl.sequence_regressed')
    assert.equal((await getSource(fixture.store, 'eu.tl.zz')).current?.sequenceNumber, 7)
  })

  it('a server error is recorded as a fetch failure', async () => {
    ecosystem.server.documents.set('/ZZ.xml', { body: '', status: 500 })
    const zz = outcome(await sync(), 'eu.tl.zz')
    assert.equal(zz.failure?.code, 'fetch.failed')
  })

  it('a newer genuine list is imported: the withdrawal enters the status history and the failure clears', async () => {
    await ecosystem.publishList('ZZ', { sequence: 9, serviceStatus: WITHDRAWN })
    const zz = outcome(await sync(), 'eu.tl.zz')
    assert.equal(zz.outcome, 'imported')
    const state = await getSource(fixture.store, 'eu.tl.zz')
    assert.equal(state.current?.sequenceNumber, 9)
    assert.equal(state.lastFailure, undefined)
    const [service] = await listAuthorisations(fixture.store, {
      frameworkId: 'eu.eidas.qualified',
      status: 'withdrawn',
    })
    assert.ok(service, 'the ZZ service is withdrawn')
    const record = await getAuthorisation(fixture.store, service.id)
    assert.deepEqual(
      record.statusHistory.map((e) => e.status),
      ['granted', 'withdrawn'],
    )
    assert.equal(record.trustService?.status, WITHDRAWN)
  })

  it('past NextUpdate the sync says stale, and records it once when nothing newer comes', async () => {
    const late = fixedClock('2027-01-01T00:00:00Z')
    const first = await sync(late)
    assert.ok(first.sources.every((s) => s.stale === true))
    const zy = await getSource(fixture.store, 'eu.tl.zy')
    assert.equal(zy.lastFailure?.code, 'source.stale')
    const size = (await getCheckpoint(fixture.store)).size
    await sync(late)
    assert.equal((await getCheckpoint(fixture.store)).size, size, 'staleness is logged once')
  })

  it('a LOTL signed by an unconfigured signer is refused and no national list is touched', async () => {
    await ecosystem.publishLotl({ sequence: 101, signer: ecosystem.signers.ZZ })
    const report = await sync()
    assert.deepEqual(
      report.sources.map((s) => [s.sourceId, s.failure?.code]),
      [['eu.lotl', 'tl.signer_unknown']],
    )
    assert.equal((await getSource(fixture.store, 'eu.lotl')).current?.sequenceNumber, 100)
  })
})
