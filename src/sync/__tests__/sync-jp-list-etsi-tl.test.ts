// Should Japan publish a TS 119 612 list, the `etsi-tl` kind imports it into the frameworks its configuration names.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { corpusPath, skipWithoutCorpus } from '../../../test/support/corpus.ts'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { appendChanges } from '../../log/append-changes.ts'
import { getSource, listAuthorisations, listEntities } from '../../registry/registry-queries.ts'
import {
  buildTrustedListXml,
  createTestSigner,
  signXml,
  type TestSigner,
} from '../../sources/etsi-tl/__tests__/list-fixtures.ts'
import { parseTrustedList } from '../../sources/etsi-tl/index.ts'
import { fixedClock } from '../../util/clock.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'
import { ListServer } from './sync-fixtures.ts'

const clock = fixedClock('2026-06-01T00:00:00Z')
const PILOT = ['eu', 'trusted-lists', 'mra-pilot', 'tc-tl-JP-TL-MIC-001.xml'] as const
const toPem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`

describe('a Japanese TS 119 612 trusted list through the etsi-tl kind', () => {
  const server = new ListServer()
  let fixture: TestStore
  let signer: TestSigner

  const sync = (uri: string, signers = [toPem(signer.certificate)]): Promise<SyncReport> =>
    syncSources({
      store: fixture.store,
      clock,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'etsi-tl',
              id: 'jp.tl',
              uri,
              signers,
              qualifiedFrameworkId: 'jp.esig.accredited',
              nationalFrameworkId: 'jp.esig.other',
            },
          ],
        }),
        '/',
      ),
    })

  before(async () => {
    await server.start()
    fixture = await openTestStore('pglite')
    signer = await createTestSigner('JP Scheme Operator', 'ecdsa')
    // The frameworks are the operator's: a list no LOTL points to places its services under them.
    await appendChanges(
      fixture.store,
      [
        {
          type: 'framework.put',
          framework: {
            id: 'jp.esig.accredited',
            jurisdiction: 'JP',
            name: '認定認証業務 / Accredited certification services',
            assuranceLevels: [],
          },
        },
        {
          type: 'framework.put',
          framework: {
            id: 'jp.esig.other',
            jurisdiction: 'JP',
            name: 'その他の認証業務 / Other certification services',
            assuranceLevels: [],
          },
        },
      ],
      { actor: 'operator:test', reason: 'Japanese frameworks for the trusted list' },
      clock,
    )
  })
  after(async () => {
    await server.stop()
    await fixture.cleanup()
  })

  it('imports a list of territory JP, signed by the configured signer, into the configured frameworks', async () => {
    const xml = buildTrustedListXml({
      territory: 'JP',
      sequence: 1,
      nextUpdate: '2026-12-01T00:00:00Z',
    })
    server.documents.set('/JP.xml', { body: await signXml(xml, signer) })
    const [outcome] = (await sync(server.url('/JP.xml'))).sources
    assert.equal(outcome?.outcome, 'imported', JSON.stringify(outcome?.failure))
    const source = await getSource(fixture.store, 'jp.tl')
    assert.equal(source.kind, 'etsi-tl')
    assert.equal(source.territory, 'JP')
    assert.equal(source.current?.signature.status, 'valid')
    assert.match(source.current?.signature.signerSubject ?? '', /JP Scheme Operator/)
    const services = await listAuthorisations(fixture.store, { frameworkId: 'jp.esig.accredited' })
    assert.equal(services.length, 1, 'the qualified CA service stands under jp.esig.accredited')
    assert.equal(services[0]?.status, 'granted')
    const [tsp] = (await listEntities(fixture.store)).filter((e) => e.sourceId === 'jp.tl')
    assert.ok(tsp?.names.some((n) => n.lang === 'ja' && n.value === '試験認証局'))
  })

  it('refuses the same list signed by another key, keeping the version in force', async () => {
    const intruder = await createTestSigner('Intruder', 'ecdsa')
    const xml = buildTrustedListXml({
      territory: 'JP',
      sequence: 2,
      nextUpdate: '2026-12-01T00:00:00Z',
    })
    server.documents.set('/JP.xml', { body: await signXml(xml, intruder) })
    const [outcome] = (await sync(server.url('/JP.xml'))).sources
    assert.equal(outcome?.failure?.code, 'tl.signer_unknown')
    assert.equal((await getSource(fixture.store, 'jp.tl')).current?.sequenceNumber, 1)
  })

  it(
    'reads the MRA pilot list JP-TL-MIC-001, but refuses its signature: it was edited after signing',
    skipWithoutCorpus(...PILOT),
    async () => {
      const path = corpusPath(...PILOT) as string
      const list = parseTrustedList(new Uint8Array(readFileSync(path)))
      assert.equal(list.id, 'JP-TL-MIC-001')
      assert.equal(list.trustServiceProviders.length, 1)
      const [outcome] = (await sync(path)).sources
      assert.equal(outcome?.outcome, 'failed')
      assert.equal(outcome?.failure?.code, 'tl.signature_invalid')
      const state = await getSource(fixture.store, 'jp.tl')
      assert.equal(state.lastFailure?.code, 'tl.signature_invalid')
      assert.equal(state.current?.sequenceNumber, 1, 'the last good list stays in force')
    },
  )
})
