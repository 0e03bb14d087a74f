// Reads a verified BitstringStatusListCredential (§2.2): its types, purposes, validity period, ttl and bitstring.
import { isoTime } from '../../lib/iso-time.ts'
import { isPlainObject } from '../../lib/parse-json.ts'
import { zIsoDateTime } from '../../model/common.ts'
import {
  bitstringStatusLimits,
  listCredentialType,
  listSubjectType,
} from './bitstring-status-types.ts'
import { type Bitstring, expandBitstring } from './expand-bitstring.ts'

/** A status list credential whose proof verified, decoded once and shared by every entry naming it. */
export interface VerifiedBitstringStatusList {
  /** The `statusListCredential` URL it was fetched from. */
  url: string
  /** The issuer the proof verification established. */
  issuer: string
  /** `credentialSubject.statusPurpose`: one or more strings. */
  purposes: readonly string[]
  bitstring: Bitstring
  /** When it was fetched, in ms since the epoch: `ttl` counts from here. */
  fetchedAtMs: number
  validFromMs?: number
  validUntilMs?: number
  /** `credentialSubject.ttl`, in milliseconds. */
  ttlMs?: number
}

export interface ParseStatusListCredentialInput {
  credential: Record<string, unknown>
  issuer: string
  url: string
  nowMs: number
  clockSkewSec: number
  maxInflatedBytes: number
}

export type ParseStatusListCredentialResult =
  | { ok: true; list: VerifiedBitstringStatusList }
  | { ok: false; code: 'status.list_invalid'; message: string }

/**
 * Checks the data model of the list credential and expands its bitstring. The list's `id` MAY
 * equal the URL (§2.2) and is not compared: lists are served from mirrors under other URLs, and
 * the validate algorithm (§3.2) does not use it.
 */
export function parseStatusListCredential(
  input: ParseStatusListCredentialInput,
): ParseStatusListCredentialResult {
  const invalid = (message: string): ParseStatusListCredentialResult => ({
    ok: false,
    code: 'status.list_invalid',
    message,
  })
  const { credential, url } = input
  if (!hasType(credential.type, listCredentialType)) {
    return invalid(`the status list credential \`type\` does not include ${listCredentialType}`)
  }
  const subject = credential.credentialSubject
  if (!isPlainObject(subject)) {
    return invalid('the status list credential `credentialSubject` is not one object')
  }
  if (!hasType(subject.type, listSubjectType)) {
    return invalid(`\`credentialSubject.type\` is not ${listSubjectType}`)
  }
  const purposes = readPurposes(subject.statusPurpose)
  if (purposes === undefined) {
    return invalid('`credentialSubject.statusPurpose` is not one or more strings')
  }

  const validFrom = readDate(credential.validFrom)
  const validUntil = readDate(credential.validUntil)
  if (validFrom === null)
    return invalid('the status list `validFrom` is not an XML Schema dateTimeStamp')
  if (validUntil === null) {
    return invalid('the status list `validUntil` is not an XML Schema dateTimeStamp')
  }
  const skewMs = input.clockSkewSec * 1000
  if (validFrom !== undefined && validFrom > input.nowMs + skewMs) {
    return invalid(`the status list is not valid before ${isoTime(validFrom)}`)
  }
  if (validUntil !== undefined && validUntil <= input.nowMs - skewMs) {
    return invalid(`the status list expired at ${isoTime(validUntil)}`)
  }

  const ttl = subject.ttl
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0)) {
    return invalid('`credentialSubject.ttl` is not a non-negative number of milliseconds')
  }

  const expanded = expandBitstring(subject.encodedList, {
    maxInflatedBytes: input.maxInflatedBytes,
  })
  if (!expanded.ok) return invalid(expanded.message)

  const list: VerifiedBitstringStatusList = {
    url,
    issuer: input.issuer,
    purposes,
    bitstring: expanded.bitstring,
    fetchedAtMs: input.nowMs,
  }
  if (validFrom !== undefined) list.validFromMs = validFrom
  if (validUntil !== undefined) list.validUntilMs = validUntil
  if (ttl !== undefined) list.ttlMs = ttl
  return { ok: true, list }
}

/** A JSON-LD `type`: one string or an array of strings, which must include `wanted`. */
function hasType(type: unknown, wanted: string): boolean {
  if (type === wanted) return true
  return Array.isArray(type) && type.includes(wanted) && type.every((t) => typeof t === 'string')
}

function readPurposes(value: unknown): string[] | undefined {
  const purposes = Array.isArray(value) ? value : [value]
  if (purposes.length === 0 || purposes.length > bitstringStatusLimits.maxListPurposes) {
    return undefined
  }
  return purposes.every((p) => typeof p === 'string') ? (purposes as string[]) : undefined
}

/** A VCDM 2.0 validity date (`dateTimeStamp`: the offset is required) in ms; null when malformed. */
function readDate(value: unknown): number | undefined | null {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !zIsoDateTime.safeParse(value).success) return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}
