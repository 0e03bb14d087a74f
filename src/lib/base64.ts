// Strict decoders of base64 (RFC 4648 §4, padded, as `x5c`, XML signatures and xs:base64Binary carry it) and base64url (§5, unpadded as in JOSE).

const BASE64URL = /^[A-Za-z0-9_-]*$/

// With the length a multiple of 4 this says what `^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`
// says, at a third of the cost on a certificate.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Unpadded base64url (RFC 7515 §2): nothing outside its alphabet, and a length bytes can encode to. */
export const isBase64url = (text: string): boolean => BASE64URL.test(text) && text.length % 4 !== 1

/**
 * Decodes padded standard base64 (RFC 4648 §4; RFC 7515 §4.1.6 for `x5c`); undefined for anything
 * else, base64url and unpadded text included.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) return undefined
  return asUint8Array(Buffer.from(text, 'base64'))
}

/** A plain Uint8Array view of a Buffer's bytes, without copying them. */
const asUint8Array = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
