// The log's rows in the database: the head row, inserting an entry, reading rows back as entries.
import type { Change, LogCheckpoint, LogEntry } from '../model/index.ts'
import type { Queryable } from '../store/store.ts'

export interface LogEntryRow {
  seq: number | string
  recorded_at: string
  actor: string
  reason: string
  source_id: string | null
  change: Change
  prev_hash: string
  entry_hash: string
  leaf_hash: string
}

export const logEntryColumns =
  'seq, recorded_at, actor, reason, source_id, change, prev_hash, entry_hash, leaf_hash'

interface HeadRow {
  size: number | string
  head_hash: string
}

const toCheckpoint = (row: HeadRow | undefined): LogCheckpoint => {
  if (row === undefined) throw new Error('log_head row is missing: the schema is not migrated')
  return { size: Number(row.size), headHash: row.head_hash }
}

/** The current head, without locking. */
export async function readLogHead(q: Queryable): Promise<LogCheckpoint> {
  const { rows } = await q.query<HeadRow>('SELECT size, head_hash FROM log_head')
  return toCheckpoint(rows[0])
}

/** The head, locked until the transaction ends: appenders and rebuilds queue up here. */
export async function lockLogHead(tx: Queryable): Promise<LogCheckpoint> {
  const { rows } = await tx.query<HeadRow>('SELECT size, head_hash FROM log_head FOR UPDATE')
  return toCheckpoint(rows[0])
}

export async function setLogHead(tx: Queryable, head: LogCheckpoint): Promise<void> {
  await tx.query('UPDATE log_head SET size = $1, head_hash = $2', [head.size, head.headHash])
}

export async function insertLogEntry(tx: Queryable, entry: LogEntry): Promise<void> {
  await tx.query(
    `INSERT INTO log_entries (${logEntryColumns}) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
    [
      entry.seq,
      entry.recordedAt,
      entry.actor,
      entry.reason,
      entry.sourceId ?? null,
      JSON.stringify(entry.change),
      entry.prevHash,
      entry.entryHash,
      entry.leafHash,
    ],
  )
}

export function rowToLogEntry(row: LogEntryRow): LogEntry {
  return {
    seq: Number(row.seq),
    recordedAt: row.recorded_at,
    actor: row.actor,
    reason: row.reason,
    ...(row.source_id === null ? {} : { sourceId: row.source_id }),
    change: row.change,
    prevHash: row.prev_hash,
    entryHash: row.entry_hash,
    leafHash: row.leaf_hash,
  }
}

/** Entries with `fromSeq <= seq < toSeq`, in order, at most `limit`. */
export async function selectLogEntries(
  q: Queryable,
  fromSeq: number,
  limit: number,
  toSeq?: number,
): Promise<LogEntry[]> {
  const { rows } =
    toSeq === undefined
      ? await q.query<LogEntryRow>(
          `SELECT ${logEntryColumns} FROM log_entries WHERE seq >= $1 ORDER BY seq LIMIT $2`,
          [fromSeq, limit],
        )
      : await q.query<LogEntryRow>(
          `SELECT ${logEntryColumns} FROM log_entries WHERE seq >= $1 AND seq < $2 ORDER BY seq LIMIT $3`,
          [fromSeq, toSeq, limit],
        )
  return rows.map(rowToLogEntry)
}
