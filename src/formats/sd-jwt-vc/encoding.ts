// Strict decoders for the encodings of JOSE and SD-JWT: base64url segments, base64 `x5c`, UTF-8 JSON.
import { isUtf8 } from 'node:buffer'
import { parseJson } from '../../lib/parse-json.ts'

const BASE64URL = /^[A-Za-z0-9_-]*$/
// RFC 7515 §4.1.6: `x5c` entries are base64 with padding, never base64url.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Decodes unpadded base64url; undefined when the text holds any other character or cannot be a length. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  // Buffer's decoder skips characters it does not know, so the alphabet is checked first.
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined
  return asUint8Array(Buffer.from(text, 'base64url'))
}

/** Decodes padded standard base64; undefined for anything else (base64url included). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length === 0 || !BASE64.test(text)) return undefined
  return asUint8Array(Buffer.from(text, 'base64'))
}

/** A plain Uint8Array view of a Buffer's bytes, without copying them. */
const asUint8Array = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)

export const isBase64url = (text: string): boolean => BASE64URL.test(text) && text.length % 4 !== 1

export type JsonSegmentResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'encoding' | 'syntax' | 'depth'; message: string }

/** Decodes a base64url segment holding UTF-8 JSON, refusing documents nested deeper than `maxDepth`. */
export function decodeJsonSegment(segment: string, maxDepth: number): JsonSegmentResult {
  const bytes = decodeBase64url(segment)
  if (bytes === undefined) return { ok: false, reason: 'encoding', message: 'not base64url' }
  // Strict UTF-8: a lenient decoder would turn invalid bytes into U+FFFD and accept them.
  if (!isUtf8(bytes)) return { ok: false, reason: 'encoding', message: 'not UTF-8' }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  const parsed = parseJson(text, maxDepth)
  if (!parsed.ok) return { ok: false, reason: parsed.reason, message: parsed.message }
  return { ok: true, value: parsed.value }
}
