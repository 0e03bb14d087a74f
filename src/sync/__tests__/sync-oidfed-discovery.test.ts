// `registry sync` of an OpenID Federation with no entities configured: leaves below intermediates discovered and imported, loops, the cap and failing lists handled.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { getSource, listAuthorisations, listEntities } from '../../registry/registry-queries.ts'
import { clock, createKey } from '../../trust/oidfed/__tests__/federation-fixtures.ts'
import { TREE_VCT, TreeFederation } from '../../trust/oidfed/__tests__/tree-federation.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'

describe('sync of an OpenID Federation discovered below its intermediates', () => {
  let tree: TreeFederation
  let fixture: TestStore
  const sync = async (source: Record<string, unknown>) => {
    const report: SyncReport = await syncSources({
      store: fixture.store,
      clock,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'oidfed',
              trustAnchor: { entityId: tree.id('ta'), jwks: tree.fed.get('ta').jwks },
              frameworkId: 'eu.oidfed.tree',
              framework: { name: 'Test federation with intermediates', jurisdiction: 'EU' },
              country: 'DE',
              ...source,
            },
          ],
        }),
        '/',
      ),
    })
    assert.equal(report.sources.length, 1)
    return report.sources[0] as SyncReport['sources'][number]
  }
  const issuersOf = async (sourceId: string) => {
    const entities = (await listEntities(fixture.store)).filter((e) => e.sourceId === sourceId)
    return entities.flatMap((e) => e.identifiers.map((i) => i.value)).sort()
  }

  before(async () => {
    tree = await TreeFederation.create()
    fixture = await openTestStore('pglite')
  })
  beforeEach(() => {
    tree.list('ta', ['eu', 'jp'])
    tree.list('eu', ['eu-a', 'eu-b'])
    tree.list('jp', ['jp-a'])
  })
  after(async () => {
    await tree.stop()
    await fixture.cleanup()
  })

  it('imports every issuer below both intermediates, with no entities configured', async () => {
    const outcome = await sync({ id: 'eu.oidfed.tree' })
    assert.equal(outcome.outcome, 'imported', JSON.stringify(outcome.failure))
    assert.equal(outcome.failure, undefined)
    assert.deepEqual(outcome.counts, {
      entities: 3,
      resolved: 3,
      failed: 0,
      imported: 3,
      trustMarks: 0,
    })
    assert.deepEqual(
      await issuersOf('eu.oidfed.tree'),
      [tree.id('eu-a'), tree.id('eu-b'), tree.id('jp-a')].sort(),
    )
    const issuing = await listAuthorisations(fixture.store, { frameworkId: 'eu.oidfed.tree' })
    assert.equal(issuing.length, 3)
    assert.ok(issuing.every((a) => a.role === 'issuer' && a.credentialTypes.includes(TREE_VCT)))
  })

  it('a leaf found by walking down is still validated by its own chain to the anchor', async () => {
    const genuine = tree.fed.server.documents.get(`/eu/fetch?sub=${tree.id('eu-b')}`)
    await tree.fed.publishSubordinate('eu', 'eu-b', undefined, await createKey('eu-fed-key'))
    try {
      const outcome = await sync({ id: 'eu.oidfed.tree.forged' })
      assert.equal(outcome.outcome, 'imported')
      assert.equal(outcome.failure?.code, 'oidfed.signature_invalid')
      assert.match(outcome.failure?.message ?? '', /1 of 3 entities did not resolve/)
      assert.deepEqual(
        await issuersOf('eu.oidfed.tree.forged'),
        [tree.id('eu-a'), tree.id('jp-a')].sort(),
      )
    } finally {
      if (genuine) tree.fed.server.documents.set(`/eu/fetch?sub=${tree.id('eu-b')}`, genuine)
    }
  })

  it('a list naming its own superior is refused as a loop, without hanging; the rest imports', async () => {
    tree.list('jp', ['jp-a', 'ta'])
    const outcome = await sync({ id: 'eu.oidfed.tree.loop' })
    assert.equal(outcome.outcome, 'imported')
    assert.equal(outcome.failure?.code, 'oidfed.authority_loop')
    assert.match(outcome.failure?.message ?? '', /1 subordinate list not read/)
    assert.ok(outcome.failure?.message.includes(tree.id('jp')), outcome.failure?.message)
    assert.deepEqual(outcome.counts, {
      entities: 3,
      resolved: 3,
      failed: 1,
      imported: 3,
      trustMarks: 0,
    })
  })

  it('an intermediate whose list fails: the others import, the failure names it', async () => {
    tree.fed.server.documents.delete('/jp/list')
    const outcome = await sync({ id: 'eu.oidfed.tree.partial' })
    assert.equal(outcome.outcome, 'imported')
    assert.match(outcome.failure?.code ?? '', /^fetch\./)
    assert.ok(
      outcome.failure?.message.includes(`${tree.id('jp')}: fetch.`),
      outcome.failure?.message,
    )
    assert.deepEqual(outcome.counts?.failed, 1)
    assert.deepEqual(
      await issuersOf('eu.oidfed.tree.partial'),
      [tree.id('eu-a'), tree.id('eu-b')].sort(),
    )
    const source = await getSource(fixture.store, 'eu.oidfed.tree.partial')
    assert.match(source.lastFailure?.code ?? '', /^fetch\./)
  })

  it('more entities than maxEntities: the source fails with oidfed.limit_exceeded, the version in force stays', async () => {
    const before = await getSource(fixture.store, 'eu.oidfed.tree')
    const outcome = await sync({ id: 'eu.oidfed.tree', maxEntities: 4 })
    assert.equal(outcome.outcome, 'failed')
    assert.equal(outcome.failure?.code, 'oidfed.limit_exceeded')
    const after = await getSource(fixture.store, 'eu.oidfed.tree')
    assert.equal(after.current?.digest, before.current?.digest)
    assert.equal((await issuersOf('eu.oidfed.tree')).length, 3, 'trust is not dropped')
    assert.equal(after.lastFailure?.code, 'oidfed.limit_exceeded')
  })

  it('refuses a maxEntities that is not a positive count', () => {
    assert.throws(
      () =>
        parseSourcesConfig(
          JSON.stringify({
            sources: [
              {
                kind: 'oidfed',
                id: 'eu.oidfed.bad',
                trustAnchor: { entityId: tree.id('ta'), jwks: tree.fed.get('ta').jwks },
                frameworkId: 'eu.oidfed.bad',
                country: 'DE',
                maxEntities: 0,
              },
            ],
          }),
          '/',
        ),
      { code: 'sources.config_invalid' },
    )
  })
})
