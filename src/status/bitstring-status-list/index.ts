// W3C Bitstring Status List v1.0: parse entries, expand lists, verify list credentials, cache, check.
export {
  BitstringStatusListCache,
  type BitstringStatusListCacheOptions,
  type BitstringStatusListOrigin,
  defaultBitstringStatusListCacheEntries,
} from './bitstring-status-list-cache.ts'
export type { BitstringStatusListSource } from './bitstring-status-list-source.ts'
export {
  type BitstringStatusCode,
  BitstringStatusError,
  type BitstringStatusListEntry,
  bitstringStatusLimits,
  isStatusPurpose,
  minimumNumberOfEntries,
  type StatusPurpose,
  statusPurposes,
} from './bitstring-status-types.ts'
export {
  type CheckBitstringStatusDeps,
  checkBitstringStatus,
  type VerifyListCredential,
  type VerifyListCredentialResult,
} from './check-bitstring-status.ts'
export {
  type Bitstring,
  bitstringReader,
  type ExpandBitstringResult,
  expandBitstring,
} from './expand-bitstring.ts'
export {
  HttpBitstringStatusListSource,
  type HttpBitstringStatusListSourceOptions,
  statusListCredentialMediaTypes,
} from './http-bitstring-status-list-source.ts'
export {
  type ParseCredentialStatusOptions,
  type ParseCredentialStatusResult,
  type ParsedStatusEntry,
  parseCredentialStatus,
  parseStatusEntry,
} from './parse-credential-status.ts'
export {
  type ParseStatusListCredentialInput,
  type ParseStatusListCredentialResult,
  parseStatusListCredential,
  type VerifiedBitstringStatusList,
} from './parse-status-list-credential.ts'
export {
  type BitstringStatusResult,
  statusHex,
  type ValidateStatusEntryOptions,
  type ValidateStatusEntryResult,
  validateStatusEntry,
} from './validate-status-entry.ts'
