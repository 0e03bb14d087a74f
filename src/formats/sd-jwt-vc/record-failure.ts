// Records a failed check under the step its code belongs to, so code and step never disagree.
import { type CheckCode, type CheckName, checkCodes } from '../../report/check-codes.ts'
import type { CheckList } from '../../report/check-list.ts'

export function recordFailure(
  checks: CheckList,
  code: CheckCode,
  message: string,
  detail?: Record<string, unknown>,
): void {
  checks.fail(checkCodes[code][0], code, message, detail)
}

/** Marks the steps that were not run because an earlier one failed. */
export function skipChecks(checks: CheckList, names: readonly CheckName[], reason: string): void {
  for (const name of names) checks.skip(name, reason)
}
