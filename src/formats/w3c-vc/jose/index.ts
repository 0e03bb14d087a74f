// W3C Verifiable Credentials secured with JOSE and COSE (VC-JOSE-COSE, 2025) and as VC 1.1 JWTs.
export { methodIdFor } from './resolve-signing-key.ts'
export {
  defaultVcJoseLimits,
  type EnvelopedCredential,
  type EnvelopedCredentialResult,
  type VcJoseFailure,
  type VcJoseLimits,
  type VcJoseMechanism,
  type VcJoseResult,
  type VcJoseVerification,
  type VerifyEnvelopedCredential,
  type VerifyVcJoseCoseOptions,
} from './types.ts'
export type { VcJoseCode } from './vc-jose-error.ts'
export { verifyVcCose, verifyVcJose } from './verify-vc-jose-cose.ts'
