// The inputs and outcome of X.509 path validation, shared by the validator and its callers.
import type { webcrypto } from 'node:crypto'
import type { X509Certificate } from './x509-library.ts'

/** A trust anchor as the registry holds it: a CA certificate and the id of its digital identity. */
export interface TrustAnchorInput {
  id: string
  der: Uint8Array
}

export interface PathValidationOptions {
  /** The validation time, in milliseconds since the epoch (from the caller's clock). */
  atMs: number
  /** Most certificates `x5c` may hold, the anchor copy included (config `maxX5cCertificates`). */
  maxCertificates: number
}

export type PathFailureCode = 'trust.chain_invalid' | 'trust.anchor_unknown' | 'trust.cert_expired'

export interface PathSuccess {
  ok: true
  /** The registry id of the anchor the path ends in (the first, if the same CA is registered twice). */
  anchorId: string
  /** Every registry id registered with exactly that anchor certificate. */
  anchorIds: string[]
  /** The validated path, leaf first, ending with the registry's own copy of the anchor. */
  path: X509Certificate[]
  /** SHA-256 fingerprints of `path`, same order, lower-case hex. */
  fingerprints: string[]
  /**
   * The leaf's public key, imported for the algorithm its SubjectPublicKeyInfo names (ECDSA with
   * its curve, Ed25519, or RSASSA-PKCS1-v1_5). An RSA-PSS verifier imports `path[0].publicKey.rawData`
   * (the SPKI) itself.
   */
  leafPublicKey: webcrypto.CryptoKey
  /** The window in which every certificate of the path is valid: the result holds throughout it. */
  validFromMs: number
  validUntilMs: number
}

export interface PathFailure {
  ok: false
  code: PathFailureCode
  /** Which certificate, and which rule: written for the report a relying party reads. */
  message: string
}

export type PathResult = PathSuccess | PathFailure
