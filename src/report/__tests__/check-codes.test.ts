import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { checkCodes } from '../check-codes.ts'
import { renderCheckCodes } from '../render-check-codes.ts'

test('docs/check-codes.md is the rendering of the check-code table (run `npm run docs`)', () => {
  const doc = readFileSync(new URL('../../../docs/check-codes.md', import.meta.url), 'utf8')
  assert.equal(doc, renderCheckCodes())
})

test('every check code is namespaced by its family and explained', () => {
  for (const [code, [check, meaning]] of Object.entries(checkCodes)) {
    // Families are lower-case words, `w3c` included.
    assert.match(code, /^[a-z][a-z0-9]*\.[a-z_]+$/, code)
    assert.ok(check.length > 0 && meaning.length > 20, code)
  }
})
