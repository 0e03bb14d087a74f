// The scheduled sync of a serving bridge: one instance at a time through the lease, nothing without a sources file.
import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { openTestBridge } from '../../../test/support/bridge.ts'
import { forEachStore } from '../../../test/support/stores.ts'
import { getSource } from '../../registry/registry-queries.ts'
import type { Bridge } from '../open-bridge.ts'
import { startScheduledSync, takeSyncLease } from '../scheduled-sync.ts'

const MINUTE = 60_000

forEachStore(
  'the sync lease: one holder until it lapses, renewed by its holder',
  async ({ store }) => {
    const t0 = Date.parse('2026-12-01T00:00:00Z')
    assert.equal(await takeSyncLease(store, 'a', t0, 10 * MINUTE), true)
    assert.equal(await takeSyncLease(store, 'b', t0 + MINUTE, 10 * MINUTE), false, 'held by a')
    assert.equal(await takeSyncLease(store, 'a', t0 + MINUTE, 10 * MINUTE), true, 'a renews')
    assert.equal(await takeSyncLease(store, 'b', t0 + 5 * MINUTE, 10 * MINUTE), false)
    assert.equal(await takeSyncLease(store, 'b', t0 + 11 * MINUTE, 10 * MINUTE), true, 'lapsed')
    assert.equal(await takeSyncLease(store, 'a', t0 + 12 * MINUTE, 10 * MINUTE), false)
  },
)

describe('startScheduledSync', () => {
  let bridge: Bridge
  let dir: string
  before(async () => {
    bridge = await openTestBridge()
    dir = mkdtempSync(join(tmpdir(), 'kakehashi-scheduled-'))
  })
  after(async () => {
    await bridge.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const schedule = (sourcesPath: string) =>
    startScheduledSync({
      store: bridge.store,
      clock: bridge.clock,
      sync: (request) => bridge.sync(request),
      sourcesPath,
      intervalMs: 3_600_000,
    })

  test('without a sources file it does nothing', async () => {
    const scheduled = schedule(join(dir, 'missing.json'))
    try {
      assert.deepEqual(await scheduled.runOnce(), { kind: 'skipped', reason: 'no_sources_file' })
    } finally {
      await scheduled.stop()
    }
  })

  test('syncs the sources file as the scheduler; a second instance leaves it to the first', async () => {
    copyFileSync(
      new URL('../../../docs/examples/jp-trust-list.example.json', import.meta.url),
      join(dir, 'jp-list.json'),
    )
    const sourcesPath = join(dir, 'sources.json')
    writeFileSync(
      sourcesPath,
      JSON.stringify({
        sources: [{ kind: 'jp-list', id: 'jp.example', uri: 'jp-list.json', allowUnsigned: true }],
      }),
    )
    const first = schedule(sourcesPath)
    const second = schedule(sourcesPath)
    try {
      const ran = await first.runOnce()
      assert.equal(ran.kind, 'synced')
      assert.deepEqual(
        ran.kind === 'synced' ? ran.report.sources.map((s) => [s.sourceId, s.outcome]) : [],
        [['jp.example', 'imported']],
      )
      const source = await bridge.store.transaction((tx) => getSource(tx, 'jp.example'))
      assert.equal(source.current?.sequenceNumber, 1)
      const entries = await bridge.store.query<{ actor: string }>(
        `SELECT actor FROM log_entries WHERE source_id = 'jp.example'`,
      )
      assert.ok(entries.rows.length > 0 && entries.rows.every((r) => r.actor === 'scheduler'))
      assert.deepEqual(await second.runOnce(), {
        kind: 'skipped',
        reason: 'lease_held_elsewhere',
      })
      const again = await first.runOnce()
      assert.equal(
        again.kind === 'synced' ? again.report.sources[0]?.outcome : again.kind,
        'unchanged',
      )
    } finally {
      await first.stop()
      await second.stop()
    }
  })
})
