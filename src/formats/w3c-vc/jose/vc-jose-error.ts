// The failures of VC-JOSE-COSE and VC 1.1 JWT verification, each with a stable code.

/** Every way a JOSE- or COSE-secured credential or presentation can fail here. */
export type VcJoseCode =
  | 'w3c.input_too_large'
  | 'w3c.jose_malformed'
  | 'w3c.cose_malformed'
  | 'w3c.alg_not_allowed'
  | 'w3c.crit_unsupported'
  | 'w3c.typ_invalid'
  | 'w3c.signature_invalid'
  | 'w3c.key_unresolvable'
  | 'w3c.key_invalid'
  | 'w3c.jwk_private'
  | 'w3c.key_not_issuer'
  | 'w3c.key_not_holder'
  | 'w3c.key_not_authorised'
  | 'w3c.document_invalid'
  | 'w3c.claims_forbidden'
  | 'w3c.jwt_claims_mismatch'
  | 'w3c.time_claim_invalid'
  | 'w3c.expired'
  | 'w3c.not_yet_valid'
  | 'w3c.nonce_required'
  | 'w3c.nonce_mismatch'
  | 'w3c.aud_required'
  | 'w3c.aud_mismatch'
  | 'w3c.enveloped_invalid'
  | 'w3c.enveloped_unsupported'
  | 'w3c.limit_exceeded'

/** Thrown inside this folder only; the public functions turn it into `{ ok: false }`. */
export class VcJoseError extends Error {
  readonly code: VcJoseCode
  /** For `w3c.enveloped_invalid`: why the enveloped credential failed. */
  readonly inner?: { code: string; message: string }

  constructor(code: VcJoseCode, message: string, inner?: { code: string; message: string }) {
    super(message)
    this.name = 'VcJoseError'
    this.code = code
    if (inner !== undefined) this.inner = inner
  }
}
