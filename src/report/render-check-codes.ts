// Renders the check-code table as Markdown for docs/check-codes.md (kept in step by a test).
import { checkCodes } from './check-codes.ts'

export function renderCheckCodes(): string {
  const byCheck = new Map<string, [string, string][]>()
  for (const [code, [check, meaning]] of Object.entries(checkCodes)) {
    const rows = byCheck.get(check) ?? []
    rows.push([code, meaning])
    byCheck.set(check, rows)
  }
  const lines = [
    '# Verification check codes',
    '',
    'Every verification report lists the checks it ran (`checks[]`: `check`, `status` passed / failed / skipped,',
    '`message`) and, for each failure, one stable `code` from this table; `errors[]` repeats the failure codes in order.',
    'A report is `accepted` only when no check failed. Codes never change meaning; new ones may be added.',
    '',
    'This file is generated from `src/report/check-codes.ts` by `npm run docs`; a test keeps them in step.',
    '',
    '| code | check | meaning |',
    '|---|---|---|',
  ]
  for (const [check, rows] of byCheck) {
    for (const [code, meaning] of rows)
      lines.push(`| \`${code}\` | \`${check}\` | ${meaning.replaceAll('|', '\\|')} |`)
  }
  return `${lines.join('\n')}\n`
}
