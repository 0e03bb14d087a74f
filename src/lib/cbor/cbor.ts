// CBOR decoding and encoding with the one cbor-x configuration COSE and mdoc need, behind a limits scan.
import { Decoder, Encoder, Tag } from 'cbor-x'
import { type CborLimits, defaultCborLimits, scanCbor } from './scan-cbor.ts'

// Byte strings stay byte strings (no typed-array tags), maps stay Maps (integer keys survive), and no
// cbor-x record extension is ever produced or read: anything else breaks COSE signatures.
const options = { tagUint8Array: false, useRecords: false, mapsAsObjects: false } as const
const decoder = new Decoder(options)
const encoder = new Encoder(options)

/** Decodes exactly one CBOR item after `scanCbor` has proved it well-formed and within `limits`. */
export function decodeCbor(bytes: Uint8Array, limits: CborLimits = defaultCborLimits): unknown {
  scanCbor(bytes, limits)
  return decoder.decode(bytes)
}

/**
 * Decodes bytes that were already scanned as part of an enclosing item (the content of a tag 24
 * inside input that went through `decodeCbor`), so they are not walked twice.
 */
export const decodeScannedCbor = (bytes: Uint8Array): unknown => decoder.decode(bytes)

/**
 * Decodes like `decodeCbor`, and can give back the exact bytes of any embedded item (tag 24) in
 * it: digests and signatures over `#6.24(bstr)` are over the encoding as received, which a
 * re-encoding reproduces only when the sender used preferred serialization.
 */
export function decodeCborWithEmbedded(
  bytes: Uint8Array,
  limits: CborLimits = defaultCborLimits,
): { value: unknown; encodingOf: (content: Uint8Array) => Uint8Array } {
  const embedded = new Map<number, number>()
  scanCbor(bytes, limits, embedded)
  const value = decoder.decode(bytes)
  const encodingOf = (content: Uint8Array): Uint8Array => {
    // cbor-x returns byte strings as views into the input, so a view's offset finds its tag.
    if (content.buffer === bytes.buffer) {
      const offset = content.byteOffset - bytes.byteOffset
      const tagStart = embedded.get(offset)
      if (tagStart !== undefined) return bytes.subarray(tagStart, offset + content.length)
    }
    return encodeEmbeddedCbor(content)
  }
  return { value, encodingOf }
}

export const encodeCbor = (value: unknown): Uint8Array => encoder.encode(value)

export const isCborTag = (value: unknown, tag: number): value is Tag =>
  value instanceof Tag && value.tag === tag

/** The content of an embedded CBOR item (tag 24), exactly as received; `undefined` for anything else. */
export function embeddedCborBytes(value: unknown): Uint8Array | undefined {
  return isCborTag(value, 24) && value.value instanceof Uint8Array ? value.value : undefined
}

/** The encoding of `#6.24(bstr)` around `content`: header bytes then the content itself. */
export function encodeEmbeddedCbor(content: Uint8Array): Uint8Array {
  return encodeCbor(new Tag(content, 24))
}

export { CborError, type CborLimits, defaultCborLimits, scanCbor } from './scan-cbor.ts'
export { Tag }
