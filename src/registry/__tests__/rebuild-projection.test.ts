// The projection is a pure function of the log: replaying it gives the state built step by step.
import assert from 'node:assert/strict'
import { forEachStore } from '../../../test/support/stores.ts'
import {
  clock,
  frameworks,
  keio,
  operator,
  recognition,
  source,
} from '../../log/__tests__/sample-changes.ts'
import { appendChanges } from '../../log/append-changes.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import type { Change } from '../../model/index.ts'
import type { Store } from '../../store/store.ts'
import { fixedClock } from '../../util/clock.ts'
import { rebuildProjection } from '../rebuild-projection.ts'
import { loadRegistrySnapshot } from '../registry-snapshot.ts'

const projectionTables = [
  'sources',
  'frameworks',
  'entities',
  'identities',
  'authorisations',
  'authorisation_status_history',
  'recognition_rules',
]

async function dump(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const table of projectionTables)
    out[table] = (await store.query(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows
  return out
}

/** A history with replacements, removals and status moves, appended over several batches. */
const history: Change[][] = [
  [source, ...frameworks],
  keio,
  [recognition],
  [
    {
      type: 'identity.put',
      identity: {
        id: 'jp.keio.did',
        entityId: 'jp.keio',
        kind: 'did',
        value: 'did:web:keio.example',
      },
    },
    {
      type: 'authorisation.status',
      id: 'jp.keio.issuer',
      status: 'suspended',
      at: '2026-05-03T00:00:00Z',
    },
  ],
  [
    { type: 'identity.remove', id: 'jp.keio.key1' },
    {
      type: 'framework.put',
      framework: {
        id: 'jp.academic',
        jurisdiction: 'JP',
        name: 'Japanese academic',
        assuranceLevels: ['level1', 'level2', 'level3'],
      },
    },
    {
      type: 'authorisation.status',
      id: 'jp.keio.issuer',
      status: 'granted',
      at: '2026-05-04T00:00:00Z',
    },
  ],
  [{ type: 'recognition.remove', id: 'eu-recognises-jp-diplomas' }, recognition],
]

forEachStore(
  'rebuilding from the log equals the incrementally built projection',
  async ({ store }) => {
    for (const [day, batch] of history.entries()) {
      await appendChanges(store, batch, operator, fixedClock(clock.now() + day * 86_400_000))
    }
    const incremental = await dump(store)
    const snapshotBefore = await loadRegistrySnapshot(store)
    assert.equal(incremental.identities?.length, 1)
    assert.equal(incremental.authorisation_status_history?.length, 3)

    // Scribble over the projection: the rebuild must not depend on what is there.
    await store.query(`UPDATE frameworks SET data = '{}'::jsonb`)
    await store.query(`DELETE FROM recognition_rules`)
    const checkpoint = await rebuildProjection(store, { pageSize: 2 })
    assert.deepEqual(checkpoint, await getCheckpoint(store))
    assert.deepEqual(await dump(store), incremental)
    assert.deepEqual(await loadRegistrySnapshot(store), snapshotBefore)
  },
)

forEachStore('rebuilding an empty log empties the projection', async ({ store }) => {
  assert.deepEqual(await rebuildProjection(store), await getCheckpoint(store))
  for (const rows of Object.values(await dump(store))) assert.deepEqual(rows, [])
})
