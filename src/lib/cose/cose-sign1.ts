// COSE_Sign1 (RFC 9052 §4.2): parsed from decoded CBOR and verified with Node's native crypto.
import type { KeyObject } from 'node:crypto'
import { byteStringParts, encodeCbor, isCborTag } from '../cbor/index.ts'
import { verifySignatureBytes } from '../jws/verify-jws-signature.ts'
import { CoseError } from './cose-error.ts'
import {
  CoseHeader,
  coseSignatureAlgorithmName,
  decodeProtectedHeader,
  readX5chain,
  refuseCriticalHeaders,
} from './cose-headers.ts'

const COSE_SIGN1_TAG = 18
const EMPTY = new Uint8Array(0)
/** The array head and the context string that open every `Sig_structure` of this kind. */
const CONTEXT = Buffer.concat([Uint8Array.of(0x84), encodeCbor('Signature1')])

export interface CoseSign1 {
  /** The protected header exactly as received: the signature covers these bytes, not a re-encoding. */
  protectedBytes: Uint8Array
  protectedHeader: ReadonlyMap<unknown, unknown>
  unprotectedHeader: Map<unknown, unknown>
  /** `null` for a detached payload (ISO/IEC 18013-5 DeviceSignature). */
  payload: Uint8Array | null
  signature: Uint8Array
  /** The JOSE name of the protected `alg`, e.g. `ES256`. */
  alg: string
  /** The `x5chain` certificates, DER, leaf first; empty when there are none. */
  x5chain: Uint8Array[]
}

/**
 * Reads `COSE_Sign1 = [protected: bstr, unprotected: map, payload: bstr / nil, signature: bstr]`,
 * tagged 18 or not. `alg` must be protected (RFC 9052 §3.1: it "MUST be authenticated where the
 * ability to do so exists") and one this project can verify.
 */
export function parseCoseSign1(value: unknown): CoseSign1 {
  const message = isCborTag(value, COSE_SIGN1_TAG) ? value.value : value
  if (!Array.isArray(message) || message.length !== 4)
    throw new CoseError('cose.malformed', 'COSE_Sign1 is not an array of four')
  const [protectedBytes, unprotectedHeader, payload, signature] = message as unknown[]
  if (!(protectedBytes instanceof Uint8Array))
    throw new CoseError('cose.malformed', 'COSE_Sign1 protected header is not a byte string')
  if (!(unprotectedHeader instanceof Map))
    throw new CoseError('cose.malformed', 'COSE_Sign1 unprotected header is not a map')
  if (payload !== null && !(payload instanceof Uint8Array))
    throw new CoseError('cose.malformed', 'COSE_Sign1 payload is neither a byte string nor nil')
  if (!(signature instanceof Uint8Array))
    throw new CoseError('cose.malformed', 'COSE_Sign1 signature is not a byte string')
  const protectedHeader = decodeProtectedHeader(protectedBytes)
  refuseCriticalHeaders(protectedHeader)
  const algValue = protectedHeader.get(CoseHeader.alg)
  if (algValue === undefined)
    throw new CoseError(
      'cose.algorithm_refused',
      unprotectedHeader.has(CoseHeader.alg)
        ? 'alg is only in the unprotected header'
        : 'COSE_Sign1 has no alg',
    )
  const alg = coseSignatureAlgorithmName(algValue)
  if (alg === undefined)
    throw new CoseError(
      'cose.algorithm_refused',
      `COSE algorithm ${String(algValue)} is not supported`,
    )
  return {
    protectedBytes,
    protectedHeader,
    unprotectedHeader,
    payload,
    signature,
    alg,
    x5chain: readX5chain(protectedHeader, unprotectedHeader),
  }
}

/** `Sig_structure` for COSE_Sign1 (RFC 9052 §4.4): what the signature covers. */
export function sign1ToBeSigned(
  sign1: Pick<CoseSign1, 'protectedBytes' | 'payload'>,
  options: { detachedPayload?: Uint8Array; externalAad?: Uint8Array } = {},
): Uint8Array {
  const payload = sign1.payload ?? options.detachedPayload
  if (payload === undefined)
    throw new CoseError('cose.malformed', 'detached COSE_Sign1 payload not supplied')
  return Buffer.concat([
    CONTEXT,
    ...byteStringParts(sign1.protectedBytes),
    ...byteStringParts(options.externalAad ?? EMPTY),
    ...byteStringParts(payload),
  ])
}

/**
 * Whether the signature verifies under `key`. A key that cannot be used with the algorithm at all
 * (wrong type or curve) throws, as for JWS: that is a configuration fault, not a forgery.
 */
export function verifyCoseSign1(
  sign1: CoseSign1,
  key: KeyObject,
  options: { detachedPayload?: Uint8Array; externalAad?: Uint8Array } = {},
): boolean {
  return verifySignatureBytes(sign1.alg, key, sign1ToBeSigned(sign1, options), sign1.signature)
}
