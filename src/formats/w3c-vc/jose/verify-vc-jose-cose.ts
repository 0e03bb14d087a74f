// The entry points: verify a JOSE- or COSE-secured W3C credential or presentation, never throwing on bad input.
import { resolveOptions } from './resolved-options.ts'
import type { VcJoseFailure, VcJoseResult, VerifyVcJoseCoseOptions } from './types.ts'
import { VcJoseError } from './vc-jose-error.ts'
import { coseBytes, verifyCoseDocument } from './verify-cose-document.ts'
import type { SecuredVerifiers } from './verify-enveloped-credentials.ts'
import { verifyJoseDocument } from './verify-jose-document.ts'

const verifiers: SecuredVerifiers = {
  jose: (input, options, expect) => verifyJoseDocument(input, options, expect, verifiers),
  cose: (input, options, expect) => verifyCoseDocument(input, options, expect, verifiers),
}

/**
 * `application/vc+jwt` / `vp+jwt` (VC-JOSE-COSE §3.1) and VC 1.1 JWTs (VCDM 1.1 §6.3.1), compact
 * serialization. A success says the signature verified under a key bound to the issuer (or
 * holder), the envelope and its claims are consistent and current, and every enveloped credential
 * verified likewise; whether the issuer is trusted is for the trust step to say.
 */
export async function verifyVcJose(
  input: string,
  options: VerifyVcJoseCoseOptions,
): Promise<VcJoseResult> {
  return settle(
    () => verifyJoseDocument(input, resolveOptions(options), undefined, verifiers),
    'w3c.jose_malformed',
  )
}

/** `application/vc+cose` / `vp+cose` (VC-JOSE-COSE §3.3): COSE_Sign1 bytes, or their base64/base64url text. */
export async function verifyVcCose(
  input: Uint8Array | string,
  options: VerifyVcJoseCoseOptions,
): Promise<VcJoseResult> {
  return settle(
    () => verifyCoseDocument(coseBytes(input), resolveOptions(options), undefined, verifiers),
    'w3c.cose_malformed',
  )
}

async function settle(
  verify: () => Promise<VcJoseResult>,
  fallback: VcJoseFailure['code'],
): Promise<VcJoseResult> {
  try {
    return await verify()
  } catch (error) {
    if (error instanceof VcJoseError)
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.inner ? { inner: error.inner } : {}),
      }
    // Every known failure is a VcJoseError; anything else is a defect, and it must not accept.
    return {
      ok: false,
      code: fallback,
      message: `verification stopped: ${(error as Error).message}`,
    }
  }
}
