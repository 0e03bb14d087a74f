// Runs one sync of every configured source, in order, and reports what each one did.
import { getCheckpoint } from '../log/read-log.ts'
import type { LogCheckpoint } from '../model/index.ts'
import type { HostLookup } from '../net/safe-fetch.ts'
import type { Store } from '../store/store.ts'
import type { Clock } from '../util/clock.ts'
import type { ProgressListener, SourceOutcome } from './source-outcome.ts'
import type { SourceConfig, SourcesConfig } from './sources-config.ts'
import type { SyncContext } from './sync-context.ts'
import { syncEtsiLotl, syncEtsiTl } from './sync-etsi-lotl.ts'
import { syncJpList } from './sync-jp-list.ts'
import { syncLote } from './sync-lote.ts'
import { syncOidfed } from './sync-oidfed.ts'
import { syncVical } from './sync-vical.ts'

export interface SyncOptions {
  store: Store
  clock: Clock
  config: SourcesConfig
  /** Recorded as the actor of every log entry the sync makes (`operator:<name>`, `scheduler`). */
  actor: string
  /** Permit http and private addresses (local mirrors, tests). */
  allowPrivate: boolean
  /** Only these source ids (a LOTL brings its national lists along). */
  only?: readonly string[]
  onProgress?: ProgressListener
  lookup?: HostLookup
}

export interface SyncReport {
  startedAt: string
  finishedAt: string
  /** The log before and after: everything the sync recorded lies between the two. */
  before: LogCheckpoint
  after: LogCheckpoint
  sources: SourceOutcome[]
}

type Handler = (context: SyncContext, config: SourceConfig) => Promise<void>

/** The source kinds a sync can keep current, each with its handler. */
const handlers = new Map<SourceConfig['kind'], Handler>([
  [
    'etsi-lotl',
    (context, config) =>
      syncEtsiLotl(context, config as Extract<SourceConfig, { kind: 'etsi-lotl' }>),
  ],
  [
    'etsi-tl',
    (context, config) => syncEtsiTl(context, config as Extract<SourceConfig, { kind: 'etsi-tl' }>),
  ],
  [
    'jp-list',
    (context, config) => syncJpList(context, config as Extract<SourceConfig, { kind: 'jp-list' }>),
  ],
  [
    'oidfed',
    (context, config) => syncOidfed(context, config as Extract<SourceConfig, { kind: 'oidfed' }>),
  ],
  [
    'lote',
    (context, config) => syncLote(context, config as Extract<SourceConfig, { kind: 'lote' }>),
  ],
  [
    'vical',
    (context, config) => syncVical(context, config as Extract<SourceConfig, { kind: 'vical' }>),
  ],
])

/** Registers the handler of a source kind (importers plug in here). */
export function registerSourceHandler<K extends SourceConfig['kind']>(
  kind: K,
  handler: (context: SyncContext, config: Extract<SourceConfig, { kind: K }>) => Promise<void>,
): void {
  handlers.set(kind, handler as Handler)
}

/**
 * Fetches, verifies and imports each configured source. A source that fails is recorded as
 * failed and the sync goes on with the next: one bad list never holds the others back.
 */
export async function syncSources(options: SyncOptions): Promise<SyncReport> {
  const startedAt = new Date(options.clock.now()).toISOString()
  const before = await getCheckpoint(options.store)
  const selected = options.config.sources.filter(
    (source) => options.only === undefined || options.only.includes(source.id),
  )
  const outcomes: SourceOutcome[] = []
  let total = selected.length
  const report = (current?: string) =>
    options.onProgress?.({ done: outcomes.length, total, ...(current ? { current } : {}) })
  const context: SyncContext = {
    store: options.store,
    clock: options.clock,
    actor: options.actor,
    baseDir: options.config.baseDir,
    allowPrivate: options.allowPrivate,
    ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    finished(outcome) {
      outcomes.push(outcome)
      report(outcome.sourceId)
    },
    discovered(count) {
      total += count
      report()
    },
  }
  for (const source of selected) {
    report(source.id)
    const handler = handlers.get(source.kind)
    if (handler === undefined) {
      outcomes.push({
        sourceId: source.id,
        kind: source.kind,
        outcome: 'failed',
        failure: { code: 'sources.config_invalid', message: `no importer for ${source.kind}` },
      })
      continue
    }
    await handler(context, source)
  }
  report()
  return {
    startedAt,
    finishedAt: new Date(options.clock.now()).toISOString(),
    before,
    after: await getCheckpoint(options.store),
    sources: outcomes,
  }
}
