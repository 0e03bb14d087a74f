// The suites' transformation, proof configuration and hashing steps: hash(proof config) ‖ hash(document).
import { hash } from 'node:crypto'
import { canonizeRdfc, type DocumentLoader } from '../../../lib/jsonld/index.ts'
import { canonicalJson } from '../../../log/canonical-json.ts'
import type { Cryptosuite, SuiteKey } from './cryptosuites.ts'

/** The intermediate values of the algorithms, as the W3C test vectors publish them. */
export interface HashData {
  canonicalDocument: string
  canonicalProofConfig: string
  documentHash: Buffer
  proofConfigHash: Buffer
  hashData: Buffer
}

/** A JCS proof whose `@context` is not a prefix of the document's (vc-di-eddsa §3.3.2 step 4). */
export class ProofContextMismatch extends Error {
  constructor() {
    super("the proof's @context does not start the document's @context")
    this.name = 'ProofContextMismatch'
  }
}

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

/** Whether `documentContext` starts with every value of `proofContext`, in order. */
function startsWith(documentContext: unknown, proofContext: unknown): boolean {
  const whole = asList(documentContext)
  const prefix = asList(proofContext)
  if (prefix.length > whole.length) return false
  return prefix.every((value, i) => canonicalJson(value) === canonicalJson(whole[i]))
}

/**
 * Runs the transformation, proof configuration and hashing steps of the suite on
 * `unsecuredDocument` and the proof options (the proof without `proofValue`).
 *
 * RDFC suites (vc-di-eddsa §3.2.2–3.2.5, vc-di-ecdsa §3.2.2–3.2.5): the proof configuration takes
 * the document's `@context`, both are canonicalized with RDFC-1.0 in safe mode.
 * JCS suites (§3.3.2–3.3.5): a proof `@context` must start the document's and then replaces it;
 * both are canonicalized with RFC 8785.
 * Throws JsonLdContextError / JsonLdProcessingError for RDFC failures, ProofContextMismatch.
 */
export async function computeHashData(
  suite: Cryptosuite,
  key: Pick<SuiteKey, 'hash' | 'rdfcDigest'>,
  unsecuredDocument: Record<string, unknown>,
  proofOptions: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<HashData> {
  let canonicalDocument: string
  let canonicalProofConfig: string
  if (suite.canonicalization === 'rdfc') {
    const proofConfig = { ...proofOptions, '@context': unsecuredDocument['@context'] }
    const options = { documentLoader, messageDigestAlgorithm: key.rdfcDigest }
    canonicalDocument = await canonizeRdfc(unsecuredDocument, options)
    canonicalProofConfig = await canonizeRdfc(proofConfig, options)
  } else {
    let document = unsecuredDocument
    if (proofOptions['@context'] !== undefined) {
      if (!startsWith(unsecuredDocument['@context'], proofOptions['@context'])) {
        throw new ProofContextMismatch()
      }
      document = { ...unsecuredDocument, '@context': proofOptions['@context'] }
    }
    canonicalDocument = canonicalJson(document)
    canonicalProofConfig = canonicalJson(proofOptions)
  }
  const proofConfigHash = hash(key.hash, canonicalProofConfig, 'buffer')
  const documentHash = hash(key.hash, canonicalDocument, 'buffer')
  return {
    canonicalDocument,
    canonicalProofConfig,
    documentHash,
    proofConfigHash,
    hashData: Buffer.concat([proofConfigHash, documentHash]),
  }
}
