// Splits a compact JWS into its decoded protected header and JSON payload, with no signature check.
import { isBase64url } from '../base64.ts'
import { isPlainObject } from '../parse-json.ts'
import { decodeJsonSegment } from './encoding.ts'

export interface CompactJws {
  /** The JWS as presented: what the signature and `sd_hash` are computed over. */
  encoded: string
  header: Record<string, unknown>
  payload: Record<string, unknown>
}

export type DecodeCompactJwsResult =
  | { ok: true; jws: CompactJws }
  | { ok: false; reason: 'malformed' | 'depth'; message: string }

/** Decodes `<header>.<payload>.<signature>`; both JSON parts must be objects no deeper than `maxDepth`. */
export function decodeCompactJws(encoded: string, maxDepth: number): DecodeCompactJwsResult {
  const segments = encoded.split('.')
  if (segments.length !== 3) {
    return {
      ok: false,
      reason: 'malformed',
      message: `a compact JWS has 3 dot-separated parts, this has ${segments.length}`,
    }
  }
  const [headerPart, payloadPart, signaturePart] = segments as [string, string, string]
  // An empty signature is left to the `alg` check, which names the real problem (`none`).
  if (!isBase64url(signaturePart)) {
    return { ok: false, reason: 'malformed', message: 'the JWS signature is not base64url' }
  }
  const header = decodeJsonSegment(headerPart, maxDepth)
  if (!header.ok) {
    return {
      ok: false,
      reason: header.reason === 'depth' ? 'depth' : 'malformed',
      message: `the JWS header is not base64url JSON: ${header.message}`,
    }
  }
  if (!isPlainObject(header.value)) {
    return { ok: false, reason: 'malformed', message: 'the JWS header is not a JSON object' }
  }
  const payload = decodeJsonSegment(payloadPart, maxDepth)
  if (!payload.ok) {
    return {
      ok: false,
      reason: payload.reason === 'depth' ? 'depth' : 'malformed',
      message: `the JWS payload is not base64url JSON: ${payload.message}`,
    }
  }
  if (!isPlainObject(payload.value)) {
    return { ok: false, reason: 'malformed', message: 'the JWS payload is not a JSON object' }
  }
  return { ok: true, jws: { encoded, header: header.value, payload: payload.value } }
}
