// Reading the log: pages of entries, the current checkpoint, and a full recomputation of the chain.
import { KakehashiError } from '../errors.ts'
import type { LogCheckpoint, LogEntry } from '../model/index.ts'
import type { Queryable } from '../store/store.ts'
import { hashEntry, zeroHash } from './hash-entry.ts'
import { readLogHead, selectLogEntries } from './log-rows.ts'

export const defaultReadLimit = 100
export const maxReadLimit = 1000

/** Entries from `fromSeq` on, in order, at most `limit` (capped at 1000). */
export async function readLog(
  q: Queryable,
  options: { fromSeq?: number; limit?: number } = {},
): Promise<LogEntry[]> {
  const fromSeq = options.fromSeq ?? 0
  const limit = options.limit ?? defaultReadLimit
  if (!Number.isSafeInteger(fromSeq) || fromSeq < 0) {
    throw new KakehashiError('input.invalid', 'fromSeq must be a non-negative integer', { fromSeq })
  }
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new KakehashiError('input.invalid', 'limit must be a positive integer', { limit })
  }
  return selectLogEntries(q, fromSeq, Math.min(limit, maxReadLimit))
}

/** The log's size and head hash: one row, cheap enough to poll. */
export function getCheckpoint(q: Queryable): Promise<LogCheckpoint> {
  return readLogHead(q)
}

export interface LogChainVerification extends LogCheckpoint {
  ok: true
}

/**
 * Recomputes every entry's hashes and links up to the current head, and checks the head row
 * agrees. Entries appended meanwhile lie past the head read first and are not visited.
 * Throws `log.integrity` naming the first bad seq.
 */
export async function verifyLogChain(
  q: Queryable,
  options: { pageSize?: number } = {},
): Promise<LogChainVerification> {
  const pageSize = options.pageSize ?? 500
  const head = await readLogHead(q)
  let expectedSeq = 0
  let prevHash = zeroHash
  while (expectedSeq < head.size) {
    const page = await selectLogEntries(q, expectedSeq, pageSize, head.size)
    if (page.length === 0) fail(expectedSeq, `entry ${expectedSeq} is missing`)
    for (const entry of page) {
      if (entry.seq !== expectedSeq) fail(expectedSeq, `entry ${expectedSeq} is missing`)
      if (entry.prevHash !== prevHash) {
        fail(entry.seq, `entry ${entry.seq} does not chain to entry ${entry.seq - 1}`)
      }
      const recomputed = hashEntry(entry)
      if (recomputed.entryHash !== entry.entryHash) {
        fail(entry.seq, `entry ${entry.seq}: entryHash does not match its content`)
      }
      if (recomputed.leafHash !== entry.leafHash) {
        fail(entry.seq, `entry ${entry.seq}: leafHash does not match its content`)
      }
      prevHash = entry.entryHash
      expectedSeq += 1
    }
  }
  if (prevHash !== head.headHash) {
    fail(head.size - 1, `the log head's hash is not that of entry ${head.size - 1}`)
  }
  // Rows past the head were never acknowledged: forged, or left by a broken append.
  const stray = await q.query<{ seq: number | string }>(
    'SELECT seq FROM log_entries WHERE seq >= $1 ORDER BY seq LIMIT 1',
    [head.size],
  )
  const strayRow = stray.rows[0]
  if (strayRow !== undefined && (await readLogHead(q)).size <= Number(strayRow.seq)) {
    fail(Number(strayRow.seq), `entry ${strayRow.seq} lies beyond the log head (size ${head.size})`)
  }
  return { ok: true, size: head.size, headHash: head.headHash }
}

function fail(seq: number, message: string): never {
  throw new KakehashiError('log.integrity', message, { seq })
}
