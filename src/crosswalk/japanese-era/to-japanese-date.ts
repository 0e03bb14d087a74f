// ISO 8601 calendar dates (YYYY-MM-DD, YYYY-MM, YYYY) to Japanese era dates, saying when the era is not one.
import { erasOverlapping, eraTable, gregorianYearOf } from './era-table.ts'
import { daysInMonth, periodOf } from './gregorian-date.ts'
import {
  type JapaneseDateFailure,
  MAX_JAPANESE_DATE_LENGTH,
  refuse,
} from './japanese-date-failure.ts'
import type { Era, EraId } from './z-era-table.ts'

export interface ToJapaneseDateOptions {
  /** `kanji`: 令和8年3月25日 (the default); `letter`: the JIS X 0301 form R8.3.25. */
  style?: 'kanji' | 'letter'
  /** Write the first year of an era as 元年, as formal Japanese does (default `true`); kanji style only. */
  gannen?: boolean
}

/** One era reading of the date. */
export interface JapaneseDateReading {
  era: EraId
  eraYear: number
  text: string
}

export type JapaneseDateText =
  | ({ ok: true; exact: true } & JapaneseDateReading)
  | {
      ok: true
      /**
       * The year or month spans an era change (1989, 1989-01), so no single era date says it:
       * `text` lists every reading and `readings` holds them, oldest era first.
       */
      exact: false
      text: string
      reason: string
      readings: JapaneseDateReading[]
    }
  | JapaneseDateFailure

const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

function write(
  era: Era,
  eraYear: number,
  month: number | undefined,
  day: number | undefined,
  style: 'kanji' | 'letter',
  gannen: boolean,
): string {
  if (style === 'letter')
    return `${era.letter}${eraYear}${month === undefined ? '' : `.${month}`}${day === undefined ? '' : `.${day}`}`
  const year = eraYear === 1 && gannen ? '元' : String(eraYear)
  return `${era.kanji}${year}年${month === undefined ? '' : `${month}月`}${day === undefined ? '' : `${day}日`}`
}

/** The date as a year of `era`, written. */
function readingIn(
  era: Era,
  year: number,
  month: number | undefined,
  day: number | undefined,
  style: 'kanji' | 'letter',
  gannen: boolean,
): JapaneseDateReading {
  const eraYear = year - gregorianYearOf(era, 1) + 1
  return { era: era.id, eraYear, text: write(era, eraYear, month, day, style, gannen) }
}

/**
 * Writes an ISO 8601 date, year-month or year as a Japanese era date. A day always has one era;
 * a year or month in which the era changed (1912, 1926, 1989, 2019; 1912-07, 1926-12, 1989-01)
 * has two, and the result says so with `exact: false` rather than pick one: 1989 is 昭和64年
 * for its first week and 平成元年 for the rest.
 */
export function toJapaneseDate(iso: string, options: ToJapaneseDateOptions = {}): JapaneseDateText {
  const style = options.style ?? 'kanji'
  const gannen = options.gannen ?? true
  if (typeof iso !== 'string' || iso.length > MAX_JAPANESE_DATE_LENGTH)
    return refuse('era.malformed', 'not an ISO 8601 date')
  const match = ISO_PARTIAL.exec(iso)
  if (match === null)
    return refuse('era.malformed', `${JSON.stringify(iso)} is not YYYY-MM-DD, YYYY-MM or YYYY`)
  const year = Number(match[1])
  const month = match[2] === undefined ? undefined : Number(match[2])
  const day = match[3] === undefined ? undefined : Number(match[3])
  if (month !== undefined && (month < 1 || month > 12))
    return refuse('era.invalid_date', `${iso}: there is no month ${month}`)
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month)))
    return refuse('era.invalid_date', `${iso}: there is no such day`)

  // A whole date is its own first and last day, written as the input writes it.
  const { first, last } = day === undefined ? periodOf(year, month) : { first: iso, last: iso }
  if (first < eraTable.gregorianFrom)
    return refuse(
      'era.lunisolar',
      `${iso} is before ${eraTable.gregorianFrom}: Japan then kept the lunisolar calendar, so no era date follows by arithmetic`,
    )
  const eras = erasOverlapping(first, last)
  if (eras.length === 0) return refuse('era.out_of_range', `${iso} is in no era of the table`)
  if (eras.length === 1) {
    const { era, eraYear, text } = readingIn(eras[0] as Era, year, month, day, style, gannen)
    return { ok: true, exact: true, era, eraYear, text }
  }
  const readings = eras.map((era) => readingIn(era, year, month, day, style, gannen))
  const changes = eraTable.eras
    .filter((era) => era.start > first && era.start <= last)
    .map((era) => `${era.kanji} began on ${era.start}`)
  return {
    ok: true,
    exact: false,
    text: readings.map((reading) => reading.text).join(style === 'kanji' ? '／' : '/'),
    reason: `${iso} spans an era change (${changes.join('; ')}): its era year depends on the day`,
    readings,
  }
}
