// Strict decoders for the encodings of JOSE and SD-JWT: base64url segments of UTF-8 JSON.
import { isUtf8 } from 'node:buffer'
import { isBase64url } from '../base64.ts'
import { parseJson } from '../parse-json.ts'

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
