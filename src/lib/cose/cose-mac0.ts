// COSE_Mac0 (RFC 9052 §6.2) with HMAC 256/256: parsed from decoded CBOR and checked in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { byteStringParts, encodeCbor, isCborTag } from '../cbor/index.ts'
import { CoseError } from './cose-error.ts'
import {
  CoseHeader,
  coseMacAlgorithmName,
  decodeProtectedHeader,
  refuseCriticalHeaders,
} from './cose-headers.ts'

const COSE_MAC0_TAG = 17
const EMPTY = new Uint8Array(0)
/** The array head and the context string that open every `MAC_structure` of this kind. */
const CONTEXT = Buffer.concat([Uint8Array.of(0x84), encodeCbor('MAC0')])

export interface CoseMac0 {
  protectedBytes: Uint8Array
  protectedHeader: ReadonlyMap<unknown, unknown>
  unprotectedHeader: Map<unknown, unknown>
  payload: Uint8Array | null
  tag: Uint8Array
  alg: 'HS256'
}

export function parseCoseMac0(value: unknown): CoseMac0 {
  const message = isCborTag(value, COSE_MAC0_TAG) ? value.value : value
  if (!Array.isArray(message) || message.length !== 4)
    throw new CoseError('cose.malformed', 'COSE_Mac0 is not an array of four')
  const [protectedBytes, unprotectedHeader, payload, tag] = message as unknown[]
  if (
    !(protectedBytes instanceof Uint8Array) ||
    !(unprotectedHeader instanceof Map) ||
    (payload !== null && !(payload instanceof Uint8Array)) ||
    !(tag instanceof Uint8Array)
  )
    throw new CoseError('cose.malformed', 'COSE_Mac0 members have the wrong types')
  const protectedHeader = decodeProtectedHeader(protectedBytes)
  refuseCriticalHeaders(protectedHeader)
  const alg = coseMacAlgorithmName(protectedHeader.get(CoseHeader.alg))
  if (alg !== 'HS256')
    throw new CoseError('cose.algorithm_refused', 'COSE_Mac0 alg is not HMAC 256/256 (5)')
  return { protectedBytes, protectedHeader, unprotectedHeader, payload, tag, alg }
}

/** `MAC_structure` for COSE_Mac0 (RFC 9052 §6.3): what the tag covers. */
export function mac0ToBeMaced(
  mac0: Pick<CoseMac0, 'protectedBytes' | 'payload'>,
  options: { detachedPayload?: Uint8Array; externalAad?: Uint8Array } = {},
): Uint8Array {
  const payload = mac0.payload ?? options.detachedPayload
  if (payload === undefined)
    throw new CoseError('cose.malformed', 'detached COSE_Mac0 payload not supplied')
  return Buffer.concat([
    CONTEXT,
    ...byteStringParts(mac0.protectedBytes),
    ...byteStringParts(options.externalAad ?? EMPTY),
    ...byteStringParts(payload),
  ])
}

/** Whether the tag is the HMAC-SHA-256 of the MAC_structure under `key` (compared in constant time). */
export function verifyCoseMac0(
  mac0: CoseMac0,
  key: Uint8Array,
  options: { detachedPayload?: Uint8Array; externalAad?: Uint8Array } = {},
): boolean {
  const expected = createHmac('sha256', key).update(mac0ToBeMaced(mac0, options)).digest()
  return mac0.tag.length === expected.length && timingSafeEqual(mac0.tag, expected)
}
