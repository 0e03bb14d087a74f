// The refusals both era conversions share, each with a stable code a caller can branch on.

export type JapaneseDateErrorCode =
  /** An era name or letter that is not in the table (慶応, X8.3.25). */
  | 'era.unknown'
  /** A month or day that does not exist (令和元年2月30日, 2026-13-01). */
  | 'era.invalid_date'
  /** A date outside its era (平成32年, 令和元年4月30日) or beyond four-digit years. */
  | 'era.out_of_range'
  /** Before 1873-01-01, when Japan kept the lunisolar calendar: arithmetic would give a wrong day. */
  | 'era.lunisolar'
  /** Not a date of any accepted form, or longer than the input bound. */
  | 'era.malformed'

export interface JapaneseDateFailure {
  ok: false
  code: JapaneseDateErrorCode
  message: string
}

export const refuse = (code: JapaneseDateErrorCode, message: string): JapaneseDateFailure => ({
  ok: false,
  code,
  message,
})

/** Both conversions read at most this many UTF-16 units: the longest real form is under 20. */
export const MAX_JAPANESE_DATE_LENGTH = 64
