// The transformations a crosswalk claim may name, each with what it can and cannot carry across.
import type { CrosswalkDocument, Transform } from './crosswalk-document.ts'
import { parseJapaneseDate, toJapaneseDate } from './japanese-era/index.ts'
import { kanaToPassportHepburn, splitJapaneseName } from './japanese-names/index.ts'

export type TransformOutcome =
  | {
      ok: true
      value: unknown
      /** Set when the transformation lost something the claim's declared exactness did not foresee. */
      lowered?: string
      /** The value is made by a rule, not stated by the source (a romanisation). */
      derived?: string
    }
  | { ok: false; reason: string }

const notMapped = (reason: string): TransformOutcome => ({ ok: false, reason })

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** A date, a year-month or a year (YYYY-MM-DD, YYYY-MM, YYYY). */
const ISO_PARTIAL_DATE = /^\d{4}(?:-\d{2}){0,2}$/
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Table lookups by the JSON form of the key, so `7` and `"7"` stay distinct; a string key, the
 * usual one, is looked up as itself, which is its JSON form's content.
 */
interface TableIndex {
  strings: Map<string, unknown>
  others: Map<string, unknown>
}
const tableIndex = new WeakMap<object, TableIndex>()
function lookup(table: CrosswalkDocument['tables'][string], key: unknown): unknown {
  let index = tableIndex.get(table)
  if (index === undefined) {
    index = { strings: new Map(), others: new Map() }
    for (const [from, to] of table.entries)
      if (typeof from === 'string') index.strings.set(from, to)
      else index.others.set(JSON.stringify(from), to)
    tableIndex.set(table, index)
  }
  return typeof key === 'string' ? index.strings.get(key) : index.others.get(JSON.stringify(key))
}

/** Applies `transform` to the source values (one per `from` location, in order). */
export function applyTransform(
  transform: Transform,
  values: unknown[],
  document: CrosswalkDocument,
): TransformOutcome {
  const [value] = values
  switch (transform.kind) {
    case 'copy':
      return { ok: true, value }
    case 'table': {
      const table = document.tables[transform.table]
      const mapped = table === undefined ? undefined : lookup(table, value)
      return mapped === undefined
        ? notMapped(
            `${JSON.stringify(value)} has no counterpart in ${transform.table}: ${table?.description ?? ''}`,
          )
        : { ok: true, value: mapped }
    }
    case 'prefix':
      return typeof value === 'string' || typeof value === 'number'
        ? { ok: true, value: `${transform.prefix}${value}` }
        : notMapped('not a string or number')
    case 'strip-prefix': {
      if (typeof value !== 'string' || !value.startsWith(transform.prefix))
        return notMapped(`not a value under ${transform.prefix}`)
      const rest = value.slice(transform.prefix.length)
      if (transform.as === 'string') return { ok: true, value: rest }
      return /^(0|[1-9][0-9]{0,8})$/.test(rest)
        ? { ok: true, value: Number(rest) }
        : notMapped(`${rest} is not an integer`)
    }
    case 'japanese-date-to-iso': {
      if (typeof value !== 'string') return notMapped('not a Japanese date')
      const parsed = parseJapaneseDate(value)
      return parsed.ok ? { ok: true, value: parsed.iso } : notMapped(parsed.message)
    }
    case 'iso-date-to-japanese':
      return isoToJapanese(value, transform.style)
    case 'date-of-datetime': {
      const stated = typeof value === 'string' ? dateOf(value) : undefined
      if (stated === undefined) return notMapped('not an ISO 8601 date or date-time with an offset')
      return stated.lowered === undefined
        ? { ok: true, value: stated.date }
        : { ok: true, value: stated.date, lowered: stated.lowered }
    }
    case 'split-name': {
      if (typeof value !== 'string') return notMapped('not a name')
      const split = splitJapaneseName(value)
      if (!split.ok) return notMapped(split.message)
      return { ok: true, value: transform.part === 'family' ? split.family : split.given }
    }
    case 'join-name': {
      const [family, given] = values
      if (typeof family !== 'string' || typeof given !== 'string')
        return notMapped('family and given name are both needed')
      if (/\s/u.test(family) || /\s/u.test(given))
        return notMapped('a name part holds a space: joined, it could not be split back')
      return { ok: true, value: `${family} ${given}` }
    }
    case 'kana-to-passport-hepburn': {
      if (typeof value !== 'string') return notMapped('not a name')
      const latin = kanaToPassportHepburn(value)
      if (!latin.ok) return notMapped(latin.message)
      return {
        ok: true,
        value: latin.latin,
        derived:
          'romanised from the kana by the passport Hepburn rules; the holder’s own Latin spelling may differ (e.g. OH for a long O)',
      }
    }
    case 'from-language-map':
      return fromLanguageMap(value)
    case 'constant':
      return { ok: true, value: transform.value }
    case 'as-list':
      return value === undefined ? notMapped('no value') : { ok: true, value: [value] }
    case 'single':
      if (!Array.isArray(value)) return { ok: true, value }
      return value.length === 1
        ? { ok: true, value: value[0] }
        : notMapped(`${value.length} values where the target term holds one`)
  }
}

/**
 * The date an ISO 8601 date or date-time states, as written in its own offset, and what is lost
 * when the time of day is not midnight (how a date is written as a date-time).
 */
function dateOf(value: string): { date: string; lowered?: string } | undefined {
  if (ISO_DATE.test(value)) return { date: value }
  const match = ISO_DATE_TIME.exec(value)
  if (match === null) return undefined
  const date = match[1] as string
  return match[2] === '00' && match[3] === '00' && match[4] === '00'
    ? { date }
    : { date, lowered: `the time of day of ${value} is not carried` }
}

function isoToJapanese(value: unknown, style: 'kanji' | 'letter'): TransformOutcome {
  if (typeof value !== 'string') return notMapped('not an ISO 8601 date')
  // A year or a year and month is a date too, partial: the era calendar can say it.
  const stated = ISO_PARTIAL_DATE.test(value) ? { date: value } : dateOf(value)
  if (stated === undefined) return notMapped('not an ISO 8601 date')
  const { date, lowered } = stated
  const japanese = toJapaneseDate(date, { style })
  if (!japanese.ok) return notMapped(japanese.message)
  const reason = japanese.exact ? lowered : [lowered, japanese.reason].filter(Boolean).join('; ')
  return reason === undefined || reason === ''
    ? { ok: true, value: japanese.text }
    : { ok: true, value: japanese.text, lowered: reason }
}

function fromLanguageMap(value: unknown): TransformOutcome {
  if (typeof value === 'string') return { ok: true, value }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return notMapped('not a language map')
  const texts = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  )
  const [only] = texts
  if (only === undefined) return notMapped('a language map with no text')
  if (texts.length === 1) return { ok: true, value: only[1] }
  const chosen = texts.find(([language]) => language === 'en') ?? only
  const others = texts.filter((entry) => entry !== chosen).map(([language]) => language)
  return {
    ok: true,
    value: chosen[1],
    lowered: `the ${chosen[0]} text of a map that also holds ${others.join(', ')}: those are not carried`,
  }
}
