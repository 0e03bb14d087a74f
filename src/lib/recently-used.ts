// A bounded cache of what was used recently, for hot-path lookups that must never grow without limit.

/**
 * A bounded map that keeps what was used recently, in two generations of at most `limit / 2`
 * entries: a hit in the old generation moves the entry to the young one, and a full young
 * generation becomes the old one, dropping the previous old one. A hit in the young generation
 * is a single lookup; a strict LRU re-inserts the entry into its Map on every read, which cost
 * more than the lookup on this hot path (measured).
 */
export class RecentlyUsed<V> {
  #young = new Map<string, V>()
  #old = new Map<string, V>()
  readonly #generation: number

  constructor(limit: number) {
    this.#generation = Math.max(1, Math.floor(limit / 2))
  }

  get(key: string): V | undefined {
    const value = this.#young.get(key)
    if (value !== undefined) return value
    const old = this.#old.get(key)
    if (old !== undefined) {
      this.#old.delete(key)
      this.#add(key, old)
    }
    return old
  }

  set(key: string, value: V): void {
    this.#old.delete(key)
    this.#add(key, value)
  }

  #add(key: string, value: V): void {
    if (!this.#young.has(key) && this.#young.size >= this.#generation) {
      this.#old = this.#young
      this.#young = new Map()
    }
    this.#young.set(key, value)
  }
}
