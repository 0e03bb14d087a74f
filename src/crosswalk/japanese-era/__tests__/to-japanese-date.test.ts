// toJapaneseDate writes ISO dates as era dates, marks years and months that span an era change as not exact, and refuses bad input.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { toJapaneseDate } from '../to-japanese-date.ts'

const textOf = (iso: string, options?: Parameters<typeof toJapaneseDate>[1]): string => {
  const result = toJapaneseDate(iso, options)
  assert.ok(result.ok && result.exact, `${iso}: ${JSON.stringify(result)}`)
  return result.text
}
const codeOf = (iso: string): string => {
  const result = toJapaneseDate(iso)
  assert.ok(!result.ok, `${iso} was written as ${result.ok ? result.text : ''}`)
  return result.code
}

test('toJapaneseDate writes a day in kanji, with 元年 for the first year', () => {
  assert.equal(textOf('2026-03-25'), '令和8年3月25日')
  assert.equal(textOf('2019-05-01'), '令和元年5月1日')
  assert.equal(textOf('2019-04-30'), '平成31年4月30日')
  assert.equal(textOf('1989-01-07'), '昭和64年1月7日')
  assert.equal(textOf('1989-01-08'), '平成元年1月8日')
  assert.equal(textOf('1926-12-24'), '大正15年12月24日')
  assert.equal(textOf('1926-12-25'), '昭和元年12月25日')
  assert.equal(textOf('1873-01-01'), '明治6年1月1日')
})

test('toJapaneseDate writes 1年 when gannen is off', () => {
  assert.equal(textOf('2019-05-01', { gannen: false }), '令和1年5月1日')
})

test('toJapaneseDate writes the letter form without padding, and never 元 in it', () => {
  assert.equal(textOf('2026-03-25', { style: 'letter' }), 'R8.3.25')
  assert.equal(textOf('2019-05-01', { style: 'letter' }), 'R1.5.1')
  assert.equal(textOf('2019-04', { style: 'letter' }), 'H31.4')
  assert.equal(textOf('2026', { style: 'letter' }), 'R8')
})

test('toJapaneseDate returns the era and era year of an exact result', () => {
  assert.deepEqual(toJapaneseDate('2026-03-25'), {
    ok: true,
    exact: true,
    era: 'reiwa',
    eraYear: 8,
    text: '令和8年3月25日',
  })
})

test('toJapaneseDate writes a year or month inside one era exactly', () => {
  assert.equal(textOf('2026'), '令和8年')
  assert.equal(textOf('2026-03'), '令和8年3月')
  assert.equal(textOf('2019-05'), '令和元年5月')
  assert.equal(textOf('2019-04'), '平成31年4月')
  assert.equal(textOf('1873'), '明治6年')
})

test('toJapaneseDate marks a year in which the era changed as not exact and gives both readings', () => {
  const result = toJapaneseDate('2019')
  assert.ok(result.ok && !result.exact)
  assert.equal(result.text, '平成31年／令和元年')
  assert.match(result.reason, /令和 began on 2019-05-01/)
  assert.deepEqual(result.readings, [
    { era: 'heisei', eraYear: 31, text: '平成31年' },
    { era: 'reiwa', eraYear: 1, text: '令和元年' },
  ])
  for (const [year, text] of [
    ['1912', '明治45年／大正元年'],
    ['1926', '大正15年／昭和元年'],
    ['1989', '昭和64年／平成元年'],
  ]) {
    const changeover = toJapaneseDate(year as string)
    assert.ok(changeover.ok && !changeover.exact, year)
    assert.equal(changeover.text, text)
  }
})

test('toJapaneseDate marks a month in which the era changed as not exact', () => {
  const result = toJapaneseDate('1989-01')
  assert.ok(result.ok && !result.exact)
  assert.equal(result.text, '昭和64年1月／平成元年1月')
  const letter = toJapaneseDate('1989-01', { style: 'letter' })
  assert.ok(letter.ok && !letter.exact)
  assert.equal(letter.text, 'S64.1/H1.1')
})

test('toJapaneseDate refuses a date before 1873-01-01 with era.lunisolar', () => {
  assert.equal(codeOf('1872-12-31'), 'era.lunisolar')
  assert.equal(codeOf('1872'), 'era.lunisolar')
  assert.equal(codeOf('1868-10-23'), 'era.lunisolar')
  assert.equal(codeOf('0001-01-01'), 'era.lunisolar')
})

test('toJapaneseDate refuses an impossible date with era.invalid_date', () => {
  assert.equal(codeOf('2026-02-29'), 'era.invalid_date')
  assert.equal(codeOf('2026-13'), 'era.invalid_date')
  assert.equal(codeOf('2026-00-10'), 'era.invalid_date')
  assert.equal(codeOf('2026-04-31'), 'era.invalid_date')
  assert.equal(codeOf('2026-04-00'), 'era.invalid_date')
})

test('toJapaneseDate refuses malformed ISO text with era.malformed', () => {
  for (const iso of [
    '',
    '2026-3-25',
    '26-03-25',
    '2026-03-25T00:00:00Z',
    '20260325',
    '令和8年',
    ' 2026',
  ])
    assert.equal(codeOf(iso), 'era.malformed', iso)
  assert.equal(codeOf('2'.repeat(100)), 'era.malformed')
})
