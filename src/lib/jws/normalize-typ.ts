// Compares JOSE `typ` values as RFC 7515 §4.1.9 says: case-insensitive, `application/` implied.

/** The `typ` value lower-cased and without an `application/` prefix; undefined if not a string. */
export function normalizeTyp(typ: unknown): string | undefined {
  if (typeof typ !== 'string') return undefined
  const lower = typ.toLowerCase()
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower
}
