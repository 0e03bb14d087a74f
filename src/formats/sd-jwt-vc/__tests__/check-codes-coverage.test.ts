// Every check code the SD-JWT VC verifier can record is asserted by at least one test.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { isCheckCode } from '../../../report/check-codes.ts'

const here = dirname(fileURLToPath(import.meta.url))
const moduleDir = join(here, '..')

const quotedCodes = (text: string): Set<string> =>
  new Set(
    [...text.matchAll(/'([a-z0-9]+\.[a-z_]+)'/g)].map((m) => m[1] as string).filter(isCheckCode),
  )

const read = (dir: string, keep: (name: string) => boolean): string =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && keep(name))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n')

test('each code used by src/formats/sd-jwt-vc appears in its tests', () => {
  const used = quotedCodes(read(moduleDir, () => true))
  const tested = quotedCodes(
    read(here, (name) => name.endsWith('.test.ts') && !name.startsWith('check-codes')),
  )
  assert.ok(used.size > 30, `found ${used.size} codes in the module`)
  const untested = [...used].filter((code) => !tested.has(code)).sort()
  assert.deepEqual(untested, [])
})
