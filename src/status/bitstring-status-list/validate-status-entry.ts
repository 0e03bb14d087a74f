// §3.2 Validate Algorithm, from a verified list onward: purpose, list length, range, and the result map.
import {
  type BitstringStatusListEntry,
  minimumNumberOfEntries as defaultMinimum,
  type StatusPurpose,
} from './bitstring-status-types.ts'
import type { VerifiedBitstringStatusList } from './parse-status-list-credential.ts'

/** §3.2 step 15's result: `valid` is true exactly when `status` is 0. */
export interface BitstringStatusResult {
  status: number
  purpose: StatusPurpose
  valid: boolean
  /** The entry's `statusMessage` for `status` (or "set"/"unset" without one), for the `message` purpose. */
  message?: string
}

export type ValidateStatusEntryResult =
  | { ok: true; result: BitstringStatusResult }
  | {
      ok: false
      code: 'status.purpose_mismatch' | 'status.list_too_short' | 'status.index_out_of_range'
      message: string
      detail?: Record<string, unknown>
    }

export interface ValidateStatusEntryOptions {
  /** §3.2 step 2: 131,072 unless an ecosystem specification establishes another lower bound. */
  minimumNumberOfEntries?: number
}

/** Validates one entry against the list it names; the list's proof and issuer were checked before. */
export function validateStatusEntry(
  entry: BitstringStatusListEntry,
  list: VerifiedBitstringStatusList,
  options: ValidateStatusEntryOptions = {},
): ValidateStatusEntryResult {
  const minimum = options.minimumNumberOfEntries ?? defaultMinimum
  // Step 5 (STATUS_VERIFICATION_ERROR): a list may serve several purposes; one must be the entry's.
  if (!list.purposes.includes(entry.statusPurpose)) {
    return {
      ok: false,
      code: 'status.purpose_mismatch',
      message: `the status list serves ${list.purposes.map((p) => JSON.stringify(p)).join(', ')}, not the entry's ${JSON.stringify(entry.statusPurpose)}`,
      detail: { listPurposes: [...list.purposes] },
    }
  }
  // Step 9 (STATUS_LIST_LENGTH_ERROR): herd privacy needs enough entries of this entry's size.
  const { bitLength } = list.bitstring
  const entries = Math.floor(bitLength / entry.statusSize)
  if (bitLength / entry.statusSize < minimum) {
    return {
      ok: false,
      code: 'status.list_too_short',
      message: `the status list holds ${entries} entries of ${entry.statusSize} bit(s), fewer than the minimum of ${minimum}`,
      detail: { bitLength, minimumNumberOfEntries: minimum },
    }
  }
  // Step 10 (RANGE_ERROR): the entry's bits must all lie inside the bitstring.
  const position = entry.statusListIndex * BigInt(entry.statusSize)
  const status = list.bitstring.valueAt(position, entry.statusSize)
  if (status === undefined) {
    return {
      ok: false,
      code: 'status.index_out_of_range',
      message: `index ${entry.statusListIndex} lies past the end of the status list (${entries} entries)`,
      detail: { size: entries },
    }
  }
  const result: BitstringStatusResult = {
    status,
    purpose: entry.statusPurpose,
    valid: status === 0,
  }
  if (entry.statusPurpose === 'message') result.message = messageFor(entry, status)
  return { ok: true, result }
}

function messageFor(entry: BitstringStatusListEntry, status: number): string {
  const message = entry.statusMessage?.get(status)
  if (message !== undefined) return message
  // §2.1: without `statusMessage`, 1 and 0 mean "set" and "unset" (sizes above 1 always carry one).
  return status === 0 ? 'unset' : 'set'
}

/** `0x…` text of a status value, as `statusMessage[].status` writes it. */
export const statusHex = (status: number): string => `0x${status.toString(16)}`
