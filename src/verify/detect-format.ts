// Tells which credential format an input is in, before any format-specific parsing.

export type CredentialFormat = 'sd-jwt' | 'unknown'

const base64urlJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/

/** SD-JWT compact (`<JWS>~…~`) or the RFC 9901 §8 JSON serialization. */
export function detectFormat(input: string): CredentialFormat {
  const text = input.trim()
  if (text.startsWith('{')) {
    return /"_sd_alg"|"disclosures"/.test(text) ? 'sd-jwt' : 'unknown'
  }
  const first = text.split('~', 1)[0] ?? ''
  if (text.includes('~') && base64urlJws.test(first)) return 'sd-jwt'
  return 'unknown'
}
