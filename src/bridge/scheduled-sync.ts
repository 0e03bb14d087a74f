// Keeps a serving bridge's sources current: a sync every interval, run by one instance at a time.
//
// Several instances on one PostgreSQL server share a lease row (`sync_lease`): whoever holds it
// syncs, and it lapses if its holder stops, so another instance takes over. A sync that finds no
// sources file does nothing: a bridge without official sources is a valid bridge (the sandbox).

import { randomUUID } from 'node:crypto'
import { access } from 'node:fs/promises'
import type { Store } from '../store/store.ts'
import type { SyncReport } from '../sync/sync-sources.ts'
import type { Clock } from '../util/clock.ts'
import type { SyncRequest } from './bridge-sync.ts'

export interface ScheduledSyncOptions {
  store: Store
  clock: Clock
  sync(request: SyncRequest): Promise<SyncReport>
  /** The sources file the bridge reads (`KAKEHASHI_SOURCES` or `<data dir>/sources.json`). */
  sourcesPath: string
  intervalMs: number
  /** Told of each run: its report, or why it did not run. */
  onRun?: (event: ScheduledSyncEvent) => void
}

export type ScheduledSyncEvent =
  | { kind: 'synced'; report: SyncReport }
  | { kind: 'skipped'; reason: 'no_sources_file' | 'lease_held_elsewhere' }
  | { kind: 'failed'; error: unknown }

export interface ScheduledSync {
  /** Runs one scheduled sync now (tests, and the first run at start). */
  runOnce(): Promise<ScheduledSyncEvent>
  stop(): Promise<void>
}

/**
 * Takes the lease for one interval if it is free, lapsed or already ours; true when we hold it.
 * One statement, so two instances racing for it cannot both win.
 */
export async function takeSyncLease(
  store: Store,
  holder: string,
  nowMs: number,
  forMs: number,
): Promise<boolean> {
  const now = new Date(nowMs).toISOString()
  const until = new Date(nowMs + forMs).toISOString()
  const { rows } = await store.query<{ holder: string }>(
    `INSERT INTO sync_lease (id, holder, held_until) VALUES (true, $1, $2::timestamptz)
     ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, held_until = EXCLUDED.held_until
     WHERE sync_lease.held_until <= $3::timestamptz OR sync_lease.holder = EXCLUDED.holder
     RETURNING holder`,
    [holder, until, now],
  )
  return rows[0]?.holder === holder
}

export function startScheduledSync(options: ScheduledSyncOptions): ScheduledSync {
  const holder = `bridge:${randomUUID()}`
  let timer: NodeJS.Timeout | undefined
  let running: Promise<ScheduledSyncEvent> | undefined
  let stopped = false

  const run = async (): Promise<ScheduledSyncEvent> => {
    try {
      const hasSources = await access(options.sourcesPath).then(
        () => true,
        () => false,
      )
      if (!hasSources) return { kind: 'skipped', reason: 'no_sources_file' }
      // Held a little short of the interval, so that our own next run finds it ours or lapsed.
      const leaseMs = Math.max(1000, options.intervalMs - 1000)
      if (!(await takeSyncLease(options.store, holder, options.clock.now(), leaseMs)))
        return { kind: 'skipped', reason: 'lease_held_elsewhere' }
      return {
        kind: 'synced',
        report: await options.sync({ actor: 'scheduler', configPath: options.sourcesPath }),
      }
    } catch (error) {
      return { kind: 'failed', error }
    }
  }
  const runOnce = async () => {
    running ??= run().finally(() => {
      running = undefined
    })
    const event = await running
    options.onRun?.(event)
    return event
  }
  const schedule = () => {
    if (stopped) return
    timer = setTimeout(() => {
      void runOnce().finally(schedule)
    }, options.intervalMs)
    // A pending sync never keeps the process alive on its own.
    timer.unref()
  }
  schedule()
  return {
    runOnce,
    async stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      await running
    },
  }
}
