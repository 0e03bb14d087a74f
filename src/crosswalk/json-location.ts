// Where a claim sits in a credential: a JSON Pointer (RFC 6901), or an array entry picked by its members and a pointer into it.
import { isPlainObject } from '../lib/parse-json.ts'

/**
 * A JSON Pointer, or `{ path, match, value }`: in the array at `path`, the first entry whose
 * members equal `match`, then `value` (a pointer) inside it. The second form reads what JSON
 * Pointer cannot: an Open Badges identifier by its `identityType`, an alignment by its framework.
 */
export type JsonLocation = string | { path: string; match: Record<string, string>; value: string }

/** RFC 6901 §3: `~1` is `/`, `~0` is `~`, in that order. */
function tokensOf(pointer: string): string[] {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) throw new TypeError(`not a JSON Pointer: ${pointer}`)
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** Whether `pointer` is a well-formed JSON Pointer. */
export const isJsonPointer = (pointer: string): boolean =>
  pointer === '' || (pointer.startsWith('/') && !/~[^01]|~$/.test(pointer))

// RFC 6901 §4: array indices are decimal without leading zeros.
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/

/** A token of a parsed pointer: its name, and its array index if it is one. */
interface Step {
  name: string
  index: number
}

/** A pointer's tokens, each classified once: a crosswalk reads the same pointers every time. */
const stepsOf = (pointer: string): Step[] =>
  tokensOf(pointer).map((name) => ({ name, index: ARRAY_INDEX.test(name) ? Number(name) : -1 }))

function readSteps(document: unknown, steps: readonly Step[]): unknown {
  let node = document
  for (const { name, index } of steps) {
    if (node === null || typeof node !== 'object') return undefined
    if (Array.isArray(node)) node = index < 0 ? undefined : node[index]
    else node = Object.hasOwn(node, name) ? (node as Record<string, unknown>)[name] : undefined
    if (node === undefined) return undefined
  }
  return node
}

const readPointer = (document: unknown, pointer: string): unknown =>
  readSteps(document, stepsOf(pointer))

/** Whether `entry` is an object with every member of `match` (as `Object.entries` gives them). */
function matches(entry: unknown, match: readonly (readonly [string, string])[]): boolean {
  if (!isPlainObject(entry)) return false
  for (const [key, value] of match) if (entry[key] !== value) return false
  return true
}

/** The first entry of `list` (or `list` itself, when it is one object) that `match` picks. */
function pick(list: unknown, match: readonly (readonly [string, string])[]): unknown {
  if (!Array.isArray(list)) return matches(list, match) ? list : undefined
  for (const entry of list) if (matches(entry, match)) return entry
  return undefined
}

/** The value at `location`, or undefined when the document has none there. */
export const readLocation = (document: unknown, location: JsonLocation): unknown =>
  compileLocation(location).read(document)

/** A location parsed once, for a document read many times: its term as a report names it, and a reader. */
export interface CompiledLocation {
  location: JsonLocation
  term: string
  read(document: unknown): unknown
  write(document: Record<string, unknown>, value: unknown): void
}

export function compileLocation(location: JsonLocation): CompiledLocation {
  const term = describeLocation(location)
  if (typeof location === 'string') {
    const tokens = tokensOf(location)
    const steps = stepsOf(location)
    return {
      location,
      term,
      read: (document) => readSteps(document, steps),
      write: (document, value) => writeTokens(document, tokens, value, location),
    }
  }
  const path = stepsOf(location.path)
  const value = stepsOf(location.value)
  const match = Object.entries(location.match)
  return {
    location,
    term,
    read: (document) => {
      const entry = pick(readSteps(document, path), match)
      return entry === undefined ? undefined : readSteps(entry, value)
    },
    write: (document, written) => writeLocation(document, location, written),
  }
}

/** The location as one line of a report: the pointer, or `path[k=v]value`. */
export function describeLocation(location: JsonLocation): string {
  if (typeof location === 'string') return location
  const match = Object.entries(location.match)
    .map(([key, value]) => `${key}=${value}`)
    .join(',')
  return `${location.path}[${match}]${location.value}`
}

/** Sets `value` at `pointer`, making the objects on the way; never overwrites a non-object. */
const writePointer = (document: Record<string, unknown>, pointer: string, value: unknown): void =>
  writeTokens(document, tokensOf(pointer), value, pointer)

function writeTokens(
  document: Record<string, unknown>,
  tokens: readonly string[],
  value: unknown,
  pointer: string,
): void {
  const last = tokens.at(-1)
  if (last === undefined) throw new TypeError('cannot write the whole document')
  let node: Record<string, unknown> = document
  for (let i = 0; i < tokens.length - 1; i++) {
    const token = tokens[i] as string
    const next = Object.hasOwn(node, token) ? node[token] : undefined
    if (next === undefined) {
      const made: Record<string, unknown> = {}
      node[token] = made
      node = made
    } else if (isPlainObject(next)) node = next
    else throw new TypeError(`${pointer}: ${token} is not an object`)
  }
  node[last] = value
}

/** Writes `value` at `location` in `document`: what the mapping back of a crosswalk builds. */
export function writeLocation(
  document: Record<string, unknown>,
  location: JsonLocation,
  value: unknown,
): void {
  if (typeof location === 'string') {
    writePointer(document, location, value)
    return
  }
  let list = readPointer(document, location.path)
  if (list === undefined) {
    list = []
    writePointer(document, location.path, list)
  }
  if (!Array.isArray(list)) throw new TypeError(`${location.path} is not an array`)
  const match = Object.entries(location.match)
  let entry = list.find((candidate) => matches(candidate, match)) as
    | Record<string, unknown>
    | undefined
  if (entry === undefined) {
    entry = { ...location.match }
    list.push(entry)
  }
  writePointer(entry, location.value, value)
}
