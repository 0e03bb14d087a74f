// The Japanese era table, read from `crosswalks/tables/japanese-eras.json` once and checked whole.
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { KakehashiError } from '../../errors.ts'
import { addDays, type IsoDate } from './gregorian-date.ts'
import { type Era, type EraTable, zEraTable } from './z-era-table.ts'

export const eraTableUrl = new URL('../../../crosswalks/tables/japanese-eras.json', import.meta.url)

const invalid = (message: string) =>
  new KakehashiError('crosswalk.invalid', `japanese-eras.json: ${message}`, {
    file: 'crosswalks/tables/japanese-eras.json',
  })

/** Where the current era ends for the conversions: the last day a four-digit year can write. */
const END_OF_TIME: IsoDate = '9999-12-31'

/**
 * Checks what the schema cannot: the eras follow each other without gap or overlap (each ends the
 * day before the next starts, only the last is open), names and letters are unambiguous for the
 * parser, and the Gregorian cut-over lies inside the table.
 */
function checkTable(table: EraTable): EraTable {
  const { eras } = table
  for (const key of ['id', 'kanji', 'letter'] as const) {
    const seen = new Set(eras.map((era) => era[key]))
    if (seen.size !== eras.length) throw invalid(`two eras share the ${key}`)
  }
  eras.forEach((era, i) => {
    const next = eras[i + 1]
    if (next !== undefined && !(era.start < next.start))
      throw invalid(`${next.id} does not start after ${era.id}`)
  })
  eras.forEach((era, i) => {
    if (era.ligature !== undefined && era.ligature.normalize('NFKC') !== era.kanji)
      throw invalid(`the ligature of ${era.id} is not ${era.kanji} under NFKC`)
    const next = eras[i + 1]
    if (next === undefined) {
      if (era.end !== undefined) throw invalid(`the last era ${era.id} must have no end`)
      return
    }
    if (era.end !== addDays(next.start, -1))
      throw invalid(`${era.id} must end on the day before ${next.id} starts (${next.start})`)
  })
  const first = eras[0] as Era
  if (table.gregorianFrom < first.start)
    throw invalid(`gregorianFrom ${table.gregorianFrom} is before the first era`)
  return table
}

/** Parses and checks an era table; throws `crosswalk.invalid` for anything malformed. */
export function readEraTable(json: unknown): EraTable {
  const parsed = zEraTable.safeParse(json)
  if (!parsed.success) throw invalid(z.prettifyError(parsed.error))
  return checkTable(parsed.data)
}

function loadEraTable(): EraTable {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(eraTableUrl, 'utf8'))
  } catch (error) {
    throw invalid(`not readable JSON: ${(error as Error).message}`)
  }
  return readEraTable(json)
}

/** The shipped table, loaded when the module is: a broken table stops the program at start. */
export const eraTable: EraTable = loadEraTable()

/** The last day of an era, or the end of four-digit years for the current one. */
export const lastDayOf = (era: Era): IsoDate => era.end ?? END_OF_TIME

/** The Gregorian year an era's year falls in: its first year is the year the era started. */
export const gregorianYearOf = (era: Era, eraYear: number): number =>
  Number(era.start.slice(0, 4)) + eraYear - 1

/** The eras any day from `first` to `last` belongs to, oldest first. */
export function erasOverlapping(first: IsoDate, last: IsoDate): Era[] {
  return eraTable.eras.filter((era) => era.start <= last && lastDayOf(era) >= first)
}
