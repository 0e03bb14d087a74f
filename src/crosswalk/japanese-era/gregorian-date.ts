// Proleptic Gregorian day arithmetic on ISO 8601 calendar dates, the common ground of both conversions.

/** A day as written in ISO 8601 (`YYYY-MM-DD`), comparable as text for four-digit years. */
export type IsoDate = string

const MS_PER_DAY = 86_400_000

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** `YYYY-MM-DD`; no check that the day exists. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/** Whether `year` is a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Whether `YYYY-MM-DD` names a day that exists (year 0001–9999). */
export function isExistingIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** The day after (`+1`) or before (`-1`) an existing ISO date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const shifted = new Date(0)
  shifted.setUTCFullYear(year, month - 1, day)
  shifted.setTime(shifted.getTime() + days * MS_PER_DAY)
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate())
}

/**
 * The first and last day of a date, a year-month or a year: the stretch of days a partial date
 * stands for, which is what has to lie in one era for the conversion to be exact.
 */
export function periodOf(
  year: number,
  month?: number,
  day?: number,
): { first: IsoDate; last: IsoDate } {
  if (month === undefined) return { first: isoDate(year, 1, 1), last: isoDate(year, 12, 31) }
  if (day === undefined)
    return { first: isoDate(year, month, 1), last: isoDate(year, month, daysInMonth(year, month)) }
  const date = isoDate(year, month, day)
  return { first: date, last: date }
}
