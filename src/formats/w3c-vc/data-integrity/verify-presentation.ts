// Verifies a verifiable presentation secured with Data Integrity: the holder's authentication proof and what it carries.
import { isPlainObject } from '../../../lib/parse-json.ts'
import { VCDM1_CONTEXT, VCDM2_CONTEXT } from '../data-model.ts'
import { documentKindOf, holderIdOf } from '../types.ts'
import {
  type DataIntegrityCode,
  type DataIntegrityResult,
  dataIntegrityLimits,
} from './data-integrity-codes.ts'
import { type VerifyDataIntegrityOptions, verifyDataIntegrity } from './verify-data-integrity.ts'

/** VCDM 2.0 §4.3 and VCDM 1.1 §4.1: the first `@context` of a presentation of either version. */
const dataModelContexts = [VCDM2_CONTEXT, VCDM1_CONTEXT]

export interface VerifyPresentationOptions
  extends Omit<VerifyDataIntegrityOptions, 'expectedProofPurpose' | 'challenge'> {
  /** The verifier's nonce: the proof's `challenge` must be it (vc-data-integrity §2.1). */
  challenge: string
}

export type DataIntegrityPresentationCode =
  | DataIntegrityCode
  | 'w3c.document_invalid'
  | 'w3c.key_not_holder'
  | 'w3c.limit_exceeded'

export type DataIntegrityPresentationResult =
  | {
      ok: true
      /** The holder: `holder` as stated, or the controller of the authentication key when absent. */
      holder: string
      holderStated: boolean
      proof: Extract<DataIntegrityResult, { ok: true }>
      /** `verifiableCredential`, each still to be verified as a credential on its own. */
      credentials: unknown[]
    }
  | { ok: false; code: DataIntegrityPresentationCode; message: string }

/**
 * Verifies the presentation's proofs for `authentication` with the verifier's challenge (and
 * domain, when given), and that the key's controller is the stated holder (VCDM 2.0 §4.13: the
 * holder is the one that generated the presentation). The credentials are returned unverified;
 * each is a secured document in its own right.
 */
export async function verifyDataIntegrityPresentation(
  document: unknown,
  options: VerifyPresentationOptions,
): Promise<DataIntegrityPresentationResult> {
  if (!isPlainObject(document) || documentKindOf(document) !== 'vp') {
    return invalid('the document is not a verifiable presentation')
  }
  const context = document['@context']
  const first = Array.isArray(context) ? context[0] : context
  if (typeof first !== 'string' || !dataModelContexts.includes(first)) {
    return invalid(`the first @context is ${JSON.stringify(first)}, not a VC Data Model context`)
  }
  const stated = document.holder === undefined ? undefined : holderIdOf(document)
  if (document.holder !== undefined && stated === undefined) {
    return invalid('`holder` is neither a URL nor an object with an id')
  }
  const presented = document.verifiableCredential
  const credentials =
    presented === undefined ? [] : Array.isArray(presented) ? presented : [presented]
  if (credentials.length > dataIntegrityLimits.maxPresentedCredentials) {
    return {
      ok: false,
      code: 'w3c.limit_exceeded',
      message: `the presentation carries more than ${dataIntegrityLimits.maxPresentedCredentials} credentials`,
    }
  }

  const proof = await verifyDataIntegrity(document, {
    ...options,
    expectedProofPurpose: 'authentication',
  })
  if (!proof.ok) return proof
  // Every proof of a set must come from the holder: a co-signer is not the holder.
  const controllers = new Set(proof.proofs.map((p) => p.method.controller))
  const holder = stated ?? proof.method.controller
  if (controllers.size !== 1 || !controllers.has(holder)) {
    return {
      ok: false,
      code: 'w3c.key_not_holder',
      message: `the presentation is signed by ${[...controllers].join(', ')}, not its holder ${holder}`,
    }
  }
  return { ok: true, holder, holderStated: stated !== undefined, proof, credentials }
}

const invalid = (message: string): DataIntegrityPresentationResult => ({
  ok: false,
  code: 'w3c.document_invalid',
  message,
})
