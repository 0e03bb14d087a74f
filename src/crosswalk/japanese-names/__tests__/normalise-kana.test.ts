// normaliseKana brings every kana spelling of a reading to full-width katakana and is idempotent; isKana says whether a text is kana.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { isKana, normaliseKana } from '../normalise-kana.ts'

test('normaliseKana turns hiragana into katakana', () => {
  assert.equal(normaliseKana('さとう ゆうこ'), 'サトウ ユウコ')
  assert.equal(normaliseKana('ぁゔゕゖゝゞ'), 'ァヴヵヶヽヾ')
})

test('normaliseKana turns half-width katakana into full-width, composing voiced kana', () => {
  assert.equal(normaliseKana('ｻﾄｳ'), 'サトウ')
  assert.equal(normaliseKana('ｶﾞｯｺｳ'), 'ガッコウ')
  assert.equal(normaliseKana('ﾊﾟｰｸ'), 'パーク')
})

test('normaliseKana keeps the long-vowel mark ー and the middle dot', () => {
  assert.equal(normaliseKana('にーな'), 'ニーナ')
  assert.equal(normaliseKana('ジョン・スミス'), 'ジョン・スミス')
})

test('normaliseKana composes a voicing mark the hiragana could not carry (わ゙ → ヷ)', () => {
  assert.equal(normaliseKana('わ\u3099'), 'ヷ')
})

test('normaliseKana leaves kanji, including variants and CJK compatibility ideographs, as they are', () => {
  assert.equal(normaliseKana('髙橋'), '髙橋')
  assert.equal(normaliseKana('𠮷田'), '𠮷田')
  assert.equal(normaliseKana('\uF929'), '\uF929')
  assert.equal(normaliseKana('\u{2F800}さ'), '\u{2F800}サ')
})

const kanaHeavy = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0x3040, max: 0x30ff }).map((c) => String.fromCodePoint(c)),
    fc.integer({ min: 0xff61, max: 0xff9f }).map((c) => String.fromCodePoint(c)),
    fc.constantFrom('\u3099', '\u309a', ' ', '\u3000', '髙', '𠮷', '\uF929', '\u{2F800}', 'A'),
  ),
})

test('property: normaliseKana is idempotent on kana-heavy and on arbitrary text', () => {
  const idempotent = (text: string) => normaliseKana(normaliseKana(text)) === normaliseKana(text)
  fc.assert(fc.property(kanaHeavy, idempotent), { numRuns: 5000 })
  fc.assert(fc.property(fc.string({ unit: 'binary' }), idempotent), { numRuns: 5000 })
})

test('isKana accepts hiragana, katakana, half-width kana, ー, ・ and spaces', () => {
  for (const text of [
    'さとう',
    'サトウ',
    'ｻﾄｳ',
    'ニーナ',
    'ジョン・スミス',
    'ヤマダ\u3000タロウ',
    'やまだ たろう',
  ])
    assert.equal(isKana(text), true, text)
})

test('isKana refuses kanji, Latin, digits, empty text and marks without a kana letter', () => {
  for (const text of ['髙橋', '𠮷田', '山田たろう', 'SATO', 'サトウ1', '', ' ', 'ー', 'ッ', '・'])
    assert.equal(isKana(text), false, text)
})

test('normaliseKana is idempotent on every BMP character, alone and before a voicing mark', () => {
  for (let point = 0; point <= 0xffff; point++) {
    if (point >= 0xd800 && point <= 0xdfff) continue
    for (const text of [String.fromCodePoint(point), `${String.fromCodePoint(point)}\u3099`]) {
      const once = normaliseKana(text)
      assert.equal(normaliseKana(once), once, point.toString(16))
    }
  }
})
