// The options and results of verifying W3C credentials and presentations secured with JOSE or COSE.
import { defaultLimits } from '../../../config.ts'
import type { IssuerKeyReference, ResolveVerificationMethod } from '../types.ts'
import type { VcJoseCode } from './vc-jose-error.ts'

export interface VcJoseLimits {
  /** Largest secured credential or presentation accepted, in bytes (as text, or as COSE bytes). */
  maxInputBytes: number
  /** Deepest nesting of JSON objects and arrays in a header or payload. */
  maxJsonDepth: number
  maxX5cCertificates: number
  maxCborDepth: number
  maxCborItems: number
  /** Most enveloped credentials one presentation may carry. */
  maxEnvelopedCredentials: number
  /** Deepest nesting of secured documents: 1 = a credential or presentation on its own, 2 = a presentation's credentials. */
  maxEnvelopedDepth: number
  /** Longest `kid` accepted, in characters. */
  maxKidLength: number
}

export const defaultVcJoseLimits: VcJoseLimits = {
  maxInputBytes: defaultLimits.maxInputBytes,
  maxJsonDepth: defaultLimits.maxJsonDepth,
  maxX5cCertificates: defaultLimits.maxX5cCertificates,
  maxCborDepth: defaultLimits.maxCborDepth,
  maxCborItems: defaultLimits.maxCborItems,
  maxEnvelopedCredentials: 32,
  maxEnvelopedDepth: 2,
  maxKidLength: 2048,
}

/** What a verifier of another securing mechanism says about one enveloped credential. */
export type EnvelopedCredentialResult =
  | { ok: true; credential: Record<string, unknown>; detail?: unknown }
  | { ok: false; code: string; message: string }

/**
 * Verifies an enveloped credential of a media type this module does not secure itself (e.g.
 * `application/vc+sd-jwt`). `data` is the decoded content of the `data:` URL.
 */
export type VerifyEnvelopedCredential = (
  mediaType: string,
  data: Uint8Array,
) => EnvelopedCredentialResult | Promise<EnvelopedCredentialResult>

export interface VerifyVcJoseCoseOptions {
  resolveVerificationMethod: ResolveVerificationMethod
  /** JWS algorithm names accepted (COSE algorithms are matched by their JOSE names); `none` and MACs never. */
  allowedAlgorithms: readonly string[]
  nowMs: number
  clockSkewSec: number
  /** The `nonce` a presentation must carry; a presentation carrying one is refused without it. */
  expectedNonce?: string
  /** The `aud` a presentation must name; a presentation carrying one is refused without it. */
  expectedAudience?: string
  /** Verifies enveloped credentials of other media types; without it they are refused. */
  verifyEnvelopedCredential?: VerifyEnvelopedCredential
  limits?: Partial<VcJoseLimits>
}

export type VcJoseMechanism =
  | 'vc+jwt'
  | 'vp+jwt'
  | 'vc+cose'
  | 'vp+cose'
  | 'jwt-vc-1.1'
  | 'jwt-vp-1.1'

/** One credential a verified presentation carried, verified with the same rules. */
export interface EnvelopedCredential {
  /** The media type of its `data:` URL (`application/vc+jwt`, …), or `application/jwt` for a VC 1.1 JWT. */
  mediaType: string
  credential: Record<string, unknown>
  /** Present when this module verified it (JOSE or COSE); absent when `verifyEnvelopedCredential` did. */
  verification?: VcJoseVerification
  detail?: unknown
}

export interface VcJoseVerification {
  ok: true
  mechanism: VcJoseMechanism
  /**
   * The verified document: the credential, or for a presentation the presentation. For VC 1.1
   * JWTs it is the `vc`/`vp` claim with the JWT claims applied (VCDM 1.1 §6.3.1 decoding).
   */
  credential: Record<string, unknown>
  /** The key that signed: the issuer's for a credential, the holder's for a presentation. */
  issuerKey: IssuerKeyReference
  /** The JOSE protected header, or the COSE protected header with its labels as strings. */
  header: Record<string, unknown>
  /** For presentations: the holder the signer was bound to, and every credential, verified. */
  presentation?: { holder: string; credentials: EnvelopedCredential[] }
  /** Deviations tolerated and noted, e.g. an `iat` that is not a NumericDate. */
  warnings: string[]
}

export interface VcJoseFailure {
  ok: false
  code: VcJoseCode
  message: string
  /** For `w3c.enveloped_invalid`: the code and message of the enveloped credential's failure. */
  inner?: { code: string; message: string }
}

export type VcJoseResult = VcJoseVerification | VcJoseFailure
