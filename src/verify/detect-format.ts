// Tells which credential format an input is in, before any format-specific parsing.
import { decodeMdocInput, looksLikeCborMap } from '../formats/mdoc/decode-mdoc-input.ts'

export type DetectedFormat =
  | { format: 'sd-jwt'; text: string }
  | { format: 'mdoc'; bytes: Uint8Array }
  | { format: 'unknown' }

const UNKNOWN: DetectedFormat = { format: 'unknown' }

/**
 * SD-JWT compact (`<JWS>~…~`) or the RFC 9901 §8 JSON serialization; otherwise CBOR whose first
 * item is a map (a DeviceResponse), given as bytes or as hex or base64url text. Only the shape is
 * looked at here; the format's parser checks every byte.
 */
export function detectFormat(input: string | Uint8Array): DetectedFormat {
  if (typeof input !== 'string')
    return looksLikeCborMap(input) ? { format: 'mdoc', bytes: input } : UNKNOWN
  const text = input.trimStart()
  if (text.startsWith('{'))
    return /"disclosures"/.test(text) ? { format: 'sd-jwt', text: input } : UNKNOWN
  // A JWS header is base64url JSON: `{"` encodes to `eyJ`.
  const tilde = text.indexOf('~')
  if (text.startsWith('eyJ') && tilde !== -1) {
    const firstDot = text.indexOf('.')
    return firstDot > 0 && firstDot < tilde && text.indexOf('.', firstDot + 1) < tilde
      ? { format: 'sd-jwt', text: input }
      : UNKNOWN
  }
  const bytes = decodeMdocInput(text)
  return bytes !== undefined && looksLikeCborMap(bytes) ? { format: 'mdoc', bytes } : UNKNOWN
}
