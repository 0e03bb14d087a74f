// The record of what a verification checked: each step with its outcome, code and explanation.
import type { CheckCode, CheckName } from './check-codes.ts'

export type CheckStatus = 'passed' | 'failed' | 'skipped'

export interface Check {
  check: CheckName
  status: CheckStatus
  /** Present when the check failed: the stable code from the table in `check-codes.ts`. */
  code?: CheckCode
  message: string
  detail?: Record<string, unknown>
}

export class CheckList {
  readonly #checks: Check[] = []

  pass(check: CheckName, message: string, detail?: Record<string, unknown>): void {
    this.#checks.push(
      detail ? { check, status: 'passed', message, detail } : { check, status: 'passed', message },
    )
  }

  fail(check: CheckName, code: CheckCode, message: string, detail?: Record<string, unknown>): void {
    this.#checks.push(
      detail
        ? { check, status: 'failed', code, message, detail }
        : { check, status: 'failed', code, message },
    )
  }

  skip(check: CheckName, message: string): void {
    this.#checks.push({ check, status: 'skipped', message })
  }

  get failed(): boolean {
    return this.#checks.some((c) => c.status === 'failed')
  }

  /** Failure codes in the order they were found. */
  get failureCodes(): CheckCode[] {
    const codes: CheckCode[] = []
    for (const check of this.#checks) if (check.code !== undefined) codes.push(check.code)
    return codes
  }

  hasFailed(check: CheckName): boolean {
    return this.#checks.some((c) => c.check === check && c.status === 'failed')
  }

  toArray(): Check[] {
    return [...this.#checks]
  }
}
