// Verifies the issuer JWT signature (RFC 7515 §5.2) with jose and the resolved issuer key.
import { compactVerify } from 'jose'
import type { IssuerKey } from './types.ts'

export type SignatureResult = { ok: true } | { ok: false; message: string }

/** Only `alg` (already checked against the policy) is accepted, so the header cannot pick another. */
export async function verifyIssuerSignature(
  jws: string,
  key: IssuerKey,
  alg: string,
): Promise<SignatureResult> {
  try {
    await compactVerify(jws, key, { algorithms: [alg] })
    return { ok: true }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    return {
      ok: false,
      message:
        code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
          ? `the issuer JWT signature does not verify with the issuer key (${alg})`
          : `the issuer JWT signature cannot be verified (${alg}): ${(error as Error).message}`,
    }
  }
}
