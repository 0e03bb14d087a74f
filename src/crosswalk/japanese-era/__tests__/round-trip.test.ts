// Property tests: ISO → era → ISO and era → ISO → era give back what went in, for every day from 1873 to 2100.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { parseJapaneseDate } from '../parse-japanese-date.ts'
import { toJapaneseDate } from '../to-japanese-date.ts'

// The eras written out again here, apart from the data file, so that a wrong row in it fails these tests.
const ERAS = [
  { kanji: '明治', letter: 'M', ligature: '㍾', start: '1868-10-23' },
  { kanji: '大正', letter: 'T', ligature: '㍽', start: '1912-07-30' },
  { kanji: '昭和', letter: 'S', ligature: '㍼', start: '1926-12-25' },
  { kanji: '平成', letter: 'H', ligature: '㍻', start: '1989-01-08' },
  { kanji: '令和', letter: 'R', ligature: '㋿', start: '2019-05-01' },
] as const
const CHANGEOVER_YEARS = new Set([1912, 1926, 1989, 2019])
const CHANGEOVER_MONTHS = new Set(['1912-07', '1926-12', '1989-01'])

const MS_PER_DAY = 86_400_000
const FIRST_DAY = Date.UTC(1873, 0, 1) / MS_PER_DAY
const LAST_DAY = Date.UTC(2100, 11, 31) / MS_PER_DAY
const isoOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10)

/** The era reading of a day, by the oracle table. */
function expected(iso: string) {
  const era = [...ERAS]
    .reverse()
    .find((candidate) => candidate.start <= iso) as (typeof ERAS)[number]
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  const eraYear = year - Number(era.start.slice(0, 4)) + 1
  return { era, eraYear, month, day }
}
const canonical = (iso: string): string => {
  const { era, eraYear, month, day } = expected(iso)
  return `${era.kanji}${eraYear === 1 ? '元' : eraYear}年${month}月${day}日`
}

const KANJI_DIGITS = '〇一二三四五六七八九'
function kanjiNumeral(n: number): string {
  if (n < 10) return KANJI_DIGITS[n] as string
  const tens = Math.floor(n / 10)
  const units = n % 10
  return `${tens === 1 ? '' : KANJI_DIGITS[tens]}十${units === 0 ? '' : KANJI_DIGITS[units]}`
}
const fullWidth = (n: number): string =>
  String(n).replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)))

const anyDay = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(isoOfDay)

/** The ways a Japanese document writes a day, drawn at random. */
const notation = fc.record({
  eraAs: fc.constantFrom('kanji', 'ligature', 'letter', 'lower-letter'),
  digits: fc.constantFrom('ascii', 'full-width', 'kanji'),
  gannen: fc.boolean(),
  form: fc.constantFrom('年月日', '.', '/', '-'),
  pad: fc.boolean(),
  space: fc.constantFrom('', ' ', '\u3000'),
})

type Notation = typeof notation extends fc.Arbitrary<infer T> ? T : never

function render(iso: string, how: Notation): string {
  const { era, eraYear, month, day } = expected(iso)
  const name =
    how.eraAs === 'kanji'
      ? era.kanji
      : how.eraAs === 'ligature'
        ? era.ligature
        : how.eraAs === 'letter'
          ? era.letter
          : era.letter.toLowerCase()
  if (how.form !== '年月日') {
    const number = (n: number) => (how.pad ? String(n).padStart(2, '0') : String(n))
    return `${name}${number(eraYear)}${how.form}${number(month)}${how.form}${number(day)}`
  }
  const number = (n: number) =>
    how.digits === 'ascii'
      ? String(n)
      : how.digits === 'full-width'
        ? fullWidth(n)
        : kanjiNumeral(n)
  const year = eraYear === 1 && how.gannen ? '元' : number(eraYear)
  const s = how.space
  return `${name}${s}${year}${s}年${s}${number(month)}${s}月${s}${number(day)}${s}日`
}

test('every day from 1873-01-01 to 2100-12-31 survives ISO → era text → ISO in both styles', () => {
  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    const iso = isoOfDay(day)
    for (const style of ['kanji', 'letter'] as const) {
      const written = toJapaneseDate(iso, { style })
      assert.ok(written.ok && written.exact, `${iso} ${style}`)
      const read = parseJapaneseDate(written.text)
      assert.ok(read.ok && read.iso === iso, `${iso} → ${written.text}`)
    }
  }
})

test('property: ISO → era text → ISO is the identity for any style and 元年 choice', () => {
  fc.assert(
    fc.property(anyDay, fc.constantFrom('kanji', 'letter'), fc.boolean(), (iso, style, gannen) => {
      const written = toJapaneseDate(iso, { style: style as 'kanji' | 'letter', gannen })
      if (!written.ok || !written.exact) return false
      const read = parseJapaneseDate(written.text)
      return read.ok && read.iso === iso
    }),
    { numRuns: 5000 },
  )
})

test('property: every notation of a day parses to that day and writes back as the canonical text', () => {
  fc.assert(
    fc.property(anyDay, notation, (iso, how) => {
      const text = render(iso, how)
      const read = parseJapaneseDate(text)
      assert.ok(read.ok, `${text}: ${read.ok ? '' : read.message}`)
      assert.equal(read.iso, iso, text)
      const written = toJapaneseDate(read.iso)
      assert.ok(written.ok && written.exact)
      assert.equal(written.text, canonical(iso), text)
    }),
    { numRuns: 5000 },
  )
})

test('property: the converter agrees with the oracle on each day either side of every era start', () => {
  for (const era of ERAS.slice(1)) {
    const start = Date.parse(era.start) / MS_PER_DAY
    for (let day = start - 3; day <= start + 3; day++) {
      const iso = isoOfDay(day)
      const written = toJapaneseDate(iso)
      assert.ok(written.ok && written.exact)
      assert.equal(written.text, canonical(iso))
    }
  }
})

test('a year is exact, and round-trips, exactly when no era starts after its 1 January', () => {
  for (let year = 1873; year <= 2100; year++) {
    const iso = String(year)
    const written = toJapaneseDate(iso)
    assert.ok(written.ok, iso)
    assert.equal(written.exact, !CHANGEOVER_YEARS.has(year), iso)
    if (written.exact) {
      const read = parseJapaneseDate(written.text)
      assert.ok(read.ok && read.iso === iso, written.text)
    } else {
      assert.equal(written.readings.length, 2)
      for (const reading of written.readings) {
        const read = parseJapaneseDate(reading.text)
        assert.ok(read.ok && read.iso === iso, reading.text)
      }
    }
  }
})

test('a year-month is exact, and round-trips, exactly when no era starts after its first day', () => {
  for (let year = 1873; year <= 2100; year++) {
    for (let month = 1; month <= 12; month++) {
      const iso = `${year}-${String(month).padStart(2, '0')}`
      for (const style of ['kanji', 'letter'] as const) {
        const written = toJapaneseDate(iso, { style })
        assert.ok(written.ok, iso)
        assert.equal(written.exact, !CHANGEOVER_MONTHS.has(iso), iso)
        const texts = written.exact ? [written.text] : written.readings.map((r) => r.text)
        for (const text of texts) {
          const read = parseJapaneseDate(text)
          assert.ok(read.ok && read.iso === iso, `${iso} → ${text}`)
        }
      }
    }
  }
})

test('property: a parsed year or year-month outside a changeover writes back as its canonical text', () => {
  fc.assert(
    fc.property(anyDay, fc.boolean(), (iso, withMonth) => {
      const { era, eraYear, month } = expected(iso)
      const partial = withMonth ? iso.slice(0, 7) : iso.slice(0, 4)
      const text = `${era.kanji}${eraYear === 1 ? '元' : eraYear}年${withMonth ? `${month}月` : ''}`
      const read = parseJapaneseDate(text)
      assert.ok(read.ok && read.iso === partial, text)
      const written = toJapaneseDate(read.iso)
      assert.ok(written.ok)
      const changeover = withMonth
        ? CHANGEOVER_MONTHS.has(partial)
        : CHANGEOVER_YEARS.has(Number(partial))
      assert.equal(written.exact, !changeover, partial)
      if (written.exact) assert.equal(written.text, text)
      else assert.ok(written.readings.some((reading) => reading.text === text))
    }),
    { numRuns: 3000 },
  )
})
