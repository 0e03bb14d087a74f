// One proof checked as vc-data-integrity §4.4 steps 4–8 and the cryptosuite's Verify Proof say.
import {
  checkDocumentContexts,
  JsonLdContextError,
  JsonLdProcessingError,
} from '../../../lib/jsonld/index.ts'
import type { ResolvedVerificationMethod } from '../types.ts'
import { computeHashData, ProofContextMismatch } from './compute-hash-data.ts'
import { cryptosuites } from './cryptosuites.ts'
import {
  type CryptosuiteName,
  type Refusal,
  refuse,
  type VerifiedProof,
} from './data-integrity-codes.ts'
import { decodeProofValue } from './decode-proof-value.ts'
import type { ParsedProof } from './parse-proof.ts'
import type { VerifyDataIntegrityOptions } from './verify-data-integrity.ts'

/** The public options with their defaults applied: the skew given, the allowed suites as a set. */
export type ProofCheckOptions = Omit<
  VerifyDataIntegrityOptions,
  'clockSkewMs' | 'allowedCryptosuites'
> & {
  clockSkewMs: number
  allowedCryptosuites: ReadonlySet<CryptosuiteName>
}

export type ProofCheck =
  | { ok: true; proof: VerifiedProof; method: ResolvedVerificationMethod }
  | Refusal

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every((v) => right.has(v))
}

/**
 * Verifies `proof` over `unsecuredDocument` (the document without `proof`, carrying the previous
 * proofs when `proof` names some). Cheap checks come first, so a refused proof costs no
 * canonicalization; never throws for bad input.
 */
export async function verifyProof(
  unsecuredDocument: Record<string, unknown>,
  proof: ParsedProof,
  options: ProofCheckOptions,
): Promise<ProofCheck> {
  // §4.4 step 5–7: purpose, domain, challenge.
  if (proof.proofPurpose !== options.expectedProofPurpose) {
    return refuse(
      'w3c.proof_purpose_mismatch',
      `proof purpose is ${proof.proofPurpose}, expected ${options.expectedProofPurpose}`,
    )
  }
  if (options.domain !== undefined) {
    const expected = typeof options.domain === 'string' ? [options.domain] : options.domain
    if (proof.domain === undefined || !sameSet(expected, proof.domain)) {
      return refuse('w3c.domain_mismatch', 'proof `domain` is not the expected domain')
    }
  }
  if (options.challenge !== undefined && proof.challenge !== options.challenge) {
    return refuse('w3c.challenge_mismatch', 'proof `challenge` is not the expected challenge')
  }

  // The cryptosuite: closed to DataIntegrityProof and the allowed suites.
  if (proof.type !== 'DataIntegrityProof') {
    return refuse('w3c.proof_type_unsupported', `proof type ${proof.type} is not supported`)
  }
  const suite = proof.cryptosuite === undefined ? undefined : cryptosuites.get(proof.cryptosuite)
  if (suite === undefined || !options.allowedCryptosuites.has(suite.name)) {
    return refuse(
      'w3c.cryptosuite_unsupported',
      `cryptosuite ${proof.cryptosuite ?? '(none)'} is not supported`,
    )
  }
  if (proof.proofValue === undefined)
    return refuse('w3c.proof_malformed', 'proof has no proofValue')
  const signature = decodeProofValue(proof.proofValue)
  if (signature === undefined) {
    return refuse('w3c.proof_malformed', 'proofValue is not a base58-btc Multibase value')
  }
  if (proof.expires !== undefined && proof.expires.ms <= options.nowMs - options.clockSkewMs) {
    return refuse('w3c.proof_expired', `proof expired at ${proof.expires.text}`)
  }
  if (proof.created !== undefined && proof.created.ms > options.nowMs + options.clockSkewMs) {
    return refuse('w3c.proof_not_yet_valid', `proof created in the future (${proof.created.text})`)
  }

  // Retrieve the verification method (CID 1.0 §3.3) and check it may serve this purpose.
  let method: ResolvedVerificationMethod
  try {
    method = await options.resolveVerificationMethod(proof.verificationMethod)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return refuse(
      'w3c.verification_method_unresolvable',
      `verification method ${proof.verificationMethod} could not be resolved: ${reason}`,
    )
  }
  if (method.id !== proof.verificationMethod) {
    return refuse(
      'w3c.verification_method_unresolvable',
      `resolving ${proof.verificationMethod} answered a different method (${method.id})`,
    )
  }
  if (!method.relationships.has(options.expectedProofPurpose)) {
    return refuse(
      'w3c.verification_method_not_authorised',
      `${method.id} is not listed under ${options.expectedProofPurpose} by its controller`,
    )
  }
  const key = suite.keyUse(method.publicKey)
  if (key === undefined) {
    return refuse(
      'w3c.verification_method_unsuitable',
      `the key of ${method.id} cannot be used with ${suite.name}`,
    )
  }
  if (signature.length !== key.signatureLength) {
    return refuse(
      'w3c.proof_invalid',
      `signature is ${signature.length} bytes, not ${key.signatureLength}`,
    )
  }

  let hashData: Buffer
  try {
    await checkDocumentContexts(unsecuredDocument, options.documentLoader)
    await checkDocumentContexts(proof.options, options.documentLoader)
    const computed = await computeHashData(
      suite,
      key,
      unsecuredDocument,
      proof.options,
      options.documentLoader,
    )
    hashData = computed.hashData
  } catch (error) {
    if (error instanceof JsonLdContextError) return refuse(error.code, error.message)
    if (error instanceof JsonLdProcessingError) return refuse(error.code, error.message)
    if (error instanceof ProofContextMismatch) return refuse('w3c.proof_invalid', error.message)
    if (error instanceof TypeError) return refuse('w3c.proof_malformed', error.message)
    throw error
  }
  if (!key.verify(hashData, signature)) {
    return refuse('w3c.proof_invalid', `the ${suite.name} signature does not verify`)
  }
  return { ok: true, proof: summary(proof, suite.name), method }
}

function summary(proof: ParsedProof, cryptosuite: CryptosuiteName): VerifiedProof {
  const out: VerifiedProof = {
    type: 'DataIntegrityProof',
    cryptosuite,
    verificationMethod: proof.verificationMethod,
    proofPurpose: proof.proofPurpose,
  }
  if (proof.created !== undefined) out.created = proof.created.text
  if (proof.expires !== undefined) out.expires = proof.expires.text
  if (proof.id !== undefined) out.id = proof.id
  if (proof.challenge !== undefined) out.challenge = proof.challenge
  if (proof.domain !== undefined) out.domain = proof.domain
  return out
}
