// Japanese era dates (令和8年3月25日, R8.3.25, ㋿8年, partial dates) to ISO 8601 calendar dates.
import { erasOverlapping, eraTable, gregorianYearOf, lastDayOf } from './era-table.ts'
import { daysInMonth, isoDate, periodOf } from './gregorian-date.ts'
import {
  type JapaneseDateFailure,
  MAX_JAPANESE_DATE_LENGTH,
  refuse,
} from './japanese-date-failure.ts'
import { KANJI_NUMERAL_CHARS, readJapaneseNumeral } from './read-japanese-numeral.ts'
import type { Era, EraId } from './z-era-table.ts'

export interface JapaneseDate {
  ok: true
  era: EraId
  eraYear: number
  month?: number
  day?: number
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: as precise as the Japanese text, no more. */
  iso: string
}

export type JapaneseDateResult = JapaneseDate | JapaneseDateFailure

const NUMERAL = `(?:\\d{1,4}|[${KANJI_NUMERAL_CHARS}]{1,4})`
/** 8年3月25日, 元年5月1日, 三十一年, with spaces allowed between the parts. */
const KANJI_FORM = new RegExp(
  `^(元|${NUMERAL})\\s*年(?:\\s*(${NUMERAL})\\s*月(?:\\s*(${NUMERAL})\\s*日)?)?$`,
)
/** 8.3.25, 31.04.30, 1/5/1 (JIS X 0301 writes dots): one separator throughout. */
const NUMERIC_FORM = /^(\d{1,4})(?:\s*([./-])\s*(\d{1,2})(?:\s*\2\s*(\d{1,2}))?)?$/
/** What an era date with a name outside the table looks like (慶応4年, X8.3.25): not merely malformed. */
const UNKNOWN_ERA = new RegExp(
  `^(\\p{Script=Han}{1,4}?|[A-Za-z])\\s*(?:元|${NUMERAL})\\s*(?:年|[./-]|$)`,
  'u',
)

const readNumber = (text: string): number =>
  /^\d+$/.test(text) ? Number(text) : (readJapaneseNumeral(text) ?? Number.NaN)

/** The era the text starts with, by its kanji or its letter, and the rest of the text. */
function splitEra(text: string): { era: Era; rest: string } | undefined {
  for (const era of eraTable.eras) {
    if (text.startsWith(era.kanji)) return { era, rest: text.slice(era.kanji.length).trimStart() }
  }
  const letter = text[0]?.toUpperCase()
  const era = eraTable.eras.find((candidate) => candidate.letter === letter)
  return era === undefined ? undefined : { era, rest: text.slice(1).trimStart() }
}

/** The year, month and day of the text after the era, or `undefined` if it has no accepted form. */
function readParts(rest: string): [string, string?, string?] | undefined {
  const kanji = KANJI_FORM.exec(rest)
  if (kanji !== null) return [kanji[1] as string, kanji[2], kanji[3]]
  const numeric = NUMERIC_FORM.exec(rest)
  if (numeric !== null) return [numeric[1] as string, numeric[3], numeric[4]]
  return undefined
}

const writtenDate = (era: Era, eraYear: number, month?: number, day?: number): string =>
  `${era.kanji}${eraYear === 1 ? '元' : eraYear}年${month === undefined ? '' : `${month}月`}${day === undefined ? '' : `${day}日`}`

/**
 * Reads a Japanese era date in the forms found on certificates and in Japanese systems: kanji
 * (令和8年3月25日), 元年 or 1年 for the first year, full-width digits and the square era names
 * (folded by NFKC), kanji numerals (令和八年三月二十五日), the JIS X 0301 letter forms (R8.3.25,
 * H31.04.30, R1/5/1), and a year or a year and month alone (令和8年, 令和8年3月).
 *
 * Refused, never guessed: a day that does not exist (`era.invalid_date`), a date outside its
 * era (平成32年, 令和元年4月30日: `era.out_of_range`), any date before 1873-01-01, when Japan
 * kept the lunisolar calendar and arithmetic would give a wrong day (`era.lunisolar`).
 */
export function parseJapaneseDate(text: string): JapaneseDateResult {
  if (typeof text !== 'string') return refuse('era.malformed', 'not a text')
  if (text.length > MAX_JAPANESE_DATE_LENGTH)
    return refuse('era.malformed', `longer than ${MAX_JAPANESE_DATE_LENGTH} characters`)
  const normalised = text.normalize('NFKC').trim()
  const split = splitEra(normalised)
  const parts = split === undefined ? undefined : readParts(split.rest)
  if (split === undefined || parts === undefined) {
    const unknown = split === undefined ? UNKNOWN_ERA.exec(normalised) : null
    return unknown === null
      ? refuse('era.malformed', `${JSON.stringify(text)} is not a Japanese era date`)
      : refuse('era.unknown', `${unknown[1]} is not a known era (${knownEras()})`)
  }
  const { era } = split
  const [yearText, monthText, dayText] = parts
  const eraYear = yearText === '元' ? 1 : readNumber(yearText)
  const month = monthText === undefined ? undefined : readNumber(monthText)
  const day = dayText === undefined ? undefined : readNumber(dayText)
  if (Number.isNaN(eraYear) || Number.isNaN(month) || Number.isNaN(day))
    return refuse('era.malformed', `${JSON.stringify(text)} has a numeral that cannot be read`)
  if (eraYear < 1) return refuse('era.out_of_range', `an era has no year ${eraYear}`)
  if (month !== undefined && (month < 1 || month > 12))
    return refuse('era.invalid_date', `there is no month ${month}`)
  if (day !== undefined && (day < 1 || day > 31))
    return refuse('era.invalid_date', `there is no day ${day}`)

  const year = gregorianYearOf(era, eraYear)
  if (year > 9999) return refuse('era.out_of_range', `${era.kanji}${eraYear}年 is after 9999`)
  // Before the day validity: lunisolar months had 29 or 30 days, so 明治5年2月30日 was a real day.
  if (periodOf(year, month, 1).first < eraTable.gregorianFrom)
    return refuse(
      'era.lunisolar',
      `${writtenDate(era, eraYear, month, day)} is a lunisolar date (before ${eraTable.gregorianFrom}); it needs a calendar table, not arithmetic`,
    )
  if (month !== undefined && day !== undefined && day > daysInMonth(year, month))
    return refuse('era.invalid_date', `${isoDate(year, month, 1).slice(0, 7)} has no day ${day}`)

  const { first, last } = periodOf(year, month, day)
  if (!erasOverlapping(first, last).includes(era))
    return refuse(
      'era.out_of_range',
      `${writtenDate(era, eraYear, month, day)} is outside ${era.kanji}, which runs from ${era.start}${era.end === undefined ? '' : ` to ${lastDayOf(era)}`}`,
    )
  const iso =
    month === undefined
      ? String(year).padStart(4, '0')
      : day === undefined
        ? isoDate(year, month, 1).slice(0, 7)
        : isoDate(year, month, day)
  return {
    ok: true,
    era: era.id,
    eraYear,
    ...(month === undefined ? {} : { month }),
    ...(day === undefined ? {} : { day }),
    iso,
  }
}

const knownEras = (): string => eraTable.eras.map((era) => `${era.kanji} ${era.letter}`).join(', ')
