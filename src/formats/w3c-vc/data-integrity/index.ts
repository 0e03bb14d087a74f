// W3C Data Integrity: verification of eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019 and ecdsa-jcs-2019 proofs.
export { computeHashData, type HashData } from './compute-hash-data.ts'
export { allCryptosuites, type Cryptosuite, cryptosuites } from './cryptosuites.ts'
export {
  type CryptosuiteName,
  type DataIntegrityCode,
  type DataIntegrityResult,
  dataIntegrityLimits,
  type VerifiedProof,
} from './data-integrity-codes.ts'
export { decodeProofValue } from './decode-proof-value.ts'
export { type VerifyDataIntegrityOptions, verifyDataIntegrity } from './verify-data-integrity.ts'
export {
  type DataIntegrityPresentationCode,
  type DataIntegrityPresentationResult,
  type VerifyPresentationOptions,
  verifyDataIntegrityPresentation,
} from './verify-presentation.ts'
