// Verifies the issuer JWT signature (RFC 7515 §5.2) with the resolved issuer key.
import { toPublicKeyObject } from '../../lib/jws/to-public-key-object.ts'
import { verifyCompactJwsSignature } from '../../lib/jws/verify-compact-jws.ts'
import type { IssuerKey } from './types.ts'

export type SignatureResult = { ok: true } | { ok: false; message: string }

/** Only `alg` (already checked against the policy) is accepted, so the header cannot pick another. */
export function verifyIssuerSignature(jws: string, key: IssuerKey, alg: string): SignatureResult {
  let keyObject: ReturnType<typeof toPublicKeyObject>
  try {
    keyObject = toPublicKeyObject(key as Parameters<typeof toPublicKeyObject>[0])
  } catch (error) {
    return { ok: false, message: `the issuer key cannot be used: ${(error as Error).message}` }
  }
  const result = verifyCompactJwsSignature(jws, alg, keyObject)
  if (result.ok) return result
  return {
    ok: false,
    message:
      result.reason === 'signature'
        ? `the issuer JWT signature does not verify with the issuer key (${alg})`
        : `the issuer JWT signature cannot be verified (${alg}): ${result.message}`,
  }
}
