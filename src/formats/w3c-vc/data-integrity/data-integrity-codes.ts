// What a Data Integrity verification answers: the verified proofs, or a refusal with its stable code.
import type { JsonLdContextCode } from '../../../lib/jsonld/index.ts'
import type { ResolvedVerificationMethod } from '../types.ts'

/** Stable codes of a Data Integrity refusal (W3C vc-data-integrity §4.4, §4.5 and the suites' algorithms). */
export type DataIntegrityCode =
  | 'w3c.proof_missing'
  | 'w3c.proof_malformed'
  | 'w3c.proof_type_unsupported'
  | 'w3c.cryptosuite_unsupported'
  | 'w3c.proof_invalid'
  | 'w3c.proof_purpose_mismatch'
  | 'w3c.verification_method_unresolvable'
  | 'w3c.verification_method_not_authorised'
  | 'w3c.verification_method_unsuitable'
  | 'w3c.challenge_mismatch'
  | 'w3c.domain_mismatch'
  | 'w3c.proof_expired'
  | 'w3c.proof_not_yet_valid'
  | 'w3c.proof_chain_invalid'
  | 'w3c.proof_limit_exceeded'
  | 'w3c.jsonld_invalid'
  | JsonLdContextCode

/** The cryptosuites verified here (closed: any other name is refused). */
export type CryptosuiteName =
  | 'eddsa-rdfc-2022'
  | 'eddsa-jcs-2022'
  | 'ecdsa-rdfc-2019'
  | 'ecdsa-jcs-2019'

/** The facts of one verified proof. */
export interface VerifiedProof {
  type: 'DataIntegrityProof'
  cryptosuite: CryptosuiteName
  verificationMethod: string
  proofPurpose: string
  /** `created` as written, when present. */
  created?: string
  expires?: string
  id?: string
  /** A presentation proof's `challenge` and `domain`, as written. */
  challenge?: string
  domain?: string[]
}

export type DataIntegrityResult =
  | {
      ok: true
      /** The first proof (the only one, unless the document carries a proof set or chain). */
      proof: VerifiedProof
      method: ResolvedVerificationMethod
      /** Every proof, in document order, with the method that verified it. */
      proofs: { proof: VerifiedProof; method: ResolvedVerificationMethod }[]
      /** The document without `proof`. */
      unsecuredDocument: Record<string, unknown>
    }
  | { ok: false; code: DataIntegrityCode; message: string }

export type Refusal = Extract<DataIntegrityResult, { ok: false }>

export const refuse = (code: DataIntegrityCode, message: string): Refusal => ({
  ok: false,
  code,
  message,
})

/** Bounds of Data Integrity verification. */
export const dataIntegrityLimits = {
  /** Most proofs one document may carry in a proof set or chain. */
  maxProofs: 8,
  /** Longest `proofValue` accepted, in characters (a P-384 signature takes 132). */
  maxProofValueLength: 256,
  /** Most `domain` values a proof may list. */
  maxDomains: 16,
  /** Most credentials one presentation may carry. */
  maxPresentedCredentials: 32,
} as const
