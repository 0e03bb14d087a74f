// SD-JWT VC (RFC 9901, draft-ietf-oauth-sd-jwt-vc): parsing and cryptographic verification.
export { nonDisclosableClaims } from './check-vc-claims.ts'
export { type SdHashAlgorithm, supportedSdHashAlgorithms } from './hash-algorithms.ts'
export { type ParsedSdJwt, parseSdJwt } from './parse-sd-jwt.ts'
export { processDisclosures } from './process-disclosures.ts'
export type {
  IssuerKey,
  SdJwtDisclosure,
  SdJwtVcVerification,
  StatusListReference,
  VerifySdJwtVcOptions,
} from './types.ts'
export { verifySdJwtVc } from './verify-sd-jwt-vc.ts'
