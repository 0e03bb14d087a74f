// foldLatinForComparison maps the spellings one name takes across schemes to one key, idempotently.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { foldLatinForComparison as fold } from '../fold-latin-for-comparison.ts'

test('foldLatinForComparison folds every written long O and long U', () => {
  for (const spelling of ['ONO', 'OHNO', 'OONO', 'OUNO', 'Ōno', 'ôno'])
    assert.equal(fold(spelling), 'ONO', spelling)
  for (const spelling of ['KATO', 'KATOH', 'KATOU', 'KATOO', 'Katō'])
    assert.equal(fold(spelling), 'KATO', spelling)
  assert.equal(fold('YUUKO'), 'YUKO')
  assert.equal(fold('Yūko'), 'YUKO')
})

test('foldLatinForComparison keeps an H that starts a syllable', () => {
  assert.equal(fold('KOHARU'), 'KOHARU')
  assert.equal(fold('Ohara'), 'OHARA')
})

test('foldLatinForComparison folds M before B, M, P to N', () => {
  assert.equal(fold('HOMMA'), fold('HONMA'))
  assert.equal(fold('NAMBA'), 'NANBA')
  assert.equal(fold('SAMPEI'), 'SANPEI')
  assert.equal(fold('MAMI'), 'MAMI')
})

test('foldLatinForComparison drops case, white space, apostrophes and full-width forms', () => {
  assert.equal(fold("Shin'ya"), 'SHINYA')
  assert.equal(fold('Yamada Tarō'), 'YAMADATARO')
  assert.equal(fold('ＳＡＴＯ'), 'SATO')
})

test('foldLatinForComparison keeps apart names that differ in more than vowel length', () => {
  assert.notEqual(fold('SATO'), fold('SAITO'))
  assert.notEqual(fold('NIINA'), fold('NINA'))
})

test('property: foldLatinForComparison is idempotent', () => {
  const idempotent = (text: string) => fold(fold(text)) === fold(text)
  const nameLetters = fc.string({
    unit: fc.constantFrom(
      'O',
      'U',
      'H',
      'M',
      'B',
      'P',
      'N',
      'A',
      'Y',
      'o',
      'h',
      'Ō',
      'ū',
      ' ',
      "'",
    ),
    maxLength: 24,
  })
  fc.assert(fc.property(nameLetters, idempotent), { numRuns: 10000 })
  fc.assert(fc.property(fc.string({ unit: 'binary' }), idempotent), { numRuns: 5000 })
})

test('foldLatinForComparison is idempotent on every BMP character, alone and before OU', () => {
  for (let point = 0; point <= 0xffff; point++) {
    if (point >= 0xd800 && point <= 0xdfff) continue
    for (const text of [String.fromCodePoint(point), `${String.fromCodePoint(point)}OU`]) {
      const once = fold(text)
      assert.equal(fold(once), once, point.toString(16))
    }
  }
})
