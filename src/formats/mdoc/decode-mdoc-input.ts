// Reads an mdoc given as text (hex or base64url, as JSON bodies and files carry it) into its CBOR bytes.

/**
 * Hex first: an even-length string of hex digits is hex even though it is also valid base64url,
 * and a DeviceResponse in base64url starts with `o`/`p`/`u` (a CBOR map), never with a hex digit
 * pair that decodes to one. Standard base64 (with `+`, `/`, `=`) is accepted too.
 */
export function decodeMdocInput(text: string): Uint8Array | undefined {
  const trimmed = text.trim()
  if (trimmed.length === 0) return undefined
  if (trimmed.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (/^[A-Za-z0-9_-]+$/.test(trimmed) && trimmed.length % 4 !== 1)
    return Buffer.from(trimmed, 'base64url')
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) && trimmed.length % 4 === 0)
    return Buffer.from(trimmed, 'base64')
  return undefined
}

/** Whether bytes look like a CBOR map (major type 5), as every DeviceResponse and IssuerSigned is. */
export const looksLikeCborMap = (bytes: Uint8Array): boolean =>
  bytes.length > 0 && (bytes[0] as number) >> 5 === 5
