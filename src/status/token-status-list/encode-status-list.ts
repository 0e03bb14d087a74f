// Writes a Token Status List for publication: statuses packed least-significant bit first, zlib, base64url.
import { constants, deflateSync } from 'node:zlib'
import { isStatusListBits, type StatusListBits } from './status-types.ts'

/**
 * Encodes one status per element of `statuses` (each below 2^bits) as the `lst` of a
 * Status List Token's `status_list: {bits, lst}`. The last byte is padded with VALID (0).
 */
export function encodeStatusList(
  statuses: readonly number[] | Uint8Array,
  bits: StatusListBits,
): string {
  if (!isStatusListBits(bits)) throw new RangeError('bits must be 1, 2, 4 or 8')
  const perByte = 8 / bits
  const bytes = new Uint8Array(Math.ceil(statuses.length / perByte))
  for (let i = 0; i < statuses.length; i++) {
    const status = statuses[i] as number
    if (!Number.isInteger(status) || status < 0 || status >= 1 << bits) {
      throw new RangeError(`status ${status} at index ${i} does not fit in ${bits} bit(s)`)
    }
    const at = Math.floor(i / perByte)
    bytes[at] = (bytes[at] as number) | (status << ((i % perByte) * bits))
  }
  return deflateSync(bytes, { level: constants.Z_BEST_COMPRESSION }).toString('base64url')
}
