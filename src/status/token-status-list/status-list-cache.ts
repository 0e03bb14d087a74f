// Keeps verified, decoded status lists by URI for as long as they may be relied on, bounded in entries.
import type { VerifyPolicy } from '../../config.ts'
import type { Clock } from '../../util/clock.ts'
import type { VerifiedStatusList } from './verify-status-list-token.ts'

/** Most lists held at once unless the options say otherwise. */
export const defaultStatusListCacheEntries = 1000

export interface StatusListCacheOptions {
  clock: Clock
  /** `statusListMaxCacheSec`: the longest any list is held, whatever its `ttl` says. */
  policy: Pick<VerifyPolicy, 'statusListMaxCacheSec'>
  /** Most lists held at once; the least recently used one goes first. */
  maxEntries?: number
}

/**
 * Where a result came from: `loaded` by this very call, `shared` from a concurrent call's
 * load, or `cache`. Only `loaded` results were verified with this caller's signer resolution.
 */
export type StatusListOrigin = 'loaded' | 'shared' | 'cache'

interface Entry {
  value: VerifiedStatusList
  expiresAtMs: number
}

export class StatusListCache {
  readonly #clock: Clock
  readonly #maxEntries: number
  readonly #maxCacheMs: number
  // A Map iterates in insertion order; re-inserting on use keeps the least recent first.
  readonly #entries = new Map<string, Entry>()
  readonly #inFlight = new Map<string, Promise<VerifiedStatusList>>()

  constructor(options: StatusListCacheOptions) {
    const maxEntries = options.maxEntries ?? defaultStatusListCacheEntries
    const maxCacheSec = options.policy.statusListMaxCacheSec
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer')
    }
    if (!Number.isFinite(maxCacheSec) || maxCacheSec < 0) {
      throw new RangeError('statusListMaxCacheSec must be a non-negative number')
    }
    this.#clock = options.clock
    this.#maxEntries = maxEntries
    this.#maxCacheMs = maxCacheSec * 1000
  }

  get size(): number {
    return this.#entries.size
  }

  /** The list held for `uri` if it is still fresh. */
  get(uri: string): VerifiedStatusList | undefined {
    const entry = this.#entries.get(uri)
    if (entry === undefined) return undefined
    if (entry.expiresAtMs <= this.#clock.now()) {
      this.#entries.delete(uri)
      return undefined
    }
    this.#entries.delete(uri)
    this.#entries.set(uri, entry)
    return entry.value
  }

  /**
   * The fresh list for `uri`, or the result of `load()`. Concurrent calls for one URI share
   * a single load; a failed load is not remembered, so the next call tries again.
   */
  async getOrLoad(
    uri: string,
    load: () => Promise<VerifiedStatusList>,
  ): Promise<{ value: VerifiedStatusList; origin: StatusListOrigin }> {
    const cached = this.get(uri)
    if (cached !== undefined) return { value: cached, origin: 'cache' }
    const pending = this.#inFlight.get(uri)
    if (pending !== undefined) return { value: await pending, origin: 'shared' }

    const loading = (async () => {
      try {
        const value = await load()
        this.set(uri, value)
        return value
      } finally {
        this.#inFlight.delete(uri)
      }
    })()
    this.#inFlight.set(uri, loading)
    return { value: await loading, origin: 'loaded' }
  }

  /** Holds `value` until the earliest of its `exp`, `iat + ttl` and now + statusListMaxCacheSec. */
  set(uri: string, value: VerifiedStatusList): void {
    const now = this.#clock.now()
    let expiresAtMs = now + this.#maxCacheMs
    if (value.exp !== undefined) expiresAtMs = Math.min(expiresAtMs, value.exp * 1000)
    if (value.ttl !== undefined) expiresAtMs = Math.min(expiresAtMs, (value.iat + value.ttl) * 1000)
    this.#entries.delete(uri)
    if (expiresAtMs <= now) return
    this.#entries.set(uri, { value, expiresAtMs })
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string
      this.#entries.delete(oldest)
    }
  }

  delete(uri: string): void {
    this.#entries.delete(uri)
  }

  clear(): void {
    this.#entries.clear()
  }
}
