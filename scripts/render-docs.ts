// Writes the generated documentation: docs/check-codes.md from the check-code table.
import { writeFileSync } from 'node:fs'
import { renderCheckCodes } from '../src/report/render-check-codes.ts'

writeFileSync(new URL('../docs/check-codes.md', import.meta.url), renderCheckCodes())
console.log('wrote docs/check-codes.md')
