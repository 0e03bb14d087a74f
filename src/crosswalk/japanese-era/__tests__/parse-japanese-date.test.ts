// parseJapaneseDate reads every accepted notation to the right ISO date and refuses, with its code, what it must not guess.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MAX_JAPANESE_DATE_LENGTH } from '../japanese-date-failure.ts'
import { parseJapaneseDate } from '../parse-japanese-date.ts'

const isoOf = (text: string): string => {
  const result = parseJapaneseDate(text)
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.message}`)
  return result.iso
}
const codeOf = (text: string): string => {
  const result = parseJapaneseDate(text)
  assert.ok(!result.ok, `${text} was accepted as ${result.ok ? result.iso : ''}`)
  return result.code
}

test('parseJapaneseDate maps the days either side of each era change', () => {
  assert.equal(isoOf('平成31年4月30日'), '2019-04-30')
  assert.equal(isoOf('令和元年5月1日'), '2019-05-01')
  assert.equal(isoOf('昭和64年1月7日'), '1989-01-07')
  assert.equal(isoOf('平成元年1月8日'), '1989-01-08')
  assert.equal(isoOf('大正15年12月24日'), '1926-12-24')
  assert.equal(isoOf('昭和元年12月25日'), '1926-12-25')
  assert.equal(isoOf('明治45年7月29日'), '1912-07-29')
  assert.equal(isoOf('大正元年7月30日'), '1912-07-30')
  assert.equal(isoOf('明治6年1月1日'), '1873-01-01')
})

test('parseJapaneseDate returns the era, era year, month and day it read', () => {
  assert.deepEqual(parseJapaneseDate('令和8年3月25日'), {
    ok: true,
    era: 'reiwa',
    eraYear: 8,
    month: 3,
    day: 25,
    iso: '2026-03-25',
  })
})

test('parseJapaneseDate reads 元年 and 1年 alike', () => {
  assert.equal(isoOf('令和1年5月1日'), '2019-05-01')
  assert.equal(isoOf('令和元年5月1日'), '2019-05-01')
})

test('parseJapaneseDate reads full-width digits, kanji numerals and spaces', () => {
  assert.equal(isoOf('令和８年３月２５日'), '2026-03-25')
  assert.equal(isoOf('令和八年三月二十五日'), '2026-03-25')
  assert.equal(isoOf('平成三十一年四月三十日'), '2019-04-30')
  assert.equal(isoOf('平成十年十月十日'), '1998-10-10')
  assert.equal(isoOf('令和 8 年 3 月 25 日'), '2026-03-25')
  assert.equal(isoOf('令和\u30008年\u30003月25日'), '2026-03-25')
  assert.equal(isoOf(' 令和8年3月25日 '), '2026-03-25')
})

test('parseJapaneseDate reads the JIS X 0301 letter forms with dots, slashes and zero padding', () => {
  assert.equal(isoOf('R8.3.25'), '2026-03-25')
  assert.equal(isoOf('H31.04.30'), '2019-04-30')
  assert.equal(isoOf('R1/5/1'), '2019-05-01')
  assert.equal(isoOf('R01.05.01'), '2019-05-01')
  assert.equal(isoOf('Ｒ８．３．２５'), '2026-03-25')
  assert.equal(isoOf('S64.1.7'), '1989-01-07')
  assert.equal(isoOf('T1.7.30'), '1912-07-30')
  assert.equal(isoOf('M6.1.1'), '1873-01-01')
  assert.equal(isoOf('令和8.3.25'), '2026-03-25')
  assert.equal(isoOf('r8.3.25'), '2026-03-25')
})

test('parseJapaneseDate reads the square era ligatures', () => {
  assert.equal(isoOf('㋿8年3月25日'), '2026-03-25')
  assert.equal(isoOf('㍻31年4月30日'), '2019-04-30')
  assert.equal(isoOf('㍼64年1月7日'), '1989-01-07')
  assert.equal(isoOf('㍽15年12月24日'), '1926-12-24')
  assert.equal(isoOf('㍾45年7月29日'), '1912-07-29')
})

test('parseJapaneseDate reads a year alone and a year and month', () => {
  assert.deepEqual(parseJapaneseDate('令和8年'), {
    ok: true,
    era: 'reiwa',
    eraYear: 8,
    iso: '2026',
  })
  assert.deepEqual(parseJapaneseDate('令和8年3月'), {
    ok: true,
    era: 'reiwa',
    eraYear: 8,
    month: 3,
    iso: '2026-03',
  })
  assert.equal(isoOf('R8'), '2026')
  assert.equal(isoOf('R8.3'), '2026-03')
  assert.equal(isoOf('平成31年'), '2019')
  assert.equal(isoOf('昭和64年1月'), '1989-01')
})

test('parseJapaneseDate refuses a day that does not exist with era.invalid_date', () => {
  assert.equal(codeOf('令和元年2月30日'), 'era.invalid_date')
  assert.equal(codeOf('令和7年2月29日'), 'era.invalid_date')
  assert.equal(codeOf('令和8年13月1日'), 'era.invalid_date')
  assert.equal(codeOf('令和8年0月1日'), 'era.invalid_date')
  assert.equal(codeOf('令和8年4月31日'), 'era.invalid_date')
  assert.equal(isoOf('令和6年2月29日'), '2024-02-29')
})

test('parseJapaneseDate refuses a date outside its era with era.out_of_range', () => {
  assert.equal(codeOf('平成32年'), 'era.out_of_range')
  assert.equal(codeOf('令和元年4月30日'), 'era.out_of_range')
  assert.equal(codeOf('令和元年4月'), 'era.out_of_range')
  assert.equal(codeOf('昭和64年1月8日'), 'era.out_of_range')
  assert.equal(codeOf('昭和64年2月'), 'era.out_of_range')
  assert.equal(codeOf('昭和元年12月24日'), 'era.out_of_range')
  assert.equal(codeOf('大正15年12月25日'), 'era.out_of_range')
  assert.equal(codeOf('令和0年'), 'era.out_of_range')
})

test('parseJapaneseDate refuses lunisolar dates before 1873-01-01 with era.lunisolar', () => {
  assert.equal(codeOf('明治5年12月2日'), 'era.lunisolar')
  assert.equal(codeOf('明治5年'), 'era.lunisolar')
  assert.equal(codeOf('明治元年10月23日'), 'era.lunisolar')
  // A 30th of February existed in the lunisolar calendar: it is refused as lunisolar, not as impossible.
  assert.equal(codeOf('明治5年2月30日'), 'era.lunisolar')
})

test('parseJapaneseDate refuses an era outside the table with era.unknown', () => {
  assert.equal(codeOf('慶応4年1月1日'), 'era.unknown')
  assert.equal(codeOf('X8.3.25'), 'era.unknown')
})

test('parseJapaneseDate refuses text that is no era date with era.malformed', () => {
  for (const text of [
    '',
    'hello',
    '2026-03-25',
    '2026年3月25日',
    '令和',
    '令和8年3月25日生',
    '令和8年25日',
    'R8.3/25',
    '令和一十年',
    '令和8年3月25日 令和8年3月25日',
    '平成31年／令和元年',
  ])
    assert.equal(codeOf(text), 'era.malformed', text)
})

test('parseJapaneseDate refuses text beyond the length bound before reading it', () => {
  const padded = `令和8年3月25日${' '.repeat(MAX_JAPANESE_DATE_LENGTH)}`
  assert.equal(codeOf(padded), 'era.malformed')
  assert.equal(isoOf(`令和8年3月25日${' '.repeat(MAX_JAPANESE_DATE_LENGTH - 9)}`), '2026-03-25')
})
