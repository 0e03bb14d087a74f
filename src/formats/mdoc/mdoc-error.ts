// A failure found while reading an mdoc, carrying the report check and code it is recorded under.
import type { CheckCode, CheckName } from '../../report/check-codes.ts'

export class MdocError extends Error {
  constructor(
    readonly check: CheckName,
    readonly code: CheckCode,
    message: string,
  ) {
    super(message)
    this.name = 'MdocError'
  }
}

/** A structural fault: the input is CBOR, but not the mdoc structure ISO/IEC 18013-5 defines. */
export const malformed = (message: string): MdocError =>
  new MdocError('input.parse', 'mdoc.malformed', message)

export function mapOf(value: unknown, what: string): Map<unknown, unknown> {
  if (!(value instanceof Map)) throw malformed(`${what} is not a map`)
  return value
}

export function textOf(value: unknown, what: string): string {
  if (typeof value !== 'string') throw malformed(`${what} is not a text string`)
  return value
}

export function bytesOf(value: unknown, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw malformed(`${what} is not a byte string`)
  return value
}

export function arrayOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw malformed(`${what} is not an array`)
  return value
}

/** An unsigned integer within JavaScript's safe range (digest IDs, status indexes). */
export function uintOf(value: unknown, what: string): number {
  const n = typeof value === 'bigint' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw malformed(`${what} is not an unsigned integer`)
  return n
}
