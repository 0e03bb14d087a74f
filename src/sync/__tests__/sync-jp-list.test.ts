// `registry sync` of a Japanese trust list served on 127.0.0.1: signed and unsigned imports, and every refusal recorded while the last good list stays.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import {
  getAuthorisation,
  getEntity,
  getSource,
  listAuthorisations,
  listIdentities,
} from '../../registry/registry-queries.ts'
import { createTestSigner, type TestSigner } from '../../sources/etsi-tl/__tests__/list-fixtures.ts'
import {
  buildJpTrustList,
  createJpTestCertificates,
  type JpListFixtureOptions,
  type JpTestCertificates,
  signJpTrustList,
} from '../../sources/jp-list/__tests__/jp-list-fixtures.ts'
import { fixedClock } from '../../util/clock.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'
import { ListServer } from './sync-fixtures.ts'

const inForce = fixedClock('2026-06-01T00:00:00Z')
const toPem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`

describe('sync of a Japanese trust list', () => {
  const server = new ListServer()
  let fixture: TestStore
  let certificates: JpTestCertificates
  let signer: TestSigner
  let other: TestSigner

  const sync = (sources: object[], clock = inForce): Promise<SyncReport> =>
    syncSources({
      store: fixture.store,
      clock,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(JSON.stringify({ sources }), '/'),
    })
  const signedSource = () => ({
    kind: 'jp-list',
    id: 'jp.list',
    uri: server.url('/jp-list.jwt'),
    signers: [toPem(signer.certificate)],
  })
  const publish = async (options: JpListFixtureOptions = {}, by = signer) => {
    const body = await signJpTrustList(buildJpTrustList(certificates, options), by)
    server.documents.set('/jp-list.jwt', { body })
    return body
  }
  const only = (report: SyncReport) => {
    assert.equal(report.sources.length, 1)
    return report.sources[0] as SyncReport['sources'][number]
  }

  before(async () => {
    await server.start()
    fixture = await openTestStore('pglite')
    certificates = await createJpTestCertificates()
    signer = await createTestSigner('JP List Operator', 'ecdsa')
    other = await createTestSigner('Someone Else', 'ecdsa')
  })
  after(async () => {
    await server.stop()
    await fixture.cleanup()
  })

  it('imports a signed list: entities in three scripts, certificates as identities, services as authorisations', async () => {
    await publish()
    const outcome = only(await sync([signedSource()]))
    assert.equal(outcome.outcome, 'imported', JSON.stringify(outcome.failure))
    assert.deepEqual(outcome.counts, {
      entities: 2,
      services: 3,
      grantedServices: 3,
      certificates: 3,
    })
    const source = await getSource(fixture.store, 'jp.list')
    assert.equal(source.kind, 'jp-list')
    assert.equal(source.current?.sequenceNumber, 5)
    assert.equal(source.current?.signature.status, 'valid')
    assert.match(source.current?.signature.signerSubject ?? '', /JP List Operator/)
    const entity = await getEntity(fixture.store, 'jp.list:entity:accredited-ca')
    assert.deepEqual(
      entity.names.map((n) => n.lang),
      ['ja-Jpan', 'ja-Kana', 'ja-Latn', 'en'],
    )
    assert.equal(entity.identifiers[0]?.scheme, 'jp.corporate-number')
    const identities = await listIdentities(fixture.store, { entityId: 'jp.list:entity:jpki' })
    assert.deepEqual(identities.map((i) => i.kind).sort(), [
      'x509.certificate',
      'x509.trust_anchor',
    ])
    const granted = await listAuthorisations(fixture.store, { frameworkId: 'jp.test.esig' })
    assert.equal(granted.length, 1)
    assert.equal(granted[0]?.trustService?.history.length, 2)
  })

  it('asks again conditionally, gets 304 and writes nothing', async () => {
    const size = (await getCheckpoint(fixture.store)).size
    server.requests.length = 0
    const outcome = only(await sync([signedSource()]))
    assert.equal(outcome.outcome, 'unchanged')
    assert.deepEqual(
      server.requests.map((r) => [r.conditional, r.status]),
      [[true, 304]],
    )
    assert.equal((await getCheckpoint(fixture.store)).size, size)
  })

  it('refuses a tampered list with its reason recorded, and the last good one stays in force', async () => {
    const body = await publish({ sequenceNumber: 6, accreditedStatus: 'withdrawn' })
    const [header, payload, signature] = body.split('.') as [string, string, string]
    const forged = Buffer.from(payload, 'base64url')
      .toString('utf8')
      .replace('試験認証株式会社', '偽装認証株式会社')
    server.documents.set('/jp-list.jwt', {
      body: `${header}.${Buffer.from(forged).toString('base64url')}.${signature}`,
    })
    const outcome = only(await sync([signedSource()]))
    assert.equal(outcome.failure?.code, 'jp-list.signature_invalid')
    assert.equal(outcome.sequenceNumber, 5, 'the report says which version stays')
    const state = await getSource(fixture.store, 'jp.list')
    assert.equal(state.current?.sequenceNumber, 5)
    assert.equal(state.lastFailure?.code, 'jp-list.signature_invalid')
    assert.match(state.lastFailure?.digest ?? '', /^[0-9a-f]{64}$/)
    const services = await listAuthorisations(fixture.store, { frameworkId: 'jp.test.esig' })
    assert.ok(
      services.every((a) => a.status === 'granted'),
      'nothing withdrawn by a forgery',
    )
  })

  it('refuses a list signed by a key that is not configured', async () => {
    await publish({ sequenceNumber: 6 }, other)
    const outcome = only(await sync([signedSource()]))
    assert.equal(outcome.failure?.code, 'jp-list.signer_unknown')
    assert.equal((await getSource(fixture.store, 'jp.list')).current?.sequenceNumber, 5)
  })

  it('refuses a genuine list with a bad corporate-number check digit', async () => {
    await publish({ sequenceNumber: 6, entityCorporateNumber: '1011001098993' })
    const outcome = only(await sync([signedSource()]))
    assert.equal(outcome.failure?.code, 'jp-list.corporate_number_invalid')
  })

  it('refuses an older list, properly signed, as a sequence regression', async () => {
    await publish({ sequenceNumber: 4 })
    const outcome = only(await sync([signedSource()]))
    assert.equal(outcome.failure?.code, 'jp-list.sequence_regressed')
    assert.equal((await getSource(fixture.store, 'jp.list')).current?.sequenceNumber, 5)
  })

  it('refuses a document over the configured size', async () => {
    await publish({ sequenceNumber: 6 })
    const outcome = only(await sync([{ ...signedSource(), maxBytes: 1024 }]))
    assert.equal(outcome.failure?.code, 'fetch.too_large')
  })

  it('imports a newer genuine list: the withdrawal enters the status history and the failure clears', async () => {
    await publish({ sequenceNumber: 6, accreditedStatus: 'withdrawn' })
    const outcome = only(await sync([signedSource()]))
    assert.equal(outcome.outcome, 'imported', JSON.stringify(outcome.failure))
    const state = await getSource(fixture.store, 'jp.list')
    assert.equal(state.current?.sequenceNumber, 6)
    assert.equal(state.lastFailure, undefined)
    const record = await getAuthorisation(fixture.store, 'jp.list:svc:accredited-ca.signing')
    assert.equal(record.status, 'withdrawn')
    assert.equal(record.validUntil, '2026-04-01T00:00:00Z')
    assert.deepEqual(
      record.statusHistory.map((e) => e.status),
      ['granted', 'withdrawn'],
    )
  })

  it('past nextUpdate the list in force is reported stale, and that is recorded once', async () => {
    const late = fixedClock('2027-01-01T00:00:00Z')
    const outcome = only(await sync([signedSource()], late))
    assert.equal(outcome.outcome, 'unchanged')
    assert.equal(outcome.stale, true)
    assert.equal((await getSource(fixture.store, 'jp.list')).lastFailure?.code, 'source.stale')
    const size = (await getCheckpoint(fixture.store)).size
    await sync([signedSource()], late)
    assert.equal((await getCheckpoint(fixture.store)).size, size)
  })

  it('refuses an unsigned file unless its source allows it, then records it as unsigned', async () => {
    server.documents.set('/jp-list.json', {
      body: JSON.stringify({ ...buildJpTrustList(certificates), listId: 'own-file' }),
    })
    const own = { kind: 'jp-list', id: 'jp.own', uri: server.url('/jp-list.json') }
    const refused = only(await sync([own]))
    assert.equal(refused.failure?.code, 'jp-list.unsigned_refused')
    const allowed = only(await sync([{ ...own, allowUnsigned: true }]))
    // Its frameworks are those of jp.list: a list may not take over another source's framework.
    assert.equal(allowed.failure?.code, 'jp-list.framework_conflict')
    const mine = buildJpTrustList(certificates)
    for (const framework of mine.frameworks as { id: string }[]) {
      framework.id = framework.id.replace('jp.test.', 'jp.own.')
    }
    for (const entity of mine.entities as { services: { framework: string }[] }[]) {
      for (const service of entity.services) {
        service.framework = service.framework.replace('jp.test.', 'jp.own.')
      }
    }
    // The same certificates under another source: each source holds its own identities.
    server.documents.set('/jp-list.json', { body: JSON.stringify(mine) })
    const imported = only(await sync([{ ...own, allowUnsigned: true }]))
    assert.equal(imported.outcome, 'imported', JSON.stringify(imported.failure))
    const state = await getSource(fixture.store, 'jp.own')
    assert.deepEqual(state.current?.signature, { status: 'unsigned' })
    assert.equal(
      (await listAuthorisations(fixture.store, { frameworkId: 'jp.own.mynumber' })).length,
      2,
    )
  })
})
