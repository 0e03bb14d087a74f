// The log entries behind recognition answers: each deciding rule with the `recognition.put` that wrote it.
import { KakehashiError } from '../../errors.ts'
import { readLog } from '../../log/read-log.ts'
import type { LogEntry } from '../../model/index.ts'
import type { Queryable } from '../../store/store.ts'
import type {
  RecognitionExplanation,
  RecognitionRuleDescription,
  RecognitionRuleRecord,
  RuleLogEntry,
} from './recognition-explanation-types.ts'

function toRuleLogEntry(entry: LogEntry): RuleLogEntry {
  return {
    seq: entry.seq,
    recordedAt: entry.recordedAt,
    actor: entry.actor,
    reason: entry.reason,
    ...(entry.sourceId !== undefined ? { sourceId: entry.sourceId } : {}),
    entryHash: entry.entryHash,
    prevHash: entry.prevHash,
  }
}

/**
 * The entry at `seq`, which must put rule `ruleId`: anything else means the projection and the log
 * disagree, and the answer would cite the wrong entry (`log.integrity`).
 */
export async function readRuleLogEntry(
  q: Queryable,
  seq: number,
  ruleId: string,
): Promise<RuleLogEntry> {
  const [entry] = await readLog(q, { fromSeq: seq, limit: 1 })
  if (
    entry === undefined ||
    entry.seq !== seq ||
    entry.change.type !== 'recognition.put' ||
    entry.change.rule.id !== ruleId
  ) {
    throw new KakehashiError(
      'log.integrity',
      `log entry ${seq} does not put recognition rule ${ruleId}, as the registry says it does`,
      { seq, ruleId },
    )
  }
  return toRuleLogEntry(entry)
}

async function withEntry(
  q: Queryable,
  record: RecognitionRuleRecord,
  read: Map<number, RuleLogEntry>,
): Promise<RecognitionRuleRecord> {
  const seq = record.logSeq
  if (seq === undefined) return record
  const entry = read.get(seq) ?? (await readRuleLogEntry(q, seq, record.id))
  read.set(seq, entry)
  return { ...record, logEntry: entry }
}

/** The explanation with the log entry of each deciding rule, each entry read once. */
export async function withLogEntries(
  q: Queryable,
  answer: RecognitionExplanation,
): Promise<RecognitionExplanation> {
  const read = new Map<number, RuleLogEntry>()
  const types = []
  for (const type of answer.types)
    types.push(
      type.rule === undefined ? type : { ...type, rule: await withEntry(q, type.rule, read) },
    )
  return { ...answer, types }
}

/** The description with the log entry of its rule. */
export async function withRuleLogEntry(
  q: Queryable,
  description: RecognitionRuleDescription,
): Promise<RecognitionRuleDescription> {
  return { ...description, rule: await withEntry(q, description.rule, new Map()) }
}
