// What every source handler of a sync shares: the store, the clock, fetch settings and reporting.
import { type ErrorCode, KakehashiError } from '../errors.ts'
import type { Source, SourceImport, SourceState } from '../model/index.ts'
import type { HostLookup } from '../net/safe-fetch.ts'
import { importSource, readSourceState, recordSourceFailure } from '../registry/import-source.ts'
import type { Store } from '../store/store.ts'
import type { Clock } from '../util/clock.ts'
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_DOCUMENT_BYTES,
  type FetchDocumentOptions,
} from './fetch-document.ts'
import type { SourceOutcome } from './source-outcome.ts'

export interface SyncContext {
  store: Store
  clock: Clock
  /** Who runs the sync: recorded as the actor of every log entry it makes. */
  actor: string
  baseDir: string
  allowPrivate: boolean
  lookup?: HostLookup
  /** A source handler reports each source it finishes, and how many more it found. */
  finished(outcome: SourceOutcome): void
  discovered(count: number): void
}

export const fetchOptions = (
  context: SyncContext,
  limits: { timeoutMs?: number | undefined; maxBytes?: number | undefined },
  current: SourceState | undefined,
): FetchDocumentOptions => ({
  baseDir: context.baseDir,
  timeoutMs: limits.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
  maxBytes: limits.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES,
  allowPrivate: context.allowPrivate,
  ...(context.lookup === undefined ? {} : { lookup: context.lookup }),
  ...(current?.current?.etag !== undefined || current?.current?.lastModified !== undefined
    ? {
        conditional: {
          ...(current.current.etag === undefined ? {} : { etag: current.current.etag }),
          ...(current.current.lastModified === undefined
            ? {}
            : { lastModified: current.current.lastModified }),
        },
      }
    : {}),
})

export const currentState = (context: SyncContext, sourceId: string) =>
  context.store.transaction((tx) => readSourceState(tx, sourceId))

/**
 * Imports a verified version unless it is the one in force, refusing a sequence number that went
 * backwards (a replayed older list). Returns the outcome to report.
 */
export async function importVersion(
  context: SyncContext,
  imported: SourceImport,
  state: SourceState | undefined,
  location: string,
  counts?: Record<string, number>,
): Promise<SourceOutcome> {
  const { version } = imported
  const base = {
    sourceId: imported.source.id,
    kind: imported.source.kind,
    location,
    digest: version.digest,
    ...(version.sequenceNumber === undefined ? {} : { sequenceNumber: version.sequenceNumber }),
    ...(version.nextUpdate === undefined ? {} : { nextUpdate: version.nextUpdate }),
    stale: isPast(version.nextUpdate, context.clock),
    ...(counts === undefined ? {} : { counts }),
  }
  refuseSequenceRegression(state, version.sequenceNumber)
  const previous = state?.current
  if (previous?.digest === version.digest) {
    await noteStaleness(context, imported.source, state, base.stale)
    return { ...base, outcome: 'unchanged' }
  }
  const summary = await importSource(
    context.store,
    imported,
    { actor: context.actor, reason: `sync of ${imported.source.id} from ${location}` },
    context.clock,
  )
  return { ...base, outcome: 'imported', put: summary.put, removed: summary.removed }
}

/**
 * A properly signed list older than the one in force is a replay: refused before anything is
 * compared, with the code of the list's kind and the name its standard gives the number.
 */
export function refuseSequenceRegression(
  state: SourceState | undefined,
  next: number | undefined,
  regressed: SequenceRegression = { code: 'tl.sequence_regressed', field: 'sequence number' },
): void {
  const previous = state?.current?.sequenceNumber
  if (previous !== undefined && next !== undefined && next < previous) {
    throw new KakehashiError(
      regressed.code,
      `${regressed.field} ${next} follows ${previous} in force`,
      { previous, next },
    )
  }
}

/** How a kind of list refuses a sequence number that went backwards. */
export interface SequenceRegression {
  code: ErrorCode
  /** The number's name in the list's standard, as the message says it. */
  field: string
}

/** The outcome of a 304: the version in force stands, and is reported (and noted) stale if it is. */
export async function notModified(
  context: SyncContext,
  source: Source,
  state: SourceState | undefined,
  location: string,
): Promise<SourceOutcome> {
  const current = state?.current
  const stale = isPast(current?.nextUpdate, context.clock)
  await noteStaleness(context, source, state, stale)
  return {
    sourceId: source.id,
    kind: source.kind,
    location,
    outcome: 'unchanged',
    stale,
    ...(current?.sequenceNumber === undefined ? {} : { sequenceNumber: current.sequenceNumber }),
    ...(current?.nextUpdate === undefined ? {} : { nextUpdate: current.nextUpdate }),
    ...(current?.digest === undefined ? {} : { digest: current.digest }),
  }
}

/**
 * Records that a source has nothing newer than a stale version, once: staleness is visible in
 * `registry sources` without a log entry on every sync.
 */
async function noteStaleness(
  context: SyncContext,
  source: Source,
  state: SourceState | undefined,
  stale: boolean,
): Promise<void> {
  if (!stale || state?.lastFailure?.code === 'source.stale') return
  await recordSourceFailure(
    context.store,
    source,
    {
      at: new Date(context.clock.now()).toISOString(),
      code: 'source.stale',
      message: `no version newer than the one in force, whose NextUpdate (${state?.current?.nextUpdate}) has passed`,
    },
    { actor: context.actor, reason: `sync of ${source.id}: stale` },
    context.clock,
  )
}

/** Records a failed attempt and returns its outcome; the version in force stays. */
export async function recordFailure(
  context: SyncContext,
  source: Source,
  error: unknown,
  location: string | undefined,
  digest?: string,
): Promise<SourceOutcome> {
  const failure = describeFailure(error)
  const before = await currentState(context, source.id)
  const repeated =
    before?.lastFailure?.code === failure.code &&
    before.lastFailure.message === failure.message.slice(0, 2000) &&
    before.lastFailure.digest === digest
  // The same failure again is reported, but not logged again: the log keeps when it began.
  if (!repeated)
    await recordSourceFailure(
      context.store,
      source,
      {
        at: new Date(context.clock.now()).toISOString(),
        code: failure.code,
        message: failure.message.slice(0, 2000),
        ...(digest === undefined ? {} : { digest }),
      },
      { actor: context.actor, reason: `sync of ${source.id} failed: ${failure.code}` },
      context.clock,
    )
  const state = repeated ? before : await currentState(context, source.id)
  return {
    sourceId: source.id,
    kind: source.kind,
    ...(location === undefined ? {} : { location }),
    outcome: 'failed',
    failure,
    ...(state?.current === undefined ? {} : { digest: state.current.digest }),
    ...(state?.current?.sequenceNumber === undefined
      ? {}
      : { sequenceNumber: state.current.sequenceNumber }),
    stale: isPast(state?.current?.nextUpdate, context.clock),
  }
}

export function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof KakehashiError) return { code: error.code, message: error.message }
  // Anything else is a defect, not the source's fault; it is still recorded, never thrown past the sync.
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

const isPast = (iso: string | undefined, clock: Clock): boolean =>
  iso !== undefined && Date.parse(iso) <= clock.now()
