// COSE (RFC 9052/9053): Sign1 and Mac0 messages, header parameters and keys.
export { CoseError } from './cose-error.ts'
export { CoseHeader, coseSignatureAlgorithmName } from './cose-headers.ts'
export { coseKeyToJwk, coseKeyToPublicKey } from './cose-key.ts'
export { type CoseMac0, mac0ToBeMaced, parseCoseMac0, verifyCoseMac0 } from './cose-mac0.ts'
export { type CoseSign1, parseCoseSign1, sign1ToBeSigned, verifyCoseSign1 } from './cose-sign1.ts'
export {
  type CoseSign1Algorithm,
  type SignCoseSign1Options,
  signCoseSign1,
} from './sign-cose-sign1.ts'
