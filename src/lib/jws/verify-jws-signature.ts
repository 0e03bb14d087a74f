// JWS signature verification (RFC 7515 §5.2, RFC 7518 §3) on Node's native crypto, synchronously.
//
// jose 6 verifies through WebCrypto, whose every call is an asynchronous hop to the thread pool and
// whose keys must be imported into CryptoKeys: on the verification hot path that cost 2.5× a native
// verification (136 µs against 55 µs for ES256, measured). Node's `crypto.verify` with a KeyObject is
// the same OpenSSL primitive without the hop. This module only maps a JWS `alg` to the parameters of
// that call and refuses keys that do not fit the algorithm, as jose's `check_key_type` does.
import { constants, type KeyObject, verify } from 'node:crypto'
import { isBase64url } from '../base64.ts'

interface AlgorithmParameters {
  digest: string | null
  keyTypes: readonly string[]
  /** For ECDSA: the only curve the algorithm allows (RFC 7518 §3.4). */
  namedCurve?: string
  dsaEncoding?: 'ieee-p1363'
  padding?: number
  saltLength?: number
}

const rsaPss = (digest: string, saltLength: number): AlgorithmParameters => ({
  digest,
  keyTypes: ['rsa', 'rsa-pss'],
  padding: constants.RSA_PKCS1_PSS_PADDING,
  saltLength,
})

const algorithms: Record<string, AlgorithmParameters> = {
  ES256: {
    digest: 'sha256',
    keyTypes: ['ec'],
    namedCurve: 'prime256v1',
    dsaEncoding: 'ieee-p1363',
  },
  ES384: { digest: 'sha384', keyTypes: ['ec'], namedCurve: 'secp384r1', dsaEncoding: 'ieee-p1363' },
  ES512: { digest: 'sha512', keyTypes: ['ec'], namedCurve: 'secp521r1', dsaEncoding: 'ieee-p1363' },
  PS256: rsaPss('sha256', 32),
  PS384: rsaPss('sha384', 48),
  PS512: rsaPss('sha512', 64),
  RS256: { digest: 'sha256', keyTypes: ['rsa'], padding: constants.RSA_PKCS1_PADDING },
  RS384: { digest: 'sha384', keyTypes: ['rsa'], padding: constants.RSA_PKCS1_PADDING },
  RS512: { digest: 'sha512', keyTypes: ['rsa'], padding: constants.RSA_PKCS1_PADDING },
  EdDSA: { digest: null, keyTypes: ['ed25519', 'ed448'] },
  Ed25519: { digest: null, keyTypes: ['ed25519'] },
}

/** RFC 7518 §3.3/§3.5: RSA keys of fewer than 2048 bits are not to be used. */
const MIN_RSA_BITS = 2048

export const supportedJwsAlgorithms: readonly string[] = Object.keys(algorithms)

export class JwsKeyMismatch extends TypeError {}

/**
 * Whether `signature` (base64url) is a valid `alg` signature of `signingInput` (`<header>.<payload>`)
 * under `key`. Throws JwsKeyMismatch when the key cannot be used with `alg` at all.
 */
export function verifyJwsSignature(
  alg: string,
  key: KeyObject,
  signingInput: string,
  signature: string,
): boolean {
  const parameters = parametersFor(alg, key)
  // Checked before decoding: Buffer's decoder would skip characters outside the alphabet.
  if (!isBase64url(signature)) return false
  return verifyWith(
    parameters,
    key,
    signingInputBytes(signingInput),
    Buffer.from(signature, 'base64url'),
  )
}

/**
 * Whether `signature` (raw bytes: r‖s for ECDSA, as JWS and COSE both carry it) is a valid `alg`
 * signature of `data` under `key`. COSE (RFC 9053) names the same algorithms by number; its
 * verifiers map them to these names. Throws JwsKeyMismatch as `verifyJwsSignature` does.
 */
export function verifySignatureBytes(
  alg: string,
  key: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  return verifyWith(parametersFor(alg, key), key, data, signature)
}

function parametersFor(alg: string, key: KeyObject): AlgorithmParameters {
  const parameters = Object.hasOwn(algorithms, alg) ? algorithms[alg] : undefined
  if (parameters === undefined) throw new JwsKeyMismatch(`unsupported JWS algorithm ${alg}`)
  if (key.type !== 'public') throw new JwsKeyMismatch('a verification key must be a public key')
  const keyType = key.asymmetricKeyType ?? ''
  if (!parameters.keyTypes.includes(keyType))
    throw new JwsKeyMismatch(`a ${keyType} key cannot verify ${alg}`)
  const details = key.asymmetricKeyDetails
  if (parameters.namedCurve !== undefined && details?.namedCurve !== parameters.namedCurve) {
    throw new JwsKeyMismatch(
      `${alg} needs a key on curve ${parameters.namedCurve}, not ${details?.namedCurve}`,
    )
  }
  if (keyType.startsWith('rsa') && (details?.modulusLength ?? 0) < MIN_RSA_BITS) {
    throw new JwsKeyMismatch(`${alg} needs an RSA key of at least ${MIN_RSA_BITS} bits`)
  }
  return parameters
}

function verifyWith(
  { digest, dsaEncoding, padding, saltLength }: AlgorithmParameters,
  key: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  // Node reads an undefined option as an absent one, so one object shape serves every algorithm.
  return verify(digest, data, { key, dsaEncoding, padding, saltLength }, signature)
}

// The signing input is written into this one buffer rather than a new one per verification
// (half a microsecond for an issuer JWT with its `x5c`, measured). `verify` is synchronous and
// keeps no reference to its input, so the next call may overwrite it.
const scratch = Buffer.allocUnsafe(32 * 1024)

/** The ASCII bytes of `text` (`Buffer.from(text, 'ascii')`, which writes one byte per character). */
function signingInputBytes(text: string): Buffer {
  if (text.length > scratch.length) return Buffer.from(text, 'ascii')
  return scratch.subarray(0, scratch.write(text, 'ascii'))
}
