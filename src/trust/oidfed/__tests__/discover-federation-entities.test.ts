// Top-down discovery: every leaf below the intermediates found, loops and over-long paths refused, the cap enforced, one failing list kept apart.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { KakehashiError } from '../../../errors.ts'
import {
  type DiscoveryLimits,
  discoverFederationEntities,
} from '../discover-federation-entities.ts'
import { TreeFederation } from './tree-federation.ts'

describe('discovery of a federation’s entities below its intermediates', () => {
  let tree: TreeFederation
  const limits: DiscoveryLimits = { maxIntermediates: 4, maxEntities: 100 }
  const discover = (overrides: Partial<DiscoveryLimits> = {}) =>
    discoverFederationEntities(tree.fed.resolver(), { ...limits, ...overrides })
  const ids = (...names: string[]) => names.map((n) => tree.id(n))

  before(async () => {
    tree = await TreeFederation.create()
  })
  beforeEach(() => {
    tree.list('ta', ['eu', 'jp'])
    tree.list('eu', ['eu-a', 'eu-b'])
    tree.list('jp', ['jp-a'])
    tree.fed.server.requests.length = 0
  })
  after(() => tree.stop())

  it('walks the anchor’s list and each intermediate’s, reading every document once', async () => {
    const found = await discover()
    assert.deepEqual(found.entities, ids('eu-a', 'eu-b', 'jp-a'))
    assert.deepEqual(found.intermediates, ids('eu', 'jp'))
    assert.deepEqual(found.failures, [])
    for (const path of [
      '/ta/list',
      '/eu/list',
      '/jp/list',
      '/eu-a/.well-known/openid-federation',
    ]) {
      assert.equal(tree.requested(path), 1, path)
    }
  })

  it('an entity under two superiors is found once, and is no loop', async () => {
    tree.list('jp', ['jp-a', 'eu-a'])
    const found = await discover()
    assert.deepEqual(found.entities, ids('eu-a', 'eu-b', 'jp-a'))
    assert.deepEqual(found.failures, [])
  })

  it('a list naming its own superior, or itself, is a loop: refused and recorded, the walk ends', async () => {
    tree.list('eu', ['eu-a', 'ta', 'eu', 'eu-b'])
    const found = await discover()
    assert.deepEqual(found.entities, ids('eu-a', 'eu-b', 'jp-a'))
    assert.equal(found.failures.length, 1)
    const [loop] = found.failures
    assert.equal(loop?.entityId, tree.id('eu'))
    assert.equal(loop?.error.code, 'oidfed.authority_loop')
    assert.match(loop?.error.message ?? '', /names itself or an entity above it/)
    assert.equal(tree.requested('/ta/list'), 1, 'the anchor’s list is not read again')
  })

  it('two intermediates listing each other are read once each, the second refused as a loop', async () => {
    await tree.intermediate('eu-sub', 'eu')
    tree.list('eu', ['eu-a', 'eu-sub'])
    tree.list('eu-sub', ['eu', 'eu-b'])
    const found = await discover()
    assert.deepEqual(found.intermediates, ids('eu', 'jp', 'eu-sub'))
    assert.deepEqual(found.entities, ids('eu-a', 'jp-a', 'eu-b'))
    assert.deepEqual(
      found.failures.map((f) => [f.entityId, f.error.code]),
      [[tree.id('eu-sub'), 'oidfed.authority_loop']],
    )
    assert.equal(tree.requested('/eu/list'), 1)
    tree.list('eu', ['eu-a', 'eu-b'])
  })

  it('an intermediate deeper than maxIntermediates is recorded, its list not read', async () => {
    await tree.intermediate('eu-sub', 'eu')
    await tree.issuer('eu-deep', 'eu-sub')
    tree.list('eu', ['eu-a', 'eu-sub'])
    tree.list('eu-sub', ['eu-deep'])
    const found = await discover({ maxIntermediates: 1 })
    assert.deepEqual(found.entities, ids('eu-a', 'jp-a'))
    assert.deepEqual(
      found.failures.map((f) => [f.entityId, f.error.code]),
      [[tree.id('eu-sub'), 'oidfed.path_too_long']],
    )
    assert.equal(tree.requested('/eu-sub/list'), 0)
    const deeper = await discover({ maxIntermediates: 2 })
    assert.deepEqual(deeper.entities, ids('eu-a', 'jp-a', 'eu-deep'))
    assert.deepEqual(deeper.failures, [])
  })

  it('an intermediate that also declares a role is an entity to resolve too', async () => {
    await tree.intermediate('jp', 'ta', {
      openid_relying_party: { client_name: 'JP intermediate as a verifier' },
    })
    try {
      const found = await discover()
      assert.deepEqual(found.entities, ids('jp', 'eu-a', 'eu-b', 'jp-a'))
      assert.deepEqual(found.intermediates, ids('eu', 'jp'))
    } finally {
      await tree.intermediate('jp', 'ta')
    }
  })

  it('more entities than maxEntities, intermediates included, fail the walk with oidfed.limit_exceeded', async () => {
    await assert.rejects(
      discover({ maxEntities: 4 }),
      (error: unknown) =>
        error instanceof KakehashiError &&
        error.code === 'oidfed.limit_exceeded' &&
        /over 4 entities/.test(error.message),
    )
    assert.equal((await discover({ maxEntities: 5 })).entities.length, 3)
  })

  it('one intermediate’s list failing is recorded under its name; the other lists are kept', async () => {
    tree.fed.server.documents.delete('/jp/list')
    const found = await discover()
    assert.deepEqual(found.entities, ids('eu-a', 'eu-b'))
    assert.equal(found.failures.length, 1)
    assert.equal(found.failures[0]?.entityId, tree.id('jp'))
    assert.match(found.failures[0]?.error.code ?? '', /^fetch\./)
    tree.fed.serve('/jp/list', '{"not":"a list"}', 'application/json')
    const malformed = await discover()
    assert.equal(malformed.failures[0]?.error.code, 'oidfed.malformed')
    assert.deepEqual(malformed.entities, ids('eu-a', 'eu-b'))
  })

  it('the anchor’s own list failing fails the walk', async () => {
    tree.fed.server.documents.delete('/ta/list')
    await assert.rejects(discover(), (error: unknown) => error instanceof KakehashiError)
  })

  it('a listed entity whose configuration cannot be read is left to fail its own resolution', async () => {
    tree.list('jp', ['jp-a', `${tree.fed.server.baseUrl}/nobody`])
    const found = await discover()
    assert.deepEqual(found.entities, [
      ...ids('eu-a', 'eu-b', 'jp-a'),
      `${tree.fed.server.baseUrl}/nobody`,
    ])
    assert.deepEqual(found.failures, [])
  })
})
