// Strict base64 (RFC 4648 §4, as JOSE `x5c` uses it) and base64url (§5, unpadded as in JOSE).

export const base64 = {
  decode(text: string): Uint8Array {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
      throw new TypeError('not base64')
    }
    return new Uint8Array(Buffer.from(text, 'base64'))
  },
  encode(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('base64')
  },
}

const BASE64URL = /^[A-Za-z0-9_-]*$/

/** Unpadded base64url (RFC 7515 §2): nothing outside its alphabet, and a length bytes can encode to. */
export const isBase64url = (text: string): boolean => BASE64URL.test(text) && text.length % 4 !== 1
