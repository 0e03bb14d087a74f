// Verifies holder key binding (RFC 9901 §7.3 step 5): KB-JWT required by `cnf`, signed by it, fresh, for us.

import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import { checkTimeWindow } from '../../lib/check-time-window.ts'
import { decodeCompactJws } from '../../lib/jws/decode-compact-jws.ts'
import { isAllowedAlgorithm } from '../../lib/jws/is-allowed-algorithm.ts'
import { normalizeTyp } from '../../lib/jws/normalize-typ.ts'
import { hasPrivateMembers, publicJwk } from '../../lib/jws/public-jwk.ts'
import { publicKeyOfJwk } from '../../lib/jws/public-key-cache.ts'
import { verifyCompactJwsSignature } from '../../lib/jws/verify-compact-jws.ts'
import { isPlainObject } from '../../lib/parse-json.ts'
import type { CheckList } from '../../report/check-list.ts'
import { type Clock, toSeconds } from '../../util/clock.ts'
import { type SdHashAlgorithm, sdDigest } from './hash-algorithms.ts'
import { recordFailure } from './record-failure.ts'

export interface KeyBindingInput {
  kbJwt: string | undefined
  /** The presented SD-JWT up to and including the last `~`. */
  sdHashInput: string
  sdAlg: SdHashAlgorithm
  /** The `cnf` claim of the credential, if any. */
  cnf: unknown
}

export interface KeyBindingOptions {
  clock: Clock
  policy: VerifyPolicy
  limits: VerifyLimits
  expectedNonce?: string
  expectedAudience?: string
  stage?: 'presentation' | 'issuance'
}

export interface KeyBindingResult {
  verified: boolean
  header?: Record<string, unknown>
  payload?: Record<string, unknown>
}

/**
 * Records `kb.binding`. A `cnf` makes the KB-JWT mandatory whatever the caller passed, and a
 * KB-JWT is checked against the verifier's own nonce and audience, which must therefore be given.
 * `aud` must be the expected audience, or an array holding exactly that one value: a token
 * addressed to several audiences could be replayed by any of them.
 */
export function verifyKeyBinding(
  input: KeyBindingInput,
  options: KeyBindingOptions,
  checks: CheckList,
): KeyBindingResult {
  const { kbJwt, cnf } = input
  if (options.stage === 'issuance') {
    if (kbJwt !== undefined) {
      recordFailure(checks, 'kb.unexpected', 'an SD-JWT as issued carries no KB-JWT')
    } else {
      checks.pass('kb.binding', 'SD-JWT as issued: key binding is proven when it is presented')
    }
    return { verified: false }
  }
  if (cnf === undefined) {
    if (kbJwt !== undefined) {
      recordFailure(
        checks,
        'kb.unexpected',
        'a KB-JWT is presented but the credential binds no holder key (`cnf`)',
      )
    } else {
      checks.pass('kb.binding', 'no `cnf`: the credential is not holder-bound and has no KB-JWT')
    }
    return { verified: false }
  }
  if (kbJwt === undefined) {
    recordFailure(
      checks,
      'kb.missing',
      'the credential binds a holder key (`cnf`) but the presentation has no KB-JWT',
    )
    return { verified: false }
  }

  let failed = false
  if (options.expectedNonce === undefined) {
    failed = true
    recordFailure(
      checks,
      'input.nonce_required',
      'a KB-JWT is presented but no expected nonce was given',
    )
  }
  if (options.expectedAudience === undefined) {
    failed = true
    recordFailure(
      checks,
      'input.aud_required',
      'a KB-JWT is presented but no expected audience was given',
    )
  }

  const jwk = isPlainObject(cnf) && isPlainObject(cnf.jwk) ? cnf.jwk : undefined
  const holderKey = jwk !== undefined && !hasPrivateMembers(jwk) ? publicJwk(jwk) : undefined
  if (jwk === undefined || holderKey === undefined) {
    recordFailure(
      checks,
      'kb.cnf_unsupported',
      jwk === undefined
        ? '`cnf` holds no `jwk`; other confirmation methods are not supported'
        : hasPrivateMembers(jwk)
          ? '`cnf.jwk` contains private key members'
          : '`cnf.jwk` is not an EC, OKP or RSA public key',
    )
    return { verified: false }
  }

  const decoded = decodeCompactJws(kbJwt, options.limits.maxJsonDepth)
  if (!decoded.ok) {
    recordFailure(
      checks,
      decoded.reason === 'depth' ? 'input.too_large' : 'kb.malformed',
      `KB-JWT: ${decoded.message}`,
    )
    return { verified: false }
  }
  const { header, payload } = decoded.jws
  const rejected: KeyBindingResult = { verified: false, header, payload }

  if (normalizeTyp(header.typ) !== 'kb+jwt') {
    recordFailure(
      checks,
      'kb.typ_invalid',
      `KB-JWT typ ${JSON.stringify(header.typ)} is not kb+jwt`,
    )
    return rejected
  }
  if (!isAllowedAlgorithm(header.alg, options.policy)) {
    recordFailure(
      checks,
      'kb.alg_not_allowed',
      `KB-JWT alg ${JSON.stringify(header.alg)} is not one of ${options.policy.allowedAlgorithms.join(', ')}`,
    )
    return rejected
  }
  if (Object.hasOwn(header, 'crit')) {
    recordFailure(
      checks,
      'kb.malformed',
      `the KB-JWT marks ${JSON.stringify(header.crit)} critical; none is understood`,
    )
    return rejected
  }
  const alg = header.alg
  let verification: ReturnType<typeof verifyCompactJwsSignature>
  try {
    verification = verifyCompactJwsSignature(kbJwt, alg, publicKeyOfJwk(holderKey))
  } catch (error) {
    verification = { ok: false, reason: 'key', message: (error as Error).message }
  }
  if (!verification.ok) {
    recordFailure(
      checks,
      'kb.signature_invalid',
      verification.reason === 'signature'
        ? `the KB-JWT signature does not verify with \`cnf.jwk\` (${alg})`
        : `the KB-JWT cannot be verified with \`cnf.jwk\` (${alg}): ${verification.message}`,
    )
    return rejected
  }

  const expectedSdHash = sdDigest(input.sdHashInput, input.sdAlg)
  if (payload.sd_hash !== expectedSdHash) {
    failed = true
    recordFailure(
      checks,
      'kb.sd_hash_mismatch',
      typeof payload.sd_hash === 'string'
        ? `KB-JWT sd_hash ${payload.sd_hash} is not ${input.sdAlg} of the presented SD-JWT (${expectedSdHash})`
        : 'the KB-JWT has no string `sd_hash`',
    )
  }
  if (options.expectedNonce !== undefined && payload.nonce !== options.expectedNonce) {
    failed = true
    recordFailure(
      checks,
      'kb.nonce_mismatch',
      payload.nonce === undefined
        ? 'the KB-JWT has no `nonce`'
        : `KB-JWT nonce ${JSON.stringify(payload.nonce)} is not the expected ${JSON.stringify(options.expectedNonce)}`,
    )
  }
  if (
    options.expectedAudience !== undefined &&
    !audienceMatches(payload.aud, options.expectedAudience)
  ) {
    failed = true
    recordFailure(
      checks,
      'kb.aud_mismatch',
      payload.aud === undefined
        ? 'the KB-JWT has no `aud`'
        : `KB-JWT aud ${JSON.stringify(payload.aud)} is not ${JSON.stringify(options.expectedAudience)}`,
    )
  }
  const nowSec = toSeconds(options.clock.now())
  const { clockSkewSec, kbMaxAgeSec } = options.policy
  const iat = payload.iat
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    failed = true
    recordFailure(checks, 'kb.iat_invalid', 'the KB-JWT has no numeric `iat`')
  } else if (iat > nowSec + clockSkewSec) {
    failed = true
    recordFailure(checks, 'kb.iat_invalid', `KB-JWT iat ${iat} lies ${iat - nowSec}s in the future`)
  } else if (nowSec - iat > kbMaxAgeSec + clockSkewSec) {
    failed = true
    recordFailure(
      checks,
      'kb.iat_invalid',
      `the KB-JWT was made ${nowSec - iat}s ago, longer than the allowed ${kbMaxAgeSec}s`,
    )
  }
  const window = checkTimeWindow({ nbf: payload.nbf, exp: payload.exp }, nowSec, clockSkewSec)
  if (!window.ok) {
    failed = true
    recordFailure(checks, 'kb.time_invalid', `KB-JWT ${window.message}`)
  }
  if (failed) return rejected
  checks.pass('kb.binding', `KB-JWT signed by the \`cnf\` key (${alg}) for this nonce and audience`)
  return { verified: true, header, payload }
}

function audienceMatches(aud: unknown, expected: string): boolean {
  if (typeof aud === 'string') return aud === expected
  return Array.isArray(aud) && aud.length === 1 && aud[0] === expected
}
