// Enveloped XMLDSig/XAdES signatures over a whole XML list: verified with xadesjs, refused in the caller's code family.

export type { SignatureCodeFamily, SignatureRefusal } from './signature-refusal.ts'
export {
  type EnvelopedSignature,
  type VerifyEnvelopedSignatureOptions,
  verifyEnvelopedSignature,
} from './verify-enveloped-signature.ts'
export { xadesjs } from './xml-signature-library.ts'
export * from './xmldsig-namespaces.ts'
