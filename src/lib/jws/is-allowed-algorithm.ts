// Whether a JWS `alg` may be accepted: listed by the policy, supported, and never `none` or a MAC.
import type { VerifyPolicy } from '../../config.ts'
import { supportedJwsAlgorithms } from './verify-jws-signature.ts'

/** `none` and the HMAC family are refused even if a policy lists them: a verifier holds no shared secret. */
export function isAllowedAlgorithm(
  alg: unknown,
  policy: Pick<VerifyPolicy, 'allowedAlgorithms'>,
): alg is string {
  if (typeof alg !== 'string' || alg === 'none' || /^HS\d+$/i.test(alg)) return false
  return policy.allowedAlgorithms.includes(alg) && supportedJwsAlgorithms.includes(alg)
}
