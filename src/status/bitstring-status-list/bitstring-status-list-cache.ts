// Keeps verified, expanded Bitstring Status Lists by URL while they may be relied on, bounded in entries.
import { type StatusListCacheOptions, VerifiedListCache } from '../verified-list-cache.ts'
import type { VerifiedBitstringStatusList } from './parse-status-list-credential.ts'

export {
  defaultStatusListCacheEntries as defaultBitstringStatusListCacheEntries,
  type StatusListCacheOptions as BitstringStatusListCacheOptions,
  type StatusListOrigin as BitstringStatusListOrigin,
} from '../verified-list-cache.ts'

const reliableUntilMs = (list: VerifiedBitstringStatusList): number =>
  Math.min(
    list.validUntilMs ?? Number.POSITIVE_INFINITY,
    list.ttlMs === undefined ? Number.POSITIVE_INFINITY : list.fetchedAtMs + list.ttlMs,
  )

/**
 * Verifiers SHOULD cache status lists (§3.2, §6.3): fewer fetches tell the issuer less about who
 * checks which credential. A list is held until the earliest of its `validUntil`, `ttl` after it was
 * fetched, and the configured maximum age.
 */
export class BitstringStatusListCache extends VerifiedListCache<VerifiedBitstringStatusList> {
  constructor(options: StatusListCacheOptions) {
    super(options, reliableUntilMs)
  }
}
