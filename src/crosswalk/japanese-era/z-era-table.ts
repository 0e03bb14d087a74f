// The zod schema of `crosswalks/tables/japanese-eras.json`, the one place the era table enters.
import { z } from 'zod'
import { isExistingIsoDate } from './gregorian-date.ts'

/** CLDR era codes (`<era code="…">` of the `japanese` calendar); a new era adds its code here and its row to the table. */
export const eraIds = ['meiji', 'taisho', 'showa', 'heisei', 'reiwa'] as const
export type EraId = (typeof eraIds)[number]

const zIsoDate = z.string().refine(isExistingIsoDate, 'not an existing YYYY-MM-DD date')

export const zEra = z.strictObject({
  id: z.enum(eraIds),
  kanji: z.string().regex(/^\p{Script=Han}{1,4}$/u, 'one to four kanji'),
  romaji: z.string().regex(/^\p{Script=Latin}+$/u),
  /** JIS X 0301 abbreviation. */
  letter: z.string().regex(/^[A-Z]$/),
  /** The Unicode square form, whose NFKC form is `kanji`. */
  ligature: z.string().length(1).optional(),
  start: zIsoDate,
  /** Absent for the current era only. */
  end: zIsoDate.optional(),
  source: z.string().min(1),
})
export type Era = z.infer<typeof zEra>

export const zEraTable = z.strictObject({
  description: z.string().min(1),
  /** The first day converted by arithmetic: before it Japan kept the lunisolar calendar. */
  gregorianFrom: zIsoDate,
  gregorianFromSource: z.string().min(1),
  eras: z.array(zEra).min(1),
  source: z.array(z.string().min(1)).min(1),
})
export type EraTable = z.infer<typeof zEraTable>
