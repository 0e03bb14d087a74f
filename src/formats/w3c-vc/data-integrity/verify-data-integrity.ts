// Verifies the Data Integrity proofs a document carries: one proof, a proof set or a proof chain (vc-data-integrity §4.4, §4.5).
import type { DocumentLoader } from '../../../lib/jsonld/index.ts'
import { isPlainObject } from '../../../lib/parse-json.ts'
import type {
  ResolvedVerificationMethod,
  ResolveVerificationMethod,
  VerificationRelationship,
} from '../types.ts'
import { allCryptosuites } from './cryptosuites.ts'
import {
  type CryptosuiteName,
  type DataIntegrityResult,
  dataIntegrityLimits,
  refuse,
  type VerifiedProof,
} from './data-integrity-codes.ts'
import { isRefusal, type ParsedProof, parseProof } from './parse-proof.ts'
import { verifyProof } from './verify-proof.ts'

export interface VerifyDataIntegrityOptions {
  /** The loader every context is answered from (see `createDocumentLoader`). */
  documentLoader: DocumentLoader
  resolveVerificationMethod: ResolveVerificationMethod
  /** `assertionMethod` for credentials, `authentication` for presentations. */
  expectedProofPurpose: VerificationRelationship
  /** The verifier's nonce; required for `authentication`, where a proof without one could be replayed. */
  challenge?: string
  domain?: string | readonly string[]
  nowMs: number
  /** Tolerated clock difference for `created` and `expires`; 60 s unless given. */
  clockSkewMs?: number
  /** The suites accepted; all four unless narrowed. */
  allowedCryptosuites?: readonly CryptosuiteName[]
}

const defaultClockSkewMs = 60_000

/**
 * Verifies every proof of `document` (§4.5: a proof set or chain verifies when each of its proofs
 * does; a proof naming `previousProof` is verified over the document carrying the proofs it
 * names). Answers a refusal with a stable code for any bad input; throws only for a misuse of the
 * API (a missing challenge for `authentication`, an unknown cryptosuite name among the allowed).
 */
export async function verifyDataIntegrity(
  document: unknown,
  options: VerifyDataIntegrityOptions,
): Promise<DataIntegrityResult> {
  if (options.expectedProofPurpose === 'authentication' && options.challenge === undefined) {
    throw new TypeError('a challenge is required to verify an authentication proof')
  }
  const allowed = new Set(options.allowedCryptosuites ?? allCryptosuites)
  for (const name of allowed) {
    if (!allCryptosuites.includes(name)) throw new TypeError(`unknown cryptosuite ${name}`)
  }

  // §4.4 steps 1–2: a map whose proof is a map (or, §4.5, a list of them).
  if (!isPlainObject(document))
    return refuse('w3c.proof_malformed', 'document is not a JSON object')
  const { proof: proofValue, ...unsecuredDocument } = document
  if (proofValue === undefined || proofValue === null) {
    return refuse('w3c.proof_missing', 'document carries no proof')
  }
  const allProofs = Array.isArray(proofValue) ? proofValue : [proofValue]
  if (allProofs.length === 0) return refuse('w3c.proof_missing', 'document carries no proof')
  if (allProofs.length > dataIntegrityLimits.maxProofs) {
    return refuse(
      'w3c.proof_limit_exceeded',
      `document carries more than ${dataIntegrityLimits.maxProofs} proofs`,
    )
  }

  const parsed: ParsedProof[] = []
  const byId = new Map<string, unknown>()
  for (const raw of allProofs) {
    const proof = parseProof(raw)
    if (isRefusal(proof)) return proof
    if (proof.id !== undefined) {
      if (byId.has(proof.id)) return refuse('w3c.proof_malformed', `two proofs have id ${proof.id}`)
      byId.set(proof.id, raw)
    }
    parsed.push(proof)
  }

  const checkOptions = {
    documentLoader: options.documentLoader,
    resolveVerificationMethod: options.resolveVerificationMethod,
    expectedProofPurpose: options.expectedProofPurpose,
    challenge: options.challenge,
    domain: options.domain,
    nowMs: options.nowMs,
    clockSkewMs: options.clockSkewMs ?? defaultClockSkewMs,
    allowedCryptosuites: allowed,
  }
  const verified: { proof: VerifiedProof; method: ResolvedVerificationMethod }[] = []
  for (const proof of parsed) {
    // §4.5 step 3: the proofs named by previousProof, all of which must be in the document.
    const matchingProofs: unknown[] = []
    for (const id of proof.previousProof) {
      const previous = byId.get(id)
      if (previous === undefined || id === proof.id) {
        return refuse(
          'w3c.proof_chain_invalid',
          `previousProof ${id} is not a proof of the document`,
        )
      }
      matchingProofs.push(previous)
    }
    const input =
      matchingProofs.length === 0
        ? unsecuredDocument
        : { ...unsecuredDocument, proof: matchingProofs }
    const check = await verifyProof(input, proof, checkOptions)
    if (!check.ok) return allProofs.length === 1 ? check : inSet(check, verified.length)
    verified.push({ proof: check.proof, method: check.method })
  }
  const [first] = verified as [(typeof verified)[number], ...typeof verified]
  return { ok: true, proof: first.proof, method: first.method, proofs: verified, unsecuredDocument }
}

const inSet = <T extends { message: string }>(refusal: T, index: number): T => ({
  ...refusal,
  message: `proof ${index + 1}: ${refusal.message}`,
})
