// The terms, limits and check codes of W3C Bitstring Status List v1.0 (Recommendation, 15 May 2025).
import type { CheckCode } from '../../report/check-codes.ts'

/** §3.2 step 2: the smallest list that gives holders herd privacy, unless an ecosystem sets another. */
export const minimumNumberOfEntries = 131_072

/** §2.1 `statusPurpose` values whose meaning the Recommendation fixes; others are refused. */
export const statusPurposes = ['revocation', 'suspension', 'refresh', 'message'] as const
export type StatusPurpose = (typeof statusPurposes)[number]

export const isStatusPurpose = (value: unknown): value is StatusPurpose =>
  typeof value === 'string' && (statusPurposes as readonly string[]).includes(value)

export const entryType = 'BitstringStatusListEntry'
export const listCredentialType = 'BitstringStatusListCredential'
export const listSubjectType = 'BitstringStatusList'

/**
 * Explicit bounds on what one credential may ask of the verifier. Processors "MAY choose to only
 * support bitstring entry sizes of 1" (§1.3); up to 8 bits (256 status messages) are read here.
 */
export const bitstringStatusLimits = {
  /** Most `credentialStatus` entries checked for one credential. */
  maxStatusEntries: 16,
  maxStatusSize: 8,
  /** Longest `statusListIndex` text; a longer number lies past any list this verifier inflates. */
  maxIndexDigits: 20,
  /** Most `statusPurpose` values one list credential may carry. */
  maxListPurposes: 8,
  /** Longest `statusMessage[].message` kept for a report. */
  maxMessageLength: 1024,
  /** Most URLs in one `statusReference`. */
  maxStatusReferences: 8,
} as const

/** One `BitstringStatusListEntry`, read and checked against the §2.1 MUST statements. */
export interface BitstringStatusListEntry {
  id?: string
  statusPurpose: StatusPurpose
  /** `statusListIndex`, an arbitrary-size integer. */
  statusListIndex: bigint
  statusListCredential: string
  /** The URL as messages may show it (`describeUrl`). */
  label: string
  statusSize: number
  /** `statusMessage` by status value, when the entry carries it. */
  statusMessage?: ReadonlyMap<number, string>
  statusReference?: string | string[]
  /** Set when the lenient mode accepted a JSON number for `statusListIndex`. */
  numericIndex?: true
}

/**
 * The check codes this step reports. Those beyond the shared `status.*` codes are:
 * - `status.type_unsupported`: a `credentialStatus` entry whose `type` or `statusPurpose` is not interpreted;
 * - `status.list_too_short`: STATUS_LIST_LENGTH_ERROR, fewer entries than the minimum;
 * - `status.purpose_mismatch`: STATUS_VERIFICATION_ERROR, the list does not serve the entry's purpose;
 * - `status.list_issuer_mismatch`: the list credential is issued by someone other than the credential's issuer.
 */
export type BitstringStatusCode =
  | Extract<
      CheckCode,
      | 'status.invalid'
      | 'status.suspended'
      | 'status.reference_invalid'
      | 'status.unavailable'
      | 'status.list_invalid'
      | 'status.list_signature_invalid'
      | 'status.index_out_of_range'
    >
  | 'status.type_unsupported'
  | 'status.list_too_short'
  | 'status.purpose_mismatch'
  | 'status.list_issuer_mismatch'

/** The codes a list load can fail with: every waiter on a shared load reports the same one. */
export type ListFailureCode = Extract<
  BitstringStatusCode,
  'status.unavailable' | 'status.list_invalid' | 'status.list_signature_invalid'
>

/** A failure that carries its check code out of parsing, loading or validating. */
export class BitstringStatusError extends Error {
  readonly code: BitstringStatusCode

  constructor(code: BitstringStatusCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'BitstringStatusError'
    this.code = code
  }
}
