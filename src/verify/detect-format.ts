// Tells which credential format an input is in, before any format-specific parsing.
import { decodeMdocInput, looksLikeCborMap } from '../formats/mdoc/decode-mdoc-input.ts'
import type { W3cInput } from './secure-w3c.ts'

export type DetectedFormat =
  | { format: 'sd-jwt'; text: string }
  | { format: 'mdoc'; bytes: Uint8Array }
  | { format: 'w3c'; input: W3cInput }
  | { format: 'unknown' }

const UNKNOWN: DetectedFormat = { format: 'unknown' }

/** COSE_Sign1: tag 18 (`0xd2`) or the untagged array of four (`0x84`). */
const looksLikeCoseSign1 = (bytes: Uint8Array): boolean => bytes[0] === 0xd2 || bytes[0] === 0x84

const COMPACT_JWS = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

function fromBytes(bytes: Uint8Array): DetectedFormat {
  if (looksLikeCborMap(bytes)) return { format: 'mdoc', bytes }
  if (looksLikeCoseSign1(bytes)) return { format: 'w3c', input: { securing: 'cose', bytes } }
  return UNKNOWN
}

/**
 * SD-JWT compact (`<JWS>~…~`) or the RFC 9901 §8 JSON serialization; a JSON-LD document with
 * an `@context` (a W3C credential with embedded proofs); a compact JWS without `~` (VC-JOSE, VC
 * 1.1 JWT); otherwise CBOR, given as bytes or as hex or base64url text: a map is a DeviceResponse,
 * a COSE_Sign1 a VC-COSE credential. Only the shape is looked at here; the format's parser checks
 * every byte.
 */
export function detectFormat(input: string | Uint8Array): DetectedFormat {
  if (typeof input !== 'string') return fromBytes(input)
  const text = input.trim()
  if (text.startsWith('{')) {
    if (/"disclosures"/.test(text)) return { format: 'sd-jwt', text: input }
    return /"@context"/.test(text)
      ? { format: 'w3c', input: { securing: 'data-integrity', text: input } }
      : UNKNOWN
  }
  // A JWS header is base64url JSON: `{"` encodes to `eyJ`.
  const tilde = text.indexOf('~')
  if (text.startsWith('eyJ') && tilde !== -1) {
    const firstDot = text.indexOf('.')
    return firstDot > 0 && firstDot < tilde && text.indexOf('.', firstDot + 1) < tilde
      ? { format: 'sd-jwt', text: input }
      : UNKNOWN
  }
  if (COMPACT_JWS.test(text)) return { format: 'w3c', input: { securing: 'jose', text } }
  const bytes = decodeMdocInput(text)
  return bytes === undefined ? UNKNOWN : fromBytes(bytes)
}
