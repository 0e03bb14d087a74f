// Makes a COSE_Sign1 (RFC 9052 §4.2) with Node's native crypto: for lists Kakehashi signs and for test fixtures.
import { type KeyObject, sign } from 'node:crypto'
import { encodeCbor } from '../cbor/index.ts'
import { CoseError } from './cose-error.ts'
import { CoseHeader } from './cose-headers.ts'
import { sign1ToBeSigned } from './cose-sign1.ts'

export type CoseSign1Algorithm = 'ES256' | 'ES384' | 'ES512' | 'EdDSA'

/** RFC 9053 algorithm numbers, and the digest each ECDSA one signs (EdDSA hashes by itself). */
const algorithms: Record<
  CoseSign1Algorithm,
  { id: number; digest: string | null; keyType: string; curve?: string }
> = {
  ES256: { id: -7, digest: 'sha256', keyType: 'ec', curve: 'prime256v1' },
  ES384: { id: -35, digest: 'sha384', keyType: 'ec', curve: 'secp384r1' },
  ES512: { id: -36, digest: 'sha512', keyType: 'ec', curve: 'secp521r1' },
  EdDSA: { id: -8, digest: null, keyType: 'ed25519' },
}

export interface SignCoseSign1Options {
  payload: Uint8Array
  alg: CoseSign1Algorithm
  privateKey: KeyObject
  /** DER certificates, leaf first: one goes as a byte string, several as an array (RFC 9360 §2). */
  x5chain?: Uint8Array[]
  /** More protected header parameters; `alg` is always set from `alg`. */
  protectedExtra?: Map<unknown, unknown>
}

/**
 * The encoded, untagged COSE_Sign1 over `payload`. `alg` is protected, as RFC 9052 §3.1 asks;
 * `x5chain` is unprotected, where ISO/IEC 18013-5 signers put it. ECDSA signatures are the fixed
 * `r || s` form COSE uses (RFC 9053 §2.1), not DER.
 */
export function signCoseSign1(options: SignCoseSign1Options): Uint8Array {
  const algorithm = algorithms[options.alg]
  if (algorithm === undefined)
    throw new CoseError('cose.algorithm_refused', `cannot sign with ${String(options.alg)}`)
  // Node would sign ES256 with a P-384 key; a verifier would then refuse what was signed.
  const key = options.privateKey
  if (
    key.type !== 'private' ||
    key.asymmetricKeyType !== algorithm.keyType ||
    (algorithm.curve !== undefined && key.asymmetricKeyDetails?.namedCurve !== algorithm.curve)
  )
    throw new CoseError('cose.key_unsupported', `the key is not a private key for ${options.alg}`)
  const protectedHeader = new Map<unknown, unknown>(options.protectedExtra ?? [])
  protectedHeader.set(CoseHeader.alg, algorithm.id)
  const protectedBytes = encodeCbor(protectedHeader)
  const unprotectedHeader = new Map<unknown, unknown>()
  const chain = options.x5chain ?? []
  if (chain.length > 0)
    unprotectedHeader.set(CoseHeader.x5chain, chain.length === 1 ? chain[0] : chain)
  const toBeSigned = sign1ToBeSigned({ protectedBytes, payload: options.payload })
  let signature: Uint8Array
  try {
    signature = sign(algorithm.digest, toBeSigned, { key, dsaEncoding: 'ieee-p1363' })
  } catch (error) {
    throw new CoseError(
      'cose.key_unsupported',
      `the key cannot sign ${options.alg}: ${(error as Error).message}`,
    )
  }
  return encodeCbor([protectedBytes, unprotectedHeader, options.payload, signature])
}
