// Strict decoders for the encodings of JOSE and SD-JWT: base64url segments, base64 `x5c`, UTF-8 JSON.
import { isUtf8 } from 'node:buffer'
import { isBase64url } from '../base64.ts'
import { parseJson } from '../parse-json.ts'

export { isBase64url }

// RFC 7515 §4.1.6: `x5c` entries are base64 with padding, never base64url. With the length a
// multiple of 4 this says what `^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`
// says, at a third of the cost on a certificate.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Decodes unpadded base64url; undefined when the text holds any other character or cannot be a length. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  // Buffer's decoder skips characters it does not know, so the alphabet is checked first.
  if (!isBase64url(text)) return undefined
  return asUint8Array(Buffer.from(text, 'base64url'))
}

/** Decodes padded standard base64; undefined for anything else (base64url included). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return undefined
  return asUint8Array(Buffer.from(text, 'base64'))
}

/** A plain Uint8Array view of a Buffer's bytes, without copying them. */
const asUint8Array = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)

export type JsonSegmentResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'encoding' | 'syntax' | 'depth'; message: string }

// Segments are decoded into this one buffer and leave it only as the JSON text, copied out: a
// verification decodes a dozen segments, and allocating a Buffer for each cost about a quarter
// of their decoding (measured). Used synchronously only, so no two decodings overlap.
const scratch = Buffer.allocUnsafe(32 * 1024)

/** Decodes a base64url segment holding UTF-8 JSON, refusing documents nested deeper than `maxDepth`. */
export function decodeJsonSegment(segment: string, maxDepth: number): JsonSegmentResult {
  if (!isBase64url(segment)) return { ok: false, reason: 'encoding', message: 'not base64url' }
  // Three bytes for every four characters, rounded up: all of it fits in `scratch`, or none is tried.
  const bytes =
    Math.ceil((segment.length * 3) / 4) <= scratch.length
      ? scratch.subarray(0, scratch.write(segment, 'base64url'))
      : Buffer.from(segment, 'base64url')
  // Strict UTF-8: a lenient decoder would turn invalid bytes into U+FFFD and accept them.
  if (!isUtf8(bytes)) return { ok: false, reason: 'encoding', message: 'not UTF-8' }
  return parseJson(bytes.toString('utf8'), maxDepth)
}
