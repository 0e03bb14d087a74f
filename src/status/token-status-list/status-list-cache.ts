// Keeps verified Status List Tokens by URI until their `exp` or `iat + ttl`, whichever comes first.
import { type StatusListCacheOptions, VerifiedListCache } from '../verified-list-cache.ts'
import type { VerifiedStatusList } from './verify-status-list-token.ts'

export {
  defaultStatusListCacheEntries,
  type StatusListCacheOptions,
  type StatusListOrigin,
} from '../verified-list-cache.ts'

const reliableUntilMs = (list: VerifiedStatusList): number =>
  Math.min(
    list.exp === undefined ? Number.POSITIVE_INFINITY : list.exp * 1000,
    list.ttl === undefined ? Number.POSITIVE_INFINITY : (list.iat + list.ttl) * 1000,
  )

export class StatusListCache extends VerifiedListCache<VerifiedStatusList> {
  constructor(options: StatusListCacheOptions) {
    super(options, reliableUntilMs)
  }
}
