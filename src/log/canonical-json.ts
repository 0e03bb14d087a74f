// RFC 8785 JSON Canonicalization Scheme: the one byte form in which log entries are hashed.
import canonicalizeModule from 'canonicalize'

// The package is CommonJS whose typings declare an ES default; under Node's ESM the default
// import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined

/** The canonical JSON text of `value`; throws for values JSON cannot carry (undefined, NaN, ∞). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value)
  if (text === undefined) throw new TypeError('value has no JSON form')
  return text
}

/** The canonical JSON of `value` as UTF-8 bytes. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8')
}
