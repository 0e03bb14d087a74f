// The in-memory snapshot and its cache: consistent loads, no I/O within the interval, reloads on a moved head.
import assert from 'node:assert/strict'
import { forEachStore } from '../../../test/support/stores.ts'
import {
  clock,
  frameworks,
  keio,
  operator,
  sampleRegistry,
} from '../../log/__tests__/sample-changes.ts'
import { appendChanges } from '../../log/append-changes.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import type { Queryable, Store } from '../../store/store.ts'
import type { Clock } from '../../util/clock.ts'
import { loadRegistrySnapshot, RegistryCache } from '../registry-snapshot.ts'

/** Counts every call that reaches the database. */
function counting(store: Store): Store & { calls: number } {
  const counted = {
    kind: store.kind,
    calls: 0,
    query<T>(sql: string, params?: unknown[]) {
      counted.calls += 1
      return store.query<T>(sql, params)
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      counted.calls += 1
      return store.transaction(fn)
    },
    close: () => store.close(),
  }
  return counted
}

function manualClock(start = 0): Clock & { advance(ms: number): void } {
  let now = start
  return {
    now: () => now,
    advance: (ms) => {
      now += ms
    },
  }
}

forEachStore('a snapshot holds the whole registry at its checkpoint', async ({ store }) => {
  await appendChanges(store, sampleRegistry, operator, clock)
  await appendChanges(
    store,
    [
      {
        type: 'identity.put',
        identity: {
          id: 'jp.keio.ca',
          entityId: 'jp.keio',
          kind: 'x509.trust_anchor',
          value: 'PEM',
          fingerprint: 'a'.repeat(64),
        },
      },
    ],
    operator,
    clock,
  )
  const snapshot = await loadRegistrySnapshot(store)
  assert.deepEqual(snapshot.checkpoint, await getCheckpoint(store))
  assert.deepEqual([...snapshot.frameworks.keys()], ['eu.academic', 'jp.academic'])
  assert.deepEqual([...snapshot.entities.keys()], ['jp.keio'])
  assert.deepEqual(
    snapshot.identities.map((i) => i.id),
    ['jp.keio.ca', 'jp.keio.key1'],
  )
  assert.deepEqual(
    snapshot.trustAnchors.map((i) => i.id),
    ['jp.keio.ca'],
  )
  assert.deepEqual(
    snapshot.authorisationsByEntity.get('jp.keio')?.map((a) => a.id),
    ['jp.keio.issuer'],
  )
  assert.deepEqual(
    snapshot.recognitionRules.map((r) => r.id),
    ['eu-recognises-jp-diplomas'],
  )
  // Shared by every request: nobody may change it in place.
  assert.throws(() => {
    ;(snapshot.frameworks.get('eu.academic') as { name: string }).name = 'changed'
  }, TypeError)
  assert.throws(() => snapshot.trustAnchors.push(snapshot.identities[0] as never), TypeError)
})

forEachStore(
  'the cache does no I/O within its interval and reloads once the head moves',
  async (fixture) => {
    await appendChanges(fixture.store, frameworks, operator, clock)
    const store = counting(fixture.store)
    const time = manualClock()
    const cache = new RegistryCache(store, { refreshIntervalMs: 1000, clock: time })

    const first = await cache.get()
    const afterLoad = store.calls
    assert.ok(afterLoad > 0)
    time.advance(999)
    for (let i = 0; i < 5; i += 1) assert.equal(await cache.get(), first)
    assert.equal(store.calls, afterLoad, 'no query within the interval')

    // Interval over, head unchanged: one cheap checkpoint query, the same snapshot object.
    time.advance(1)
    assert.equal(await cache.get(), first)
    assert.equal(store.calls, afterLoad + 1)

    // Another writer (another pool on PostgreSQL) moves the head: seen after the interval.
    const writer = fixture.backend === 'postgres' ? await fixture.openAnother() : fixture.store
    await appendChanges(writer, keio, operator, clock)
    assert.equal(await cache.get(), first, 'still within the interval')
    time.advance(1000)
    const second = await cache.get()
    assert.notEqual(second, first)
    assert.equal(second.checkpoint.size, frameworks.length + keio.length)
    assert.ok(second.entities.has('jp.keio'))
  },
)

forEachStore('invalidate() forces a reload on the next get', async ({ store: raw }) => {
  const store = counting(raw)
  const time = manualClock()
  const cache = new RegistryCache(store, { refreshIntervalMs: 60_000, clock: time })
  const empty = await cache.get()
  assert.equal(empty.frameworks.size, 0)
  await appendChanges(raw, frameworks, operator, clock)
  assert.equal(await cache.get(), empty)
  cache.invalidate()
  const calls = store.calls
  const [a, b] = await Promise.all([cache.get(), cache.get()])
  assert.equal(a, b, 'concurrent gets share one reload')
  assert.equal(store.calls, calls + 1, 'one snapshot transaction, no extra checkpoint query')
  assert.equal(a.frameworks.size, 2)
  assert.equal(await cache.get(), a)
})
