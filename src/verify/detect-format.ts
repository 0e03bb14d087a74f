// Tells which credential format an input is in, before any format-specific parsing.

export type CredentialFormat = 'sd-jwt' | 'unknown'

/**
 * SD-JWT compact (`<JWS>~…~`) or the RFC 9901 §8 JSON serialization. Only the shape is looked at
 * here; the format's parser checks every byte.
 */
export function detectFormat(input: string): CredentialFormat {
  const text = input.trimStart()
  if (text.startsWith('{')) return /"disclosures"/.test(text) ? 'sd-jwt' : 'unknown'
  // A JWS header is base64url JSON: `{"` encodes to `eyJ`.
  const tilde = text.indexOf('~')
  if (!text.startsWith('eyJ') || tilde === -1) return 'unknown'
  const firstDot = text.indexOf('.')
  return firstDot > 0 && firstDot < tilde && text.indexOf('.', firstDot + 1) < tilde
    ? 'sd-jwt'
    : 'unknown'
}
