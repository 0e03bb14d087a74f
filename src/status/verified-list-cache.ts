// Keeps verified, decoded status lists by URL for as long as they may be relied on, bounded in entries.
import type { VerifyPolicy } from '../config.ts'
import type { Clock } from '../util/clock.ts'

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

interface Entry<V> {
  value: V
  expiresAtMs: number
}

/**
 * The cache both status list formats share; each says how long one of its lists may be relied
 * on (`reliableUntilMs`: its expiry and `ttl`), and the configured maximum age bounds that.
 */
export class VerifiedListCache<V> {
  readonly #clock: Clock
  readonly #maxEntries: number
  readonly #maxCacheMs: number
  readonly #reliableUntilMs: (value: V) => number
  // A Map iterates in insertion order; re-inserting on use keeps the least recent first.
  readonly #entries = new Map<string, Entry<V>>()
  readonly #inFlight = new Map<string, Promise<V>>()

  constructor(options: StatusListCacheOptions, reliableUntilMs: (value: V) => number) {
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
    this.#reliableUntilMs = reliableUntilMs
  }

  get size(): number {
    return this.#entries.size
  }

  /** The list held for `url` if it is still fresh. */
  get(url: string): V | undefined {
    const entry = this.#entries.get(url)
    if (entry === undefined) return undefined
    this.#entries.delete(url)
    if (entry.expiresAtMs <= this.#clock.now()) return undefined
    this.#entries.set(url, entry)
    return entry.value
  }

  /**
   * The fresh list for `url`, or the result of `load()`. Concurrent calls for one URL share
   * a single load; a failed load is not remembered, so the next call tries again.
   */
  async getOrLoad(
    url: string,
    load: () => Promise<V>,
  ): Promise<{ value: V; origin: StatusListOrigin }> {
    const cached = this.get(url)
    if (cached !== undefined) return { value: cached, origin: 'cache' }
    const pending = this.#inFlight.get(url)
    if (pending !== undefined) return { value: await pending, origin: 'shared' }

    const loading = (async () => {
      try {
        const value = await load()
        this.set(url, value)
        return value
      } finally {
        this.#inFlight.delete(url)
      }
    })()
    this.#inFlight.set(url, loading)
    return { value: await loading, origin: 'loaded' }
  }

  /** Holds `value` until the earliest of what the list allows and now + statusListMaxCacheSec. */
  set(url: string, value: V): void {
    const now = this.#clock.now()
    const expiresAtMs = Math.min(now + this.#maxCacheMs, this.#reliableUntilMs(value))
    this.#entries.delete(url)
    if (expiresAtMs <= now) return
    this.#entries.set(url, { value, expiresAtMs })
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string
      this.#entries.delete(oldest)
    }
  }

  delete(url: string): void {
    this.#entries.delete(url)
  }

  clear(): void {
    this.#entries.clear()
  }
}
