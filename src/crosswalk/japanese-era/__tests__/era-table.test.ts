// The shipped era table holds the CLDR eras, and a table with a gap, overlap or clash is refused at load.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { KakehashiError } from '../../../errors.ts'
import { eraTable, eraTableUrl, readEraTable } from '../era-table.ts'

const shipped = () => JSON.parse(readFileSync(eraTableUrl, 'utf8'))

test('the shipped table holds the five modern eras with their CLDR start days', () => {
  assert.deepEqual(
    eraTable.eras.map((era) => [era.id, era.kanji, era.romaji, era.letter, era.start]),
    [
      ['meiji', '明治', 'Meiji', 'M', '1868-10-23'],
      ['taisho', '大正', 'Taishō', 'T', '1912-07-30'],
      ['showa', '昭和', 'Shōwa', 'S', '1926-12-25'],
      ['heisei', '平成', 'Heisei', 'H', '1989-01-08'],
      ['reiwa', '令和', 'Reiwa', 'R', '2019-05-01'],
    ],
  )
  assert.equal(eraTable.gregorianFrom, '1873-01-01')
})

test('readEraTable accepts the shipped table unchanged', () => {
  assert.deepEqual(readEraTable(shipped()), eraTable)
})

const refusedWith = (pattern: RegExp) => (error: unknown) =>
  error instanceof KakehashiError &&
  error.code === 'crosswalk.invalid' &&
  pattern.test(error.message)

test('readEraTable refuses a gap between two eras', () => {
  const table = shipped()
  table.eras[2].end = '1989-01-06'
  assert.throws(() => readEraTable(table), refusedWith(/showa must end on the day before heisei/))
})

test('readEraTable refuses eras out of order', () => {
  const table = shipped()
  ;[table.eras[3], table.eras[4]] = [table.eras[4], table.eras[3]]
  assert.throws(() => readEraTable(table), refusedWith(/does not start after/))
})

test('readEraTable refuses an end on the current era', () => {
  const table = shipped()
  table.eras[4].end = '2099-12-31'
  assert.throws(() => readEraTable(table), refusedWith(/last era reiwa must have no end/))
})

test('readEraTable refuses two eras with the same letter', () => {
  const table = shipped()
  table.eras[1].letter = 'M'
  assert.throws(() => readEraTable(table), refusedWith(/share the letter/))
})

test('readEraTable refuses a ligature that is not the era name under NFKC', () => {
  const table = shipped()
  table.eras[4].ligature = '㍻'
  assert.throws(() => readEraTable(table), refusedWith(/ligature of reiwa/))
})

test('readEraTable refuses an unknown era id, an impossible day and an unknown field', () => {
  const unknownId = shipped()
  unknownId.eras[0].id = 'keio'
  assert.throws(() => readEraTable(unknownId), refusedWith(/id/))
  const impossible = shipped()
  impossible.eras[4].start = '2019-02-30'
  assert.throws(() => readEraTable(impossible), refusedWith(/existing YYYY-MM-DD/))
  const extra = shipped()
  extra.eras[0].offset = 1867
  assert.throws(() => readEraTable(extra), refusedWith(/offset/))
})

test('readEraTable refuses a Gregorian cut-over before the first era', () => {
  const table = shipped()
  table.gregorianFrom = '1868-01-01'
  assert.throws(() => readEraTable(table), refusedWith(/before the first era/))
})
