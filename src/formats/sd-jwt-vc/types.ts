// The options and the result of SD-JWT VC verification.
import type { KeyObject } from 'node:crypto'
import type { CryptoKey, JWK } from 'jose'
import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import type { Clock } from '../../util/clock.ts'
import type { SdHashAlgorithm } from './hash-algorithms.ts'

/** A key given by value instead of resolved from `x5c`. */
export type IssuerKey = JWK | CryptoKey | KeyObject

export interface VerifySdJwtVcOptions {
  clock: Clock
  policy: VerifyPolicy
  limits: VerifyLimits
  /** The `nonce` the KB-JWT must carry; required whenever one is presented. */
  expectedNonce?: string
  /** The `aud` the KB-JWT must carry; required whenever one is presented. */
  expectedAudience?: string
  /** Overrides key resolution (for spec vectors that publish the issuer key as a JWK). Default: the public key of x5c[0]. */
  issuerKey?: IssuerKey
  /** Accept `typ` values other than dc+sd-jwt / vc+sd-jwt (RFC 9901 vectors use `example+sd-jwt`); default false. */
  allowAnyTyp?: boolean
  /**
   * `presentation` (default): a verifier receiving an SD-JWT from a holder; a `cnf` makes a KB-JWT
   * mandatory. `issuance`: the SD-JWT as an issuer hands it to the holder (wallet side, issuer
   * conformance); key binding is proven only later, so a KB-JWT must be absent.
   */
  stage?: 'presentation' | 'issuance'
}

/** One Disclosure as presented, and where its claim landed in the processed claims. */
export interface SdJwtDisclosure {
  /** The base64url Disclosure exactly as presented. */
  encoded: string
  /** base64url(hash(encoded)) with `_sd_alg`: the value the issuer-signed JWT references. */
  digest: string
  salt: string
  /** The claim name of an object-property Disclosure; absent for an array-element Disclosure. */
  name?: string
  value: unknown
  /** Path of the disclosed value in `claims` (property names and array indexes). */
  path: (string | number)[]
}

/** `status.status_list` as the credential states it; the status step validates it. */
export interface StatusListReference {
  idx: unknown
  uri: unknown
}

export interface SdJwtVcVerification {
  serialization: 'compact' | 'json-flattened' | 'json-general'
  /** The issuer JWT protected header. */
  header: Record<string, unknown>
  /** The issuer-signed payload as signed (digests, `_sd`, `_sd_alg` still in place). */
  payload: Record<string, unknown>
  /** The processed payload: disclosed claims in place; `_sd`, `_sd_alg`, `...` and decoys gone. */
  claims: Record<string, unknown>
  disclosures: SdJwtDisclosure[]
  /** `_sd_alg`, or its default `sha-256`. */
  sdAlg: SdHashAlgorithm
  /** The `x5c` header certificates, DER, leaf first; empty when the header has none. */
  x5c: Uint8Array[]
  /** Where the key that verified the issuer signature came from. */
  issuerKeySource: 'x5c' | 'issuerKey'
  iss?: string
  vct?: string
  cnf?: Record<string, unknown>
  /**
   * The status reference when the credential has a `status` claim. A `status` without a usable
   * `status_list` object yields `{idx: undefined, uri: undefined}`, which the status step rejects:
   * a status the verifier cannot check is not taken as "valid".
   */
  status?: StatusListReference
  /** True only when a KB-JWT was presented and every key binding check passed. */
  keyBindingVerified: boolean
  kbJwtHeader?: Record<string, unknown>
  kbJwtPayload?: Record<string, unknown>
}
