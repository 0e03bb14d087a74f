// Reads a credential's `credentialStatus` (one entry or an array) into checked BitstringStatusListEntry values.
import { isPlainObject } from '../../lib/parse-json.ts'
import { isAllowedStatusListUrl, parseStatusListUri } from '../status-list-uri.ts'
import {
  type BitstringStatusListEntry,
  bitstringStatusLimits,
  entryType,
  isStatusPurpose,
} from './bitstring-status-types.ts'

export interface ParseCredentialStatusOptions {
  /** Whether a plain-http `statusListCredential` may be used (private fetches allowed, or a local source). */
  allowHttp(url: string): boolean
  /**
   * Accept a JSON number for `statusListIndex`. The Recommendation requires a base-10 string and a
   * non-conforming value raises MALFORMED_VALUE_ERROR, so this is off unless a deployment opts in.
   */
  allowNumericStatusListIndex?: boolean
}

/** One entry's outcome: entries are checked one by one, so one bad entry does not hide the others. */
export type ParsedStatusEntry =
  | { ok: true; entry: BitstringStatusListEntry }
  | { ok: false; code: 'status.type_unsupported' | 'status.reference_invalid'; message: string }

export type ParseCredentialStatusResult =
  | { ok: true; entries: ParsedStatusEntry[] }
  | { ok: false; message: string }

const decimal = /^[0-9]+$/
const hexStatus = /^0x[0-9a-fA-F]+$/

/** Splits `credentialStatus` into entries and reads each; the shape of the whole is checked first. */
export function parseCredentialStatus(
  credentialStatus: unknown,
  options: ParseCredentialStatusOptions,
): ParseCredentialStatusResult {
  const items = Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus]
  if (items.length === 0) return { ok: false, message: '`credentialStatus` is an empty array' }
  if (items.length > bitstringStatusLimits.maxStatusEntries) {
    return {
      ok: false,
      message: `\`credentialStatus\` has ${items.length} entries, more than the ${bitstringStatusLimits.maxStatusEntries} checked`,
    }
  }
  return { ok: true, entries: items.map((item) => parseStatusEntry(item, options)) }
}

/** Reads one `credentialStatus` entry of type BitstringStatusListEntry (§2.1). */
export function parseStatusEntry(
  value: unknown,
  options: ParseCredentialStatusOptions,
): ParsedStatusEntry {
  const malformed = (message: string): ParsedStatusEntry => ({
    ok: false,
    code: 'status.reference_invalid',
    message,
  })
  if (!isPlainObject(value)) return malformed('a `credentialStatus` entry is not an object')
  if (value.type !== entryType) {
    return {
      ok: false,
      code: 'status.type_unsupported',
      message: `a \`credentialStatus\` entry of type ${JSON.stringify(value.type)} is not a ${entryType}; its status cannot be learned`,
    }
  }
  const { statusPurpose, statusListCredential } = value
  if (typeof statusPurpose !== 'string') return malformed('`statusPurpose` is not a string')
  if (!isStatusPurpose(statusPurpose)) {
    return {
      ok: false,
      code: 'status.type_unsupported',
      message: `\`statusPurpose\` ${JSON.stringify(statusPurpose)} is not one of revocation, suspension, refresh, message`,
    }
  }

  const index = readIndex(value.statusListIndex, options.allowNumericStatusListIndex === true)
  if (typeof index === 'string') return malformed(index)

  if (typeof statusListCredential !== 'string') {
    return malformed('`statusListCredential` is not a string')
  }
  const url = parseStatusListUri(statusListCredential)
  if (url === null) return malformed('`statusListCredential` is not an absolute URL')
  if (!isAllowedStatusListUrl(url, statusListCredential, options.allowHttp)) {
    return malformed('`statusListCredential` is not an https URL')
  }
  if (value.id !== undefined && typeof value.id !== 'string') {
    return malformed('the entry `id` is not a string')
  }
  if (value.id === statusListCredential) {
    return malformed('the entry `id` is the status list URL, which §2.1 forbids')
  }

  const size = value.statusSize ?? 1
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
    return malformed('`statusSize` is not an integer greater than zero')
  }
  if (size > bitstringStatusLimits.maxStatusSize) {
    return malformed(
      `\`statusSize\` ${size} is larger than the ${bitstringStatusLimits.maxStatusSize} bits supported`,
    )
  }
  const messages = readStatusMessage(value.statusMessage, size)
  if (typeof messages === 'string') return malformed(messages)

  const reference = readStatusReference(value.statusReference)
  if (reference === null) return malformed('`statusReference` is not a URL or an array of URLs')

  const entry: BitstringStatusListEntry = {
    statusPurpose,
    statusListIndex: index.value,
    statusListCredential,
    label: url.label,
    statusSize: size,
  }
  if (value.id !== undefined) entry.id = value.id
  if (messages !== undefined) entry.statusMessage = messages
  if (reference !== undefined) entry.statusReference = reference
  if (index.numeric) entry.numericIndex = true
  return { ok: true, entry }
}

/** `statusListIndex`: base-10 digits, or (lenient mode only) a non-negative safe integer. */
function readIndex(
  value: unknown,
  allowNumber: boolean,
): { value: bigint; numeric: boolean } | string {
  if (typeof value === 'number') {
    if (!allowNumber) return '`statusListIndex` is a JSON number, not a base-10 string'
    if (!Number.isSafeInteger(value) || value < 0) {
      return '`statusListIndex` is not a non-negative integer'
    }
    return { value: BigInt(value), numeric: true }
  }
  if (typeof value !== 'string' || !decimal.test(value)) {
    return '`statusListIndex` is not a non-negative integer written in base 10'
  }
  if (value.length > bitstringStatusLimits.maxIndexDigits) {
    return `\`statusListIndex\` has more than ${bitstringStatusLimits.maxIndexDigits} digits`
  }
  return { value: BigInt(value), numeric: false }
}

/**
 * `statusMessage`: MUST be present when `statusSize` > 1 and then hold exactly 2^statusSize
 * `{status: "0x…", message}` objects. Every value gets exactly one message, so a repeated or
 * out-of-range `status` is malformed (it would leave another value without one).
 */
function readStatusMessage(
  value: unknown,
  size: number,
): ReadonlyMap<number, string> | undefined | string {
  if (value === undefined) {
    return size > 1 ? '`statusSize` is greater than 1 but `statusMessage` is absent' : undefined
  }
  const count = 2 ** size
  if (!Array.isArray(value) || value.length !== count) {
    return `\`statusMessage\` is not an array of ${count} entries (2^statusSize)`
  }
  const messages = new Map<number, string>()
  for (const item of value) {
    if (!isPlainObject(item)) return 'a `statusMessage` entry is not an object'
    const { status, message } = item
    if (typeof status !== 'string' || !hexStatus.test(status)) {
      return 'a `statusMessage` entry `status` is not a 0x-prefixed hexadecimal string'
    }
    if (typeof message !== 'string') return 'a `statusMessage` entry `message` is not a string'
    if (message.length > bitstringStatusLimits.maxMessageLength) {
      return `a \`statusMessage\` message is longer than ${bitstringStatusLimits.maxMessageLength} characters`
    }
    const code = Number.parseInt(status.slice(2), 16)
    if (code >= count) return `\`statusMessage\` status ${status} does not fit in ${size} bits`
    if (messages.has(code)) return `\`statusMessage\` lists status ${status} twice`
    messages.set(code, message)
  }
  return messages
}

/** `statusReference`: a URL or an array of URLs; `null` when it is neither. */
function readStatusReference(value: unknown): string | string[] | undefined | null {
  if (value === undefined) return undefined
  const urls = Array.isArray(value) ? value : [value]
  if (urls.length === 0 || urls.length > bitstringStatusLimits.maxStatusReferences) return null
  for (const url of urls) if (typeof url !== 'string' || !URL.canParse(url)) return null
  return value as string | string[]
}
