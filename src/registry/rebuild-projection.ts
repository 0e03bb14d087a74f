// Throws the registry tables away and replays the whole log into them, in one transaction.
import { lockLogHead, selectLogEntries } from '../log/log-rows.ts'
import type { LogCheckpoint } from '../model/index.ts'
import type { Store } from '../store/store.ts'
import { projectChange } from './project-change.ts'

/** Children before parents, so foreign keys never stand in the way. */
const projectionTables = [
  'authorisation_status_history',
  'authorisations',
  'identities',
  'recognition_rules',
  'entities',
  'frameworks',
  'sources',
] as const

/** Rebuilds the registry from the log; returns the checkpoint it now reflects. */
export async function rebuildProjection(
  store: Store,
  options: { pageSize?: number } = {},
): Promise<LogCheckpoint> {
  const pageSize = options.pageSize ?? 500
  return store.transaction(async (tx) => {
    // Holding the head keeps appenders out until the replay is committed.
    const head = await lockLogHead(tx)
    // DELETE rather than TRUNCATE: readers keep seeing the old state until the commit.
    for (const table of projectionTables) await tx.query(`DELETE FROM ${table}`)
    let next = 0
    while (next < head.size) {
      const page = await selectLogEntries(tx, next, pageSize, head.size)
      if (page.length === 0) break
      for (const entry of page) {
        await projectChange(tx, entry.change, { seq: entry.seq, recordedAt: entry.recordedAt })
        next = entry.seq + 1
      }
    }
    return head
  })
}
