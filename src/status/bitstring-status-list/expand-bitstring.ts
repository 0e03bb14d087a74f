// §3.4 Bitstring Expansion: multibase base64url (`u`) → GZIP inflate, bounded → bits read most-significant first.
import { gunzipSync } from 'node:zlib'
import { isBase64url } from '../../lib/base64.ts'

/** An expanded status bitstring: index 0 is the left-most (most significant) bit of the first byte. */
export interface Bitstring {
  readonly bitLength: number
  /**
   * The `size`-bit value starting at bit `position`, its first bit the most significant; undefined
   * when any of those bits lies outside the bitstring.
   */
  valueAt(position: bigint, size: number): number | undefined
}

export type ExpandBitstringResult =
  | { ok: true; bitstring: Bitstring }
  | { ok: false; code: 'status.list_invalid'; message: string }

/** The multibase prefix of base64url without padding (W3C Controlled Identifiers, Multibase). */
const base64urlNoPad = 'u'

/**
 * Expands `encodedList`. The inflated size is capped at `maxInflatedBytes`, so a small compressed
 * list cannot expand without bound (a GZIP bomb is refused, not inflated).
 */
export function expandBitstring(
  encodedList: unknown,
  options: { maxInflatedBytes: number },
): ExpandBitstringResult {
  const invalid = (message: string): ExpandBitstringResult => ({
    ok: false,
    code: 'status.list_invalid',
    message,
  })
  if (typeof encodedList !== 'string') return invalid('`encodedList` is not a string')
  if (!encodedList.startsWith(base64urlNoPad)) {
    return invalid('`encodedList` is not multibase base64url (it does not start with `u`)')
  }
  const text = encodedList.slice(1)
  if (text === '' || !isBase64url(text)) {
    return invalid('`encodedList` is not unpadded base64url after its multibase prefix')
  }
  let bytes: Buffer
  try {
    bytes = gunzipSync(Buffer.from(text, 'base64url'), {
      maxOutputLength: options.maxInflatedBytes,
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return invalid(
      code === 'ERR_BUFFER_TOO_LARGE'
        ? `\`encodedList\` inflates past ${options.maxInflatedBytes} bytes`
        : '`encodedList` is not GZIP (RFC 1952) data',
    )
  }
  return { ok: true, bitstring: bitstringReader(new Uint8Array(bytes)) }
}

/** Reads bits left to right: bit i lives in byte floor(i/8) under the mask 0x80 >> (i mod 8). */
export function bitstringReader(bytes: Uint8Array): Bitstring {
  const bitLength = bytes.length * 8
  const length = BigInt(bitLength)
  return {
    bitLength,
    valueAt(position: bigint, size: number): number | undefined {
      if (position < 0n || position + BigInt(size) > length) return undefined
      const start = Number(position)
      let value = 0
      for (let i = start; i < start + size; i++) {
        const bit = ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1
        value = (value << 1) | bit
      }
      return value
    },
  }
}
