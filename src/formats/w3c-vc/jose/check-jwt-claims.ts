// Checks the JWT claims beside a VCDM 2.0 document (VC-JOSE-COSE §3.1.3), its validity window, and a presentation's nonce and audience.
import { checkTimeWindow } from '../../../lib/check-time-window.ts'
import { isPlainObject } from '../../../lib/parse-json.ts'
import { toSeconds } from '../../../util/clock.ts'
import type { DocumentKind } from '../types.ts'
import type { ResolvedOptions } from './resolved-options.ts'
import { VcJoseError } from './vc-jose-error.ts'

/**
 * VC-JOSE-COSE §1.1.2.1 and §3.1.3: the claims `vc` and `vp` MUST NOT be present; `iss`, when
 * present, MUST match the issuer (§4.1.2), and here the holder of a presentation. `jti` and `sub`
 * SHOULD NOT conflict with `id` and `credentialSubject.id`; a conflict is refused, because it
 * leaves two answers to which credential, or whose, this is.
 */
export function checkVcJoseClaims(
  payload: Record<string, unknown>,
  kind: DocumentKind,
  signerId: string | undefined,
): void {
  for (const name of ['vc', 'vp'] as const) {
    if (Object.hasOwn(payload, name))
      throw new VcJoseError(
        'w3c.claims_forbidden',
        `the JWT claim \`${name}\` must not be present in a ${kind}+jwt (VC-JOSE-COSE §3.1.3)`,
      )
  }
  if (payload.iss !== undefined && payload.iss !== signerId)
    throw new VcJoseError(
      'w3c.jwt_claims_mismatch',
      `iss ${JSON.stringify(payload.iss)} is not the ${kind === 'vc' ? 'issuer' : 'holder'} ${JSON.stringify(signerId)}`,
    )
  if (payload.jti !== undefined && payload.id !== undefined && payload.jti !== payload.id)
    throw new VcJoseError(
      'w3c.jwt_claims_mismatch',
      `jti ${JSON.stringify(payload.jti)} is not the id`,
    )
  const subject = payload.credentialSubject
  if (
    kind === 'vc' &&
    payload.sub !== undefined &&
    isPlainObject(subject) &&
    subject.id !== undefined
  ) {
    if (subject.id !== payload.sub)
      throw new VcJoseError(
        'w3c.jwt_claims_mismatch',
        `sub ${JSON.stringify(payload.sub)} is not credentialSubject.id`,
      )
  }
}

export interface TimeClaims {
  iat?: unknown
  nbf?: unknown
  exp?: unknown
}

/**
 * RFC 7519 §4.1.4/§4.1.5 restrict when a token may be accepted: `nbf` and `exp` must be
 * NumericDates. `iat` only states when the signature was made (§4.1.6; VC-JOSE-COSE §3.1.3); the
 * W3C test suite's credentials carry it as an RFC 3339 string, so a non-numeric `iat` is noted and
 * left out, while a numeric one in the future is refused.
 */
export function checkTimeClaims(
  claims: TimeClaims,
  options: ResolvedOptions,
  warnings: string[],
): void {
  for (const name of ['nbf', 'exp'] as const) {
    const value = claims[name]
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value)))
      throw new VcJoseError('w3c.time_claim_invalid', `\`${name}\` is not a NumericDate`)
  }
  let iat = claims.iat
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) {
    warnings.push(
      `\`iat\` ${JSON.stringify(iat).slice(0, 40)} is not a NumericDate and was ignored`,
    )
    iat = undefined
  }
  const window = checkTimeWindow(
    { iat, nbf: claims.nbf, exp: claims.exp },
    toSeconds(options.nowMs),
    options.clockSkewSec,
  )
  if (window.ok) return
  const code =
    window.code === 'time.expired'
      ? 'w3c.expired'
      : window.code === 'time.not_yet_valid'
        ? 'w3c.not_yet_valid'
        : 'w3c.time_claim_invalid'
  throw new VcJoseError(code, window.message)
}

/**
 * Replay protection for a presentation. VCDM 1.1 §6.3.1 carries it in `nonce` and `aud`; VCDM 2.0
 * and VC-JOSE-COSE leave it to the protocol, and OpenID4VP puts the same claims in the JWS
 * payload, so they are read there. A presentation that carries either is refused when the
 * verifier did not say what to expect, so that a check cannot be skipped by omission.
 */
export function checkPresentationBinding(
  claims: { nonce?: unknown; aud?: unknown },
  options: ResolvedOptions,
): void {
  const { expectedNonce, expectedAudience } = options
  if (expectedNonce === undefined) {
    if (claims.nonce !== undefined)
      throw new VcJoseError(
        'w3c.nonce_required',
        'the presentation carries a nonce but no expected nonce was supplied',
      )
  } else if (claims.nonce !== expectedNonce) {
    throw new VcJoseError(
      'w3c.nonce_mismatch',
      claims.nonce === undefined
        ? 'the presentation carries no nonce'
        : 'the presentation nonce is not the expected one',
    )
  }
  const aud = claims.aud
  if (expectedAudience === undefined) {
    if (aud !== undefined)
      throw new VcJoseError(
        'w3c.aud_required',
        'the presentation names an audience but no expected audience was supplied',
      )
    return
  }
  const audiences = Array.isArray(aud) ? aud : [aud]
  if (!audiences.includes(expectedAudience))
    throw new VcJoseError(
      'w3c.aud_mismatch',
      aud === undefined
        ? 'the presentation names no audience'
        : `the presentation audience ${JSON.stringify(aud).slice(0, 200)} is not ${expectedAudience}`,
    )
}
