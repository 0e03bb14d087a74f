// The whole registry in memory at one log checkpoint, and the cache that keeps it current.

import { readLogHead } from '../log/log-rows.ts'
import { getCheckpoint } from '../log/read-log.ts'
import type {
  Authorisation,
  AuthorisationStatus,
  AuthorisationStatusEvent,
  DigitalIdentity,
  LogCheckpoint,
  RecognitionRule,
  SourceState,
  TrustedEntity,
  TrustFramework,
} from '../model/index.ts'
import type { Queryable, Store } from '../store/store.ts'
import { type Clock, systemClock } from '../util/clock.ts'

/** What verification reads: every object frozen, shared by every request until the log moves. */
export interface RegistrySnapshot {
  checkpoint: LogCheckpoint
  frameworks: Map<string, TrustFramework>
  entities: Map<string, TrustedEntity>
  identities: DigitalIdentity[]
  /** The identities of kind `x509.trust_anchor`. */
  trustAnchors: DigitalIdentity[]
  authorisationsByEntity: Map<string, Authorisation[]>
  recognitionRules: RecognitionRule[]
  /** Every source with its version in force: whether a fact is still fresh is read here. */
  sources: Map<string, SourceState>
  /** Each authorisation's statuses, oldest first, each with the log entry that set it. */
  statusHistory: Map<string, AuthorisationStatusEvent[]>
  /** For each object, the seq of the log entry that last put or changed it: its log position. */
  logPositions: LogPositions
}

export interface LogPositions {
  frameworks: Map<string, number>
  entities: Map<string, number>
  identities: Map<string, number>
  authorisations: Map<string, number>
  recognitionRules: Map<string, number>
  sources: Map<string, number>
}

/** A loaded row: the object and the seq of the log entry that wrote it. */
export interface Positioned<T> {
  data: T
  logSeq: number
}

const selectAll = async <T>(tx: Queryable, table: string): Promise<Positioned<T>[]> =>
  (
    await tx.query<{ data: T; log_seq: number | string }>(
      `SELECT data, log_seq FROM ${table} ORDER BY id`,
    )
  ).rows.map((r) => ({ data: r.data, logSeq: Number(r.log_seq) }))

const selectStatusHistory = async (tx: Queryable) =>
  (
    await tx.query<{
      authorisation_id: string
      log_seq: number | string
      status: AuthorisationStatus
      at: string
    }>(
      'SELECT authorisation_id, log_seq, status, at FROM authorisation_status_history ORDER BY log_seq',
    )
  ).rows.map((row) => ({
    authorisationId: row.authorisation_id,
    event: { status: row.status, at: row.at, logSeq: Number(row.log_seq) },
  }))

/** Reads the registry and the checkpoint it reflects from one database snapshot. */
export function loadRegistrySnapshot(store: Store): Promise<RegistrySnapshot> {
  return store.transaction(async (tx) => {
    // Every statement below sees the same committed state, however many appends land meanwhile.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
    const checkpoint = await readLogHead(tx)
    const frameworks = await selectAll<TrustFramework>(tx, 'frameworks')
    const entities = await selectAll<TrustedEntity>(tx, 'entities')
    const identities = await selectAll<DigitalIdentity>(tx, 'identities')
    const authorisations = await selectAll<Authorisation>(tx, 'authorisations')
    const recognitionRules = await selectAll<RecognitionRule>(tx, 'recognition_rules')
    const sources = await selectAll<SourceState>(tx, 'sources')
    const statusHistory = await selectStatusHistory(tx)
    return buildSnapshot({
      checkpoint,
      frameworks,
      entities,
      identities,
      authorisations,
      recognitionRules,
      sources,
      statusHistory,
    })
  })
}

/** Indexes and freezes the loaded rows. */
export function buildSnapshot(parts: {
  checkpoint: LogCheckpoint
  frameworks: Positioned<TrustFramework>[]
  entities: Positioned<TrustedEntity>[]
  identities: Positioned<DigitalIdentity>[]
  authorisations: Positioned<Authorisation>[]
  recognitionRules: Positioned<RecognitionRule>[]
  sources: Positioned<SourceState>[]
  statusHistory: { authorisationId: string; event: AuthorisationStatusEvent }[]
}): RegistrySnapshot {
  const identities = parts.identities.map((row) => deepFreeze(row.data))
  const authorisationsByEntity = new Map<string, Authorisation[]>()
  for (const { data: authorisation } of parts.authorisations) {
    const list = authorisationsByEntity.get(authorisation.entityId) ?? []
    list.push(deepFreeze(authorisation))
    authorisationsByEntity.set(authorisation.entityId, list)
  }
  for (const list of authorisationsByEntity.values()) Object.freeze(list)
  const statusHistory = new Map<string, AuthorisationStatusEvent[]>()
  for (const { authorisationId, event } of parts.statusHistory) {
    const events = statusHistory.get(authorisationId) ?? []
    events.push(Object.freeze(event))
    statusHistory.set(authorisationId, events)
  }
  for (const events of statusHistory.values()) Object.freeze(events)
  const positions = <T extends { id: string }>(rows: Positioned<T>[]) =>
    new Map(rows.map((row) => [row.data.id, row.logSeq]))
  return {
    checkpoint: Object.freeze({ ...parts.checkpoint }),
    frameworks: new Map(parts.frameworks.map(({ data: f }) => [f.id, deepFreeze(f)])),
    entities: new Map(parts.entities.map(({ data: e }) => [e.id, deepFreeze(e)])),
    identities: Object.freeze(identities) as DigitalIdentity[],
    trustAnchors: Object.freeze(
      identities.filter((i) => i.kind === 'x509.trust_anchor'),
    ) as DigitalIdentity[],
    authorisationsByEntity,
    recognitionRules: Object.freeze(
      parts.recognitionRules.map((row) => deepFreeze(row.data)),
    ) as RecognitionRule[],
    sources: new Map(parts.sources.map(({ data: s }) => [s.id, deepFreeze(s)])),
    statusHistory,
    logPositions: {
      frameworks: positions(parts.frameworks),
      entities: positions(parts.entities),
      identities: positions(parts.identities),
      authorisations: positions(parts.authorisations),
      recognitionRules: positions(parts.recognitionRules),
      sources: positions(parts.sources),
    },
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

const sameCheckpoint = (a: LogCheckpoint, b: LogCheckpoint): boolean =>
  a.size === b.size && a.headHash === b.headHash

export interface RegistryCacheOptions {
  /** How long a snapshot is served before the log head is asked again (default 1000 ms). */
  refreshIntervalMs?: number
  clock?: Clock
}

/**
 * Serves the registry snapshot. Within the refresh interval `get()` touches no database; after it,
 * one cheap checkpoint query decides whether to reload, so instances sharing one PostgreSQL see
 * each other's appends within the interval.
 */
export class RegistryCache {
  readonly #store: Store
  readonly #refreshIntervalMs: number
  readonly #clock: Clock
  #snapshot: RegistrySnapshot | undefined
  /** When the head was last found to match the snapshot (clock time). */
  #checkedAt = Number.NEGATIVE_INFINITY
  /** Bumped by `invalidate()`; a snapshot from an older generation must be reloaded. */
  #generation = 0
  #snapshotGeneration = -1
  #inflight: { generation: number; promise: Promise<RegistrySnapshot> } | undefined

  constructor(store: Store, options: RegistryCacheOptions = {}) {
    this.#store = store
    this.#refreshIntervalMs = options.refreshIntervalMs ?? 1000
    this.#clock = options.clock ?? systemClock
  }

  get(): Promise<RegistrySnapshot> {
    const snapshot = this.#snapshot
    if (
      snapshot !== undefined &&
      this.#snapshotGeneration === this.#generation &&
      this.#clock.now() - this.#checkedAt < this.#refreshIntervalMs
    ) {
      return Promise.resolve(snapshot)
    }
    const generation = this.#generation
    if (this.#inflight?.generation === generation) return this.#inflight.promise
    const promise = this.#refresh(generation).finally(() => {
      if (this.#inflight?.promise === promise) this.#inflight = undefined
    })
    this.#inflight = { generation, promise }
    return promise
  }

  /** Makes the next `get()` reload, whatever the interval (after appending locally). */
  invalidate(): void {
    this.#generation += 1
  }

  async #refresh(generation: number): Promise<RegistrySnapshot> {
    const startedAt = this.#clock.now()
    const current = this.#snapshot
    if (current !== undefined && this.#snapshotGeneration === generation) {
      const head = await getCheckpoint(this.#store)
      if (sameCheckpoint(head, current.checkpoint)) {
        this.#checkedAt = Math.max(this.#checkedAt, startedAt)
        return current
      }
    }
    const loaded = await loadRegistrySnapshot(this.#store)
    const latest = this.#snapshot
    // Loads can finish out of order; the log only grows, so the larger one is the newer.
    if (latest === undefined || loaded.checkpoint.size >= latest.checkpoint.size) {
      this.#snapshot = loaded
    }
    if (generation >= this.#snapshotGeneration) {
      this.#snapshotGeneration = generation
      this.#checkedAt = startedAt
    }
    return this.#snapshot ?? loaded
  }
}
