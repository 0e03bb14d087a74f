// Standard base64 (RFC 4648 §4, as JOSE `x5c` uses it), strict: refuses characters outside the alphabet.

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
