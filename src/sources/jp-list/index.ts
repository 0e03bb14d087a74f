// Japanese trust lists: the documented JSON form an operator maintains, unsigned or as a signed JWS.
//
// `readJpTrustList` is the way in: the signature (or the configuration's leave to go unsigned),
// the schema with its limits, the corporate-number check digits and every certificate. Then
// `jpTrustListToSourceImport` says it in registry terms.

export { corporateNumberCheckDigit, isValidCorporateNumber } from './check-corporate-number.ts'
export {
  CORPORATE_NUMBER_SCHEME,
  countJpTrustList,
  type JpTrustListImportOptions,
  jpTrustListToSourceImport,
} from './jp-trust-list-to-source-import.ts'
export {
  type JpTrustListSignature,
  type ReadJpTrustListOptions,
  readJpTrustList,
  type VerifiedJpTrustList,
} from './read-jp-trust-list.ts'
export type { ServiceCertificate } from './read-service-certificates.ts'
export {
  JP_TRUST_LIST_FORMAT_VERSION,
  type JpServiceType,
  type JpTrustList,
  jpServiceTypes,
  jpTrustListLimits,
  zJpTrustList,
} from './z-jp-trust-list.ts'
