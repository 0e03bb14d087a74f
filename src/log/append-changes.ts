// Appends changes to the log and applies them to the registry, all in one transaction or not at all.
import type { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import {
  type Change,
  type ChangeContext,
  type LogEntry,
  zChange,
  zChangeContext,
} from '../model/index.ts'
import { ReferenceChecker } from '../registry/check-references.ts'
import { projectChange } from '../registry/project-change.ts'
import type { Store } from '../store/store.ts'
import type { Clock } from '../util/clock.ts'
import { hashEntry } from './hash-entry.ts'
import { insertLogEntry, lockLogHead, setLogHead } from './log-rows.ts'

/**
 * Validates `changes` and `context`, then, holding the log head, checks each change against the
 * registry as the earlier ones left it, appends it to the hash chain and applies it. Any refusal
 * rolls the whole batch back. Returns the new entries, in log order.
 */
export async function appendChanges(
  store: Store,
  changes: readonly Change[],
  context: ChangeContext,
  clock: Clock,
): Promise<LogEntry[]> {
  const { parsedChanges, parsedContext } = validate(changes, context)
  if (parsedChanges.length === 0) return []
  const recordedAt = new Date(clock.now()).toISOString()
  return store.transaction(async (tx) => {
    // Taken first: concurrent appenders wait here, then read the projection this one left.
    const head = await lockLogHead(tx)
    const checker = new ReferenceChecker(tx)
    const { sourceId } = parsedContext
    if (sourceId !== undefined) {
      const registersIt = parsedChanges.some(
        (c) => c.type === 'source.put' && c.source.id === sourceId,
      )
      if (!registersIt && !(await checker.exists('sources', sourceId))) {
        throw new KakehashiError(
          'registry.change_invalid',
          `source ${sourceId} named in the change context is not registered`,
          { sourceId },
        )
      }
    }
    const entries: LogEntry[] = []
    let prevHash = head.headHash
    for (const [index, change] of parsedChanges.entries()) {
      const problems = await checker.problems(change)
      if (problems.length > 0) {
        throw new KakehashiError(
          'registry.change_invalid',
          `change ${index} (${change.type}) refused: ${problems.join('; ')}`,
          { index, type: change.type, problems },
        )
      }
      const entry = hashEntry({
        seq: head.size + index,
        recordedAt,
        actor: parsedContext.actor,
        reason: parsedContext.reason,
        ...(sourceId === undefined ? {} : { sourceId }),
        change,
        prevHash,
      })
      await insertLogEntry(tx, entry)
      await projectChange(tx, change, { seq: entry.seq, recordedAt })
      checker.applied(change)
      entries.push(entry)
      prevHash = entry.entryHash
    }
    await setLogHead(tx, { size: head.size + entries.length, headHash: prevHash })
    return entries
  })
}

function validate(
  changes: readonly Change[],
  context: ChangeContext,
): { parsedChanges: Change[]; parsedContext: ChangeContext } {
  if (!Array.isArray(changes)) {
    throw new KakehashiError('registry.change_invalid', 'changes must be an array')
  }
  const contextResult = zChangeContext.safeParse(context)
  if (!contextResult.success) {
    throw new KakehashiError('registry.change_invalid', 'the change context is invalid', {
      issues: describeIssues(contextResult.error.issues),
    })
  }
  const parsedChanges: Change[] = []
  const issues: Array<{ index: number; issues: ReturnType<typeof describeIssues> }> = []
  for (const [index, change] of changes.entries()) {
    const result = zChange.safeParse(change)
    if (result.success) parsedChanges.push(result.data)
    else issues.push({ index, issues: describeIssues(result.error.issues) })
  }
  if (issues.length > 0) {
    const first = issues[0]
    throw new KakehashiError(
      'registry.change_invalid',
      `${issues.length} change(s) invalid, first at index ${first?.index}: ${first?.issues[0]?.message ?? ''}`,
      { issues },
    )
  }
  // PostgreSQL's jsonb cannot hold U+0000; refusing it here keeps the failure a validation one.
  const nul = parsedChanges.findIndex((c) => JSON.stringify(c).includes('\\u0000'))
  if (nul >= 0 || JSON.stringify(contextResult.data).includes('\\u0000')) {
    throw new KakehashiError('registry.change_invalid', 'changes may not contain U+0000', {
      index: nul,
    })
  }
  return { parsedChanges, parsedContext: contextResult.data }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]) {
  return issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    code: issue.code,
    message: issue.message,
  }))
}
