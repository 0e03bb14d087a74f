// COSE header parameters (RFC 9052 §3.1, RFC 9360): the protected bucket decoded, alg, crit and x5chain read.
import { CborError, decodeCbor } from '../cbor/index.ts'
import { CoseError } from './cose-error.ts'

/** Header labels this project reads (IANA "COSE Header Parameters"). */
export const CoseHeader = { alg: 1, crit: 2, contentType: 3, kid: 4, x5chain: 33 } as const

/** RFC 9053 / RFC 9864 algorithm numbers, by the JOSE name the signature verifier knows them by. */
const signatureAlgorithms = new Map<number, string>([
  [-7, 'ES256'],
  [-35, 'ES384'],
  [-36, 'ES512'],
  [-8, 'EdDSA'],
  [-19, 'Ed25519'],
  [-37, 'PS256'],
  [-38, 'PS384'],
  [-39, 'PS512'],
])

/** COSE MAC algorithms (RFC 9053 §3.1): only HMAC 256/256 is used by ISO/IEC 18013-5. */
const macAlgorithms = new Map<number, string>([[5, 'HS256']])

export const coseSignatureAlgorithmName = (alg: unknown): string | undefined =>
  typeof alg === 'number' ? signatureAlgorithms.get(alg) : undefined

export const coseMacAlgorithmName = (alg: unknown): string | undefined =>
  typeof alg === 'number' ? macAlgorithms.get(alg) : undefined

/** The protected bucket: a byte string holding a map, or empty (RFC 9052 §3). */
export function decodeProtectedHeader(bytes: Uint8Array): ReadonlyMap<unknown, unknown> {
  if (bytes.length === 0) return EMPTY_HEADER
  // Nearly every message repeats one of a few short headers (`{1: -7}`), so those are decoded once.
  const key =
    bytes.length <= MAX_CACHED_HEADER
      ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')
      : undefined
  const cached = key === undefined ? undefined : headerCache.get(key)
  if (cached !== undefined) return cached
  // A plain byte string, not an embedded item: no enclosing scan has looked inside it.
  let header: unknown
  try {
    header = decodeCbor(bytes)
  } catch (error) {
    if (!(error instanceof CborError)) throw error
    throw new CoseError('cose.malformed', `protected header: ${error.message}`)
  }
  if (!(header instanceof Map))
    throw new CoseError('cose.malformed', 'protected header is not a map')
  if (key !== undefined) {
    if (headerCache.size >= MAX_CACHED_HEADERS) headerCache.clear()
    headerCache.set(key, header)
  }
  return header
}

const EMPTY_HEADER: ReadonlyMap<unknown, unknown> = new Map()
const MAX_CACHED_HEADER = 32
const MAX_CACHED_HEADERS = 256
const headerCache = new Map<string, ReadonlyMap<unknown, unknown>>()

/**
 * `crit` lists labels the recipient must understand (RFC 9052 §3.1). None of the labels this
 * project reads changes how a message is processed, so any critical label is refused.
 */
export function refuseCriticalHeaders(protectedHeader: ReadonlyMap<unknown, unknown>): void {
  const crit = protectedHeader.get(CoseHeader.crit)
  if (crit !== undefined)
    throw new CoseError('cose.malformed', 'a critical header parameter is not understood')
}

/**
 * `x5chain` (RFC 9360 §2): one certificate as a byte string, or an array of them, leaf first. It
 * may stand in either bucket; in both, the protected one counts.
 */
export function readX5chain(
  protectedHeader: ReadonlyMap<unknown, unknown>,
  unprotectedHeader: Map<unknown, unknown>,
): Uint8Array[] {
  const value = protectedHeader.get(CoseHeader.x5chain) ?? unprotectedHeader.get(CoseHeader.x5chain)
  if (value === undefined) return []
  if (value instanceof Uint8Array) return [value]
  if (Array.isArray(value) && value.length > 0 && value.every((c) => c instanceof Uint8Array))
    return value as Uint8Array[]
  throw new CoseError('cose.malformed', 'x5chain is not a certificate or an array of certificates')
}
