// `registry sync` of a LoTE served on 127.0.0.1: import, conditional re-fetch, and every refusal recorded while the last good list stays.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import { getAuthorisation, getSource, listAuthorisations } from '../../registry/registry-queries.ts'
import {
  buildLote,
  createTestKey,
  type LoteFixture,
  signPayload,
  type TestKey,
} from '../../sources/lote/__tests__/lote-fixtures.ts'
import { PID_CREDENTIAL_TYPES, SERVICE_STATUSES } from '../../sources/lote/lote-uris.ts'
import { fixedClock } from '../../util/clock.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'
import { ListServer } from './sync-fixtures.ts'

const clock = fixedClock('2026-06-01T00:00:00Z')

describe('sync of a LoTE', () => {
  const server = new ListServer()
  let fixture: TestStore
  let operator: TestKey
  let other: TestKey
  let lists: Omit<LoteFixture, 'sequence'>
  const publish = async (sequence: number, extra: Partial<LoteFixture> = {}, signer = operator) => {
    const body = await signPayload(buildLote({ ...lists, sequence, ...extra }), signer)
    server.documents.set('/pid.jws', { body })
    return body
  }
  const sync = async (): Promise<SyncReport['sources'][number]> => {
    const report = await syncSources({
      store: fixture.store,
      clock,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'lote',
              id: 'eu.lote.pid',
              uri: server.url('/pid.jws'),
              signers: [operator.pem],
              frameworkId: 'eu.eudi.pid',
            },
          ],
        }),
        '/',
      ),
    })
    assert.equal(report.sources.length, 1)
    return report.sources[0] as SyncReport['sources'][number]
  }

  before(async () => {
    await server.start()
    fixture = await openTestStore('pglite')
    operator = await createTestKey('Scheme Operator')
    other = await createTestKey('Someone Else')
    lists = { pidCa: await createTestKey('PID CA', true), wallet: await createTestKey('Wallet') }
  })
  after(async () => {
    await server.stop()
    await fixture.cleanup()
  })

  it('a first sync imports the list: its version, signer, entities and authorisations', async () => {
    await publish(5)
    const outcome = await sync()
    assert.equal(outcome.outcome, 'imported', JSON.stringify(outcome.failure))
    assert.equal(outcome.sequenceNumber, 5)
    assert.deepEqual(outcome.counts, { trustedEntities: 2, services: 2 })
    const state = await getSource(fixture.store, 'eu.lote.pid')
    assert.equal(state.kind, 'lote')
    assert.equal(state.current?.signature.status, 'valid')
    assert.match(state.current?.signature.signerSubject ?? '', /Scheme Operator/)
    const issuers = await listAuthorisations(fixture.store, {
      frameworkId: 'eu.eudi.pid',
      role: 'issuer',
    })
    assert.equal(issuers.length, 1)
    assert.deepEqual(issuers[0]?.credentialTypes, [...PID_CREDENTIAL_TYPES])
    assert.equal(issuers[0]?.status, 'granted')
  })

  it('a second sync asks conditionally, gets 304 and writes nothing', async () => {
    const size = (await getCheckpoint(fixture.store)).size
    server.requests.length = 0
    const outcome = await sync()
    assert.equal(outcome.outcome, 'unchanged')
    assert.ok(server.requests.every((r) => r.conditional && r.status === 304))
    assert.equal((await getCheckpoint(fixture.store)).size, size)
  })

  it('a tampered list is refused with lote.signature_invalid and the last good one stays', async () => {
    const body = await publish(6, { pidStatus: SERVICE_STATUSES.withdrawn })
    const [header, payload, signature] = body.split('.') as [string, string, string]
    const forged = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('Test PID Provider', 'Forged'),
    ).toString('base64url')
    server.documents.set('/pid.jws', { body: `${header}.${forged}.${signature}` })
    const outcome = await sync()
    assert.equal(outcome.failure?.code, 'lote.signature_invalid')
    assert.equal(outcome.sequenceNumber, 5, 'the report says which version stays')
    const state = await getSource(fixture.store, 'eu.lote.pid')
    assert.equal(state.current?.sequenceNumber, 5)
    assert.equal(state.lastFailure?.code, 'lote.signature_invalid')
    const granted = await listAuthorisations(fixture.store, { status: 'granted' })
    assert.equal(granted.length, 2, 'nothing withdrawn by a forgery')
  })

  it('a list signed by a certificate that is not configured is refused', async () => {
    await publish(6, {}, other)
    assert.equal((await sync()).failure?.code, 'lote.signer_unknown')
  })

  it('a malformed document and a schema violation are refused with their codes', async () => {
    server.documents.set('/pid.jws', { body: 'not.a-jws' })
    assert.equal((await sync()).failure?.code, 'lote.malformed')
    // Read as XML (it opens with `<`), and no LoTE: the root element is not the schema's.
    server.documents.set('/pid.jws', { body: '<TrustServiceStatusList/>' })
    assert.equal((await sync()).failure?.code, 'lote.not_conformant')
    const broken = buildLote({ ...lists, sequence: 6 }) as unknown as {
      LoTE: { ListAndSchemeInformation: Record<string, unknown> }
    }
    delete broken.LoTE.ListAndSchemeInformation.SchemeOperatorName
    server.documents.set('/pid.jws', { body: await signPayload(broken, operator) })
    assert.equal((await sync()).failure?.code, 'lote.not_conformant')
    assert.equal((await getSource(fixture.store, 'eu.lote.pid')).current?.sequenceNumber, 5)
  })

  it('an older list, properly signed, is refused as a sequence regression', async () => {
    await publish(4)
    assert.equal((await sync()).failure?.code, 'lote.sequence_regressed')
    assert.equal((await getSource(fixture.store, 'eu.lote.pid')).current?.sequenceNumber, 5)
  })

  it('a newer genuine list is imported: the withdrawal enters the status history, the failure clears', async () => {
    await publish(7, { pidStatus: SERVICE_STATUSES.withdrawn })
    const outcome = await sync()
    assert.equal(outcome.outcome, 'imported')
    const state = await getSource(fixture.store, 'eu.lote.pid')
    assert.equal(state.current?.sequenceNumber, 7)
    assert.equal(state.lastFailure, undefined)
    const [issuer] = await listAuthorisations(fixture.store, { role: 'issuer' })
    assert.ok(issuer)
    const record = await getAuthorisation(fixture.store, issuer.id)
    assert.deepEqual(
      record.statusHistory.map((e) => e.status),
      ['granted', 'withdrawn'],
    )
    assert.equal(record.validUntil, '2026-03-01T00:00:00Z')
  })
})
