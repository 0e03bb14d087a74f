// IETF Token Status List (draft-ietf-oauth-status-list, JWT form): decode, encode, verify, cache, check.
export {
  type CheckTokenStatusDeps,
  checkTokenStatus,
  type ParseStatusReferenceResult,
  parseStatusReference,
  type StatusListReference,
  type StatusListSource,
} from './check-token-status.ts'
export {
  type DecodeStatusListResult,
  decodeStatusList,
  type StatusList,
  statusListReader,
} from './decode-status-list.ts'
export { encodeStatusList } from './encode-status-list.ts'
export {
  HttpStatusListSource,
  type HttpStatusListSourceOptions,
  statusListJwtMediaType,
} from './http-status-list-source.ts'
export {
  defaultStatusListCacheEntries,
  StatusListCache,
  type StatusListCacheOptions,
  type StatusListOrigin,
} from './status-list-cache.ts'
export {
  isStatusListBits,
  type StatusListBits,
  type StatusListJson,
  TokenStatus,
} from './status-types.ts'
export {
  type ResolveSignerKey,
  type SignerKey,
  type VerifiedStatusList,
  type VerifyStatusListTokenDeps,
  type VerifyStatusListTokenResult,
  verifyStatusListToken,
} from './verify-status-list-token.ts'
