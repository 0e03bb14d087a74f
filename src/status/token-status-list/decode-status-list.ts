// Reads a Token Status List: base64url → zlib inflate (bounded) → statuses packed least-significant bit first.
import { inflateSync } from 'node:zlib'
import { isPlainObject } from '../../lib/parse-json.ts'
import { isStatusListBits, type StatusListBits } from './status-types.ts'

/** A decoded status list: `size` entries of `bits` bits each. */
export interface StatusList {
  readonly bits: StatusListBits
  readonly size: number
  /** The status of entry `idx`, or undefined when `idx` is not an index of the list. */
  statusAt(idx: number): number | undefined
}

export type DecodeStatusListResult =
  | { ok: true; list: StatusList }
  | { ok: false; code: 'status.list_invalid'; message: string }

const base64url = /^[A-Za-z0-9_-]*$/

/**
 * Decodes a `status_list` object `{bits, lst}`. The inflated size is capped at
 * `maxInflatedBytes` so a small compressed list cannot expand without bound.
 */
export function decodeStatusList(
  statusList: unknown,
  options: { maxInflatedBytes: number },
): DecodeStatusListResult {
  const invalid = (message: string): DecodeStatusListResult => ({
    ok: false,
    code: 'status.list_invalid',
    message,
  })
  if (!isPlainObject(statusList)) return invalid('`status_list` is not an object')
  const { bits, lst } = statusList
  if (!isStatusListBits(bits)) return invalid('`status_list.bits` is not 1, 2, 4 or 8')
  if (typeof lst !== 'string' || lst === '' || !base64url.test(lst) || lst.length % 4 === 1) {
    return invalid('`status_list.lst` is not base64url')
  }
  let bytes: Buffer
  try {
    bytes = inflateSync(Buffer.from(lst, 'base64url'), {
      maxOutputLength: options.maxInflatedBytes,
    })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return invalid(
      code === 'ERR_BUFFER_TOO_LARGE'
        ? `\`status_list.lst\` inflates past ${options.maxInflatedBytes} bytes`
        : '`status_list.lst` is not zlib (RFC 1950) data',
    )
  }
  return { ok: true, list: statusListReader(new Uint8Array(bytes), bits) }
}

/** Reads packed statuses: entry i lives in byte floor(i*bits/8), starting from the low bits. */
export function statusListReader(bytes: Uint8Array, bits: StatusListBits): StatusList {
  const perByte = 8 / bits
  const mask = (1 << bits) - 1
  const size = bytes.length * perByte
  return {
    bits,
    size,
    statusAt(idx: number): number | undefined {
      if (!Number.isSafeInteger(idx) || idx < 0 || idx >= size) return undefined
      const byte = bytes[Math.floor(idx / perByte)] as number
      return (byte >> ((idx % perByte) * bits)) & mask
    },
  }
}
