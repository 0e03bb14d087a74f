// CBOR decoding and encoding with the one cbor-x configuration COSE and mdoc need, behind a limits scan.
import { Decoder, Encoder, Tag } from 'cbor-x'
import { CborError, type CborLimits, defaultCborLimits, scanCbor } from './scan-cbor.ts'

// Byte strings stay byte strings (no typed-array tags), maps stay Maps (integer keys survive), and no
// cbor-x record extension is ever produced or read: anything else breaks COSE signatures.
const options = { tagUint8Array: false, useRecords: false, mapsAsObjects: false } as const
const decoder = new Decoder(options)
const encoder = new Encoder(options)

/**
 * The decoder's own refusals as CborError: should anything get past the scan that cbor-x still
 * refuses, a caller sees the one kind of error it handles, never the library's.
 */
const asCborError = (error: unknown): CborError =>
  error instanceof CborError
    ? error
    : new CborError('cbor.malformed', String((error as Error)?.message ?? error), 0)

/** Decodes exactly one CBOR item after `scanCbor` has proved it well-formed and within `limits`. */
export function decodeCbor(bytes: Uint8Array, limits: CborLimits = defaultCborLimits): unknown {
  scanCbor(bytes, limits)
  return decodeScannedCbor(bytes)
}

/**
 * Decodes bytes that were already scanned as part of an enclosing item (the content of a tag 24
 * inside input that went through `decodeCbor`), so they are not walked twice.
 */
export function decodeScannedCbor(bytes: Uint8Array): unknown {
  try {
    return decoder.decode(bytes)
  } catch (error) {
    throw asCborError(error)
  }
}

/**
 * Decodes several already-scanned items (each exactly one CBOR item) in one decoder call: one call
 * per item cost more than the decoding itself for the small items of an mdoc (measured).
 */
export function decodeScannedSequence(items: Uint8Array[]): unknown[] {
  if (items.length < 2) return items.map(decodeScannedCbor)
  let values: unknown[] | undefined
  try {
    values = decoder.decodeMultiple(Buffer.concat(items)) as unknown[] | undefined
  } catch (error) {
    throw asCborError(error)
  }
  if (values === undefined || values.length !== items.length)
    throw new CborError('cbor.malformed', 'the items are not one CBOR item each', 0)
  return values
}

/**
 * Decodes like `decodeCbor`, and can give back the exact bytes of any embedded item (tag 24) in
 * it: digests and signatures over `#6.24(bstr)` are over the encoding as received, which a
 * re-encoding reproduces only when the sender used preferred serialization.
 */
export function decodeCborWithEmbedded(
  bytes: Uint8Array,
  limits: CborLimits = defaultCborLimits,
): { value: unknown; embedded: EmbeddedItems } {
  const starts = new Map<number, number>()
  scanCbor(bytes, limits, starts)
  return { value: decodeScannedCbor(bytes), embedded: new EmbeddedItems(bytes, starts) }
}

/** Where each embedded item of one decoded input starts, to give back its bytes as received. */
export class EmbeddedItems {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly starts: Map<number, number>,
  ) {}

  /** The whole `#6.24(bstr)` encoding whose content is `content` (a view the decoder returned). */
  encodingOf(content: Uint8Array): Uint8Array {
    const { bytes } = this
    // cbor-x returns byte strings as views into the input, so a view's offset finds its tag.
    if (content.buffer === bytes.buffer) {
      const offset = content.byteOffset - bytes.byteOffset
      const tagStart = this.starts.get(offset)
      if (tagStart !== undefined) return bytes.subarray(tagStart, offset + content.length)
    }
    return encodeEmbeddedCbor(content)
  }
}

export const encodeCbor = (value: unknown): Uint8Array => encoder.encode(value)

export const isCborTag = (value: unknown, tag: number): value is Tag =>
  value instanceof Tag && value.tag === tag

/** The content of an embedded CBOR item (tag 24), exactly as received; `undefined` for anything else. */
export function embeddedCborBytes(value: unknown): Uint8Array | undefined {
  return isCborTag(value, 24) && value.value instanceof Uint8Array ? value.value : undefined
}

/**
 * The head of a data item (RFC 8949 §3.1): major type and argument in preferred (shortest)
 * serialization. With it, structures that wrap bytes received or built elsewhere (a signature's
 * to-be-signed array, an embedded item) are written around those bytes instead of re-encoded:
 * faster on the hot path (a cbor-x encode of the 1 kB Sig_structure cost 6 µs, measured), and the
 * enclosed bytes stay exactly as they were.
 */
export function cborHead(major: number, argument: number): Uint8Array {
  const type = major << 5
  if (argument < 24) return Uint8Array.of(type | argument)
  if (argument < 0x100) return Uint8Array.of(type | 24, argument)
  if (argument < 0x10000) return Uint8Array.of(type | 25, argument >> 8, argument & 0xff)
  if (argument < 0x100000000)
    return Uint8Array.of(
      type | 26,
      argument >>> 24,
      (argument >> 16) & 0xff,
      (argument >> 8) & 0xff,
      argument & 0xff,
    )
  throw new RangeError('CBOR arguments beyond 2^32 are not written here')
}

const BYTE_STRING = 2
const TEXT_STRING = 3
const TAG = 6
const EMBEDDED_CBOR_HEAD = cborHead(TAG, 24)

/** A byte string item: its head, then the bytes. */
export const byteStringParts = (bytes: Uint8Array): Uint8Array[] => [
  cborHead(BYTE_STRING, bytes.length),
  bytes,
]

/** A text string item, as cbor-x would write it: its head, then the UTF-8 bytes. */
export function encodeCborText(text: string): Uint8Array {
  const utf8 = Buffer.from(text, 'utf8')
  return Buffer.concat([cborHead(TEXT_STRING, utf8.length), utf8])
}

/** The encoding of `#6.24(bstr)` around `content`: the tag, the byte string head, the content. */
export function encodeEmbeddedCbor(content: Uint8Array): Uint8Array {
  return Buffer.concat([EMBEDDED_CBOR_HEAD, ...byteStringParts(content)])
}

export { CborError, type CborLimits, defaultCborLimits, scanCbor } from './scan-cbor.ts'
export { Tag }
