// kanaToPassportHepburn spells kana as the passport would, and refuses kanji: their reading cannot be derived.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { kanaToPassportHepburn } from '../kana-to-passport-hepburn.ts'

const latinOf = (kana: string): string => {
  const result = kanaToPassportHepburn(kana)
  assert.ok(result.ok, `${kana}: ${result.ok ? '' : result.message}`)
  return result.latin
}

test('kanaToPassportHepburn marks its result as derived by the passport Hepburn rule', () => {
  assert.deepEqual(kanaToPassportHepburn('サトウ'), {
    ok: true,
    latin: 'SATO',
    derived: true,
    rule: 'passport-hepburn',
  })
})

test('kanaToPassportHepburn does not write long vowels', () => {
  assert.equal(latinOf('サトウ'), 'SATO')
  assert.equal(latinOf('オオノ'), 'ONO')
  assert.equal(latinOf('ユウコ'), 'YUKO')
  assert.equal(latinOf('キョウコ'), 'KYOKO')
  assert.equal(latinOf('ジュンイチロウ'), 'JUNICHIRO')
  assert.equal(latinOf('オオコウチ'), 'OKOCHI')
  assert.equal(latinOf('リョウタロウ'), 'RYOTARO')
  assert.equal(latinOf('ニーナ'), 'NINA')
  assert.equal(latinOf('サリー'), 'SARI')
})

test('kanaToPassportHepburn keeps EI, II and a name-final オ after an O', () => {
  assert.equal(latinOf('サンペイ'), 'SAMPEI')
  assert.equal(latinOf('ニイナ'), 'NIINA')
  assert.equal(latinOf('ヨコオ'), 'YOKOO')
  assert.equal(latinOf('セノオ'), 'SENOO')
  assert.equal(latinOf('タカトオ'), 'TAKATOO')
  assert.equal(latinOf('タカトウ'), 'TAKATO')
})

test('kanaToPassportHepburn writes ン before B, M, P as M and elsewhere as N without apostrophe', () => {
  assert.equal(latinOf('ナンバ'), 'NAMBA')
  assert.equal(latinOf('ホンマ'), 'HOMMA')
  assert.equal(latinOf('カンノ'), 'KANNO')
  assert.equal(latinOf('ホンダ'), 'HONDA')
  assert.equal(latinOf('シンヤ'), 'SHINYA')
})

test('kanaToPassportHepburn doubles the consonant after ッ, and writes T before CH', () => {
  assert.equal(latinOf('ハッチョウ'), 'HATCHO')
  assert.equal(latinOf('ホッチ'), 'HOTCHI')
  assert.equal(latinOf('ハットリ'), 'HATTORI')
  assert.equal(latinOf('キッカワ'), 'KIKKAWA')
  assert.equal(latinOf('イッシキ'), 'ISSHIKI')
  assert.equal(latinOf('ベップ'), 'BEPPU')
})

test('kanaToPassportHepburn writes the Hepburn consonants and yōon', () => {
  assert.equal(latinOf('シチツフジヂズヅ'), 'SHICHITSUFUJIJIZUZU')
  assert.equal(
    latinOf('キャシュチョニャヒュミョリャギュジョビャピョ'),
    'KYASHUCHONYAHYUMYORYAGYUJOBYAPYO',
  )
  assert.equal(latinOf('ヰヱヲ'), 'IEO')
})

test('kanaToPassportHepburn writes foreign sounds as the passport table does, ヴ as BU', () => {
  assert.equal(latinOf('ジェ'), 'JIE')
  assert.equal(latinOf('チェ'), 'CHIE')
  assert.equal(latinOf('ティ'), 'TEI')
  assert.equal(latinOf('ディ'), 'DEI')
  assert.equal(latinOf('デュ'), 'DEYU')
  assert.equal(latinOf('ファフィフェフォ'), 'FUAFUIFUEFUO')
  assert.equal(latinOf('ヴ'), 'BU')
  assert.equal(latinOf('ヴァ'), 'BUA')
})

test('kanaToPassportHepburn reads hiragana and half-width katakana, and separates words', () => {
  assert.equal(latinOf('さとう'), 'SATO')
  assert.equal(latinOf('ｻﾄｳ'), 'SATO')
  assert.equal(latinOf('ヤマダ\u3000タロウ'), 'YAMADA TARO')
  assert.equal(latinOf('ジョン・スミス'), 'JON SUMISU')
})

test('kanaToPassportHepburn refuses kanji names, naming the character whole', () => {
  for (const [name, char] of [
    ['髙橋', '髙'],
    ['𠮷田', '𠮷'],
    ['山田たろう', '山'],
  ] as const) {
    const result = kanaToPassportHepburn(name)
    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.code, 'name.not_kana')
    assert.ok(!result.ok && result.message.includes(char), result.ok ? '' : result.message)
  }
  const surrogates = kanaToPassportHepburn('𠮷田')
  assert.ok(
    !surrogates.ok &&
      !/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/.test(
        surrogates.message.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''),
      ),
  )
})

test('kanaToPassportHepburn refuses Latin, digits and text without a kana letter', () => {
  for (const text of ['SATO', 'サトウ2', '', 'ー', 'ッ'])
    assert.equal(kanaToPassportHepburn(text).ok, false, text)
})

const katakana = fc.integer({ min: 0x30a1, max: 0x30fa }).map((c) => String.fromCodePoint(c))
const anyKatakanaChar = fc.oneof(katakana, fc.constantFrom('ー', 'ヽ', 'ヾ', 'ッ'))
const katakanaString = fc
  .tuple(
    fc.array(anyKatakanaChar),
    katakana.filter((c) => c !== 'ッ'),
    fc.array(anyKatakanaChar),
  )
  .map(([before, letter, after]) => [...before, letter, ...after].join(''))

test('property: any katakana string romanises to upper-case ASCII letters only', () => {
  fc.assert(
    fc.property(katakanaString, (kana) => {
      const result = kanaToPassportHepburn(kana)
      return result.ok && /^[A-Z]+$/.test(result.latin)
    }),
    { numRuns: 10000 },
  )
})

test('property: hiragana and katakana of one reading romanise alike', () => {
  fc.assert(
    fc.property(katakanaString, (kana) => {
      const hiragana = kana.replace(/[\u30A1-\u30F6]/g, (c) =>
        String.fromCodePoint((c.codePointAt(0) as number) - 0x60),
      )
      const a = kanaToPassportHepburn(kana)
      const b = kanaToPassportHepburn(hiragana)
      return a.ok && b.ok && a.latin === b.latin
    }),
    { numRuns: 3000 },
  )
})
