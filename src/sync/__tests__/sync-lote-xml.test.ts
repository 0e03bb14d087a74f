// `registry sync` of a LoTE published in XML on 127.0.0.1: imported like its JSON form, to the same registry content, and refusals recorded.
import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import {
  getSource,
  listAuthorisations,
  listEntities,
  listIdentities,
} from '../../registry/registry-queries.ts'
import {
  buildLote,
  createTestKey,
  signPayload,
} from '../../sources/lote/__tests__/lote-fixtures.ts'
import {
  loteToXml,
  signLoteXml,
  withXmlRequiredMembers,
} from '../../sources/lote/__tests__/lote-xml-fixtures.ts'
import type { LoTEDocument } from '../../sources/lote/z-lote.ts'
import {
  createTestSigner,
  type TestSigner,
} from '../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'
import { fixedClock } from '../../util/clock.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'
import { ListServer } from './sync-fixtures.ts'

const clock = fixedClock('2026-06-01T00:00:00Z')

describe('sync of an XML LoTE', () => {
  const server = new ListServer()
  let xmlStore: TestStore
  let jsonStore: TestStore
  let operator: TestSigner
  let list: (sequence: number) => LoTEDocument

  const sync = async (store: TestStore, path: string): Promise<SyncReport['sources'][number]> => {
    const report = await syncSources({
      store: store.store,
      clock,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'lote',
              id: 'eu.lote.pid',
              uri: server.url(path),
              signers: [new X509Certificate(operator.certificate).toString()],
              frameworkId: 'eu.eudi.pid',
            },
          ],
        }),
        '/',
      ),
    })
    return report.sources[0] as SyncReport['sources'][number]
  }
  const registryOf = async (store: TestStore) => ({
    entities: await listEntities(store.store),
    identities: await listIdentities(store.store),
    authorisations: await listAuthorisations(store.store),
  })

  before(async () => {
    await server.start()
    ;[xmlStore, jsonStore] = await Promise.all([openTestStore('pglite'), openTestStore('pglite')])
    operator = await createTestSigner('XML Scheme Operator', 'ecdsa')
    const pidCa = await createTestKey('PID CA', true)
    const wallet = await createTestKey('Wallet')
    list = (sequence) => withXmlRequiredMembers(buildLote({ pidCa, wallet, sequence }))
  })
  after(async () => {
    await server.stop()
    await Promise.all([xmlStore.cleanup(), jsonStore.cleanup()])
  })

  it('imports the XML form, and the JSON form of the same list gives the same registry', async () => {
    server.documents.set('/pid.xml', { body: await signLoteXml(loteToXml(list(3)), operator) })
    server.documents.set('/pid.jws', { body: await signPayload(list(3), operator) })
    const fromXml = await sync(xmlStore, '/pid.xml')
    const fromJson = await sync(jsonStore, '/pid.jws')
    assert.equal(fromXml.outcome, 'imported', JSON.stringify(fromXml.failure))
    assert.equal(fromJson.outcome, 'imported', JSON.stringify(fromJson.failure))
    assert.deepEqual(fromXml.counts, { trustedEntities: 2, services: 2 })
    const state = await getSource(xmlStore.store, 'eu.lote.pid')
    assert.equal(state.current?.sequenceNumber, 3)
    assert.equal(state.current?.signature.status, 'valid')
    assert.match(state.current?.signature.signerSubject ?? '', /XML Scheme Operator/)
    const xmlRegistry = await registryOf(xmlStore)
    assert.equal(xmlRegistry.authorisations.length, 2)
    assert.deepEqual(xmlRegistry, await registryOf(jsonStore))
  })

  it('refuses a tampered XML list with lote.signature_invalid; the last good one stays', async () => {
    const signed = await signLoteXml(loteToXml(list(4)), operator)
    server.documents.set('/pid.xml', { body: signed.replace('Test PID Provider', 'Forged') })
    const outcome = await sync(xmlStore, '/pid.xml')
    assert.equal(outcome.failure?.code, 'lote.signature_invalid')
    const state = await getSource(xmlStore.store, 'eu.lote.pid')
    assert.equal(state.current?.sequenceNumber, 3)
    assert.equal(state.lastFailure?.code, 'lote.signature_invalid')
  })

  it('refuses a DOCTYPE with lote.doctype_refused', async () => {
    const signed = await signLoteXml(loteToXml(list(5)), operator)
    server.documents.set('/pid.xml', {
      body: signed.replace(
        '<ListOfTrustedEntities',
        '<!DOCTYPE x [<!ENTITY a "b">]><ListOfTrustedEntities',
      ),
    })
    const outcome = await sync(xmlStore, '/pid.xml')
    assert.equal(outcome.failure?.code, 'lote.doctype_refused')
    assert.equal((await getSource(xmlStore.store, 'eu.lote.pid')).current?.sequenceNumber, 3)
  })
})
