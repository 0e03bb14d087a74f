// The hashes of a log entry: the chain hash (`entryHash`) and the RFC 9162 Merkle leaf hash.
import { createHash } from 'node:crypto'
import type { LogEntry } from '../model/index.ts'
import { canonicalJsonBytes } from './canonical-json.ts'

/** A log entry before hashing: everything the hashes cover. */
export type UnhashedLogEntry = Omit<LogEntry, 'entryHash' | 'leafHash'>

/** `prevHash` of the first entry, and `headHash` of the empty log. */
export const zeroHash = '0'.repeat(64)

/** RFC 9162 §2.1.1: leaves are hashed with a 0x00 prefix, interior nodes with 0x01. */
const leafPrefix = Buffer.from([0x00])

/** The canonical bytes of exactly the hashed fields, whatever else the object carries. */
export function canonicalEntryBytes(entry: UnhashedLogEntry): Buffer {
  const hashed: Record<string, unknown> = {
    seq: entry.seq,
    recordedAt: entry.recordedAt,
    actor: entry.actor,
    reason: entry.reason,
    change: entry.change,
    prevHash: entry.prevHash,
  }
  if (entry.sourceId !== undefined) hashed.sourceId = entry.sourceId
  return canonicalJsonBytes(hashed)
}

export function entryHash(entry: UnhashedLogEntry): string {
  return createHash('sha256').update(canonicalEntryBytes(entry)).digest('hex')
}

export function leafHash(entry: UnhashedLogEntry): string {
  return createHash('sha256').update(leafPrefix).update(canonicalEntryBytes(entry)).digest('hex')
}

/** Both hashes over one canonicalisation. */
export function hashEntry(entry: UnhashedLogEntry): LogEntry {
  const bytes = canonicalEntryBytes(entry)
  const fields: UnhashedLogEntry = {
    seq: entry.seq,
    recordedAt: entry.recordedAt,
    actor: entry.actor,
    reason: entry.reason,
    ...(entry.sourceId === undefined ? {} : { sourceId: entry.sourceId }),
    change: entry.change,
    prevHash: entry.prevHash,
  }
  return {
    ...fields,
    entryHash: createHash('sha256').update(bytes).digest('hex'),
    leafHash: createHash('sha256').update(leafPrefix).update(bytes).digest('hex'),
  }
}
