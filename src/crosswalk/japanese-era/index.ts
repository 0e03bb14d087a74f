// Japanese era (元号) dates to and from ISO 8601, driven by crosswalks/tables/japanese-eras.json.
export { eraTable, readEraTable } from './era-table.ts'
export type { JapaneseDateErrorCode, JapaneseDateFailure } from './japanese-date-failure.ts'
export { MAX_JAPANESE_DATE_LENGTH } from './japanese-date-failure.ts'
export type { JapaneseDate, JapaneseDateResult } from './parse-japanese-date.ts'
export { parseJapaneseDate } from './parse-japanese-date.ts'
export type {
  JapaneseDateReading,
  JapaneseDateText,
  ToJapaneseDateOptions,
} from './to-japanese-date.ts'
export { toJapaneseDate } from './to-japanese-date.ts'
export type { Era, EraId, EraTable } from './z-era-table.ts'
export { eraIds } from './z-era-table.ts'
