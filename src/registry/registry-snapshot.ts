// The whole registry in memory at one log checkpoint, and the cache that keeps it current.

import { readLogHead } from '../log/log-rows.ts'
import { getCheckpoint } from '../log/read-log.ts'
import type {
  Authorisation,
  DigitalIdentity,
  LogCheckpoint,
  RecognitionRule,
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
}

const selectAll = async <T>(tx: Queryable, table: string): Promise<T[]> =>
  (await tx.query<{ data: T }>(`SELECT data FROM ${table} ORDER BY id`)).rows.map((r) => r.data)

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
    return buildSnapshot({
      checkpoint,
      frameworks,
      entities,
      identities,
      authorisations,
      recognitionRules,
    })
  })
}

/** Indexes and freezes the loaded rows. */
export function buildSnapshot(parts: {
  checkpoint: LogCheckpoint
  frameworks: TrustFramework[]
  entities: TrustedEntity[]
  identities: DigitalIdentity[]
  authorisations: Authorisation[]
  recognitionRules: RecognitionRule[]
}): RegistrySnapshot {
  const identities = parts.identities.map(deepFreeze)
  const authorisationsByEntity = new Map<string, Authorisation[]>()
  for (const authorisation of parts.authorisations) {
    const list = authorisationsByEntity.get(authorisation.entityId) ?? []
    list.push(deepFreeze(authorisation))
    authorisationsByEntity.set(authorisation.entityId, list)
  }
  for (const list of authorisationsByEntity.values()) Object.freeze(list)
  return {
    checkpoint: Object.freeze({ ...parts.checkpoint }),
    frameworks: new Map(parts.frameworks.map((f) => [f.id, deepFreeze(f)])),
    entities: new Map(parts.entities.map((e) => [e.id, deepFreeze(e)])),
    identities: Object.freeze(identities) as DigitalIdentity[],
    trustAnchors: Object.freeze(
      identities.filter((i) => i.kind === 'x509.trust_anchor'),
    ) as DigitalIdentity[],
    authorisationsByEntity,
    recognitionRules: Object.freeze(parts.recognitionRules.map(deepFreeze)) as RecognitionRule[],
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
