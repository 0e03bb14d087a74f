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

/**
 * A pointer's tokens, each classified once (a crosswalk reads the same pointers every time): its
 * names, and for each the array index it is, or -1.
 */
interface ParsedPointer {
  names: string[]
  indices: Int32Array
}

function parsePointer(pointer: string): ParsedPointer {
  const names = tokensOf(pointer)
  return {
    names,
    indices: Int32Array.from(names, (name) => (ARRAY_INDEX.test(name) ? Number(name) : -1)),
  }
}

function readParsed(document: unknown, { names, indices }: ParsedPointer): unknown {
  let node = document
  for (let at = 0; at < names.length; at++) {
    if (node === null || typeof node !== 'object') return undefined
    if (Array.isArray(node)) {
      const index = indices[at] as number
      node = index < 0 ? undefined : node[index]
    } else {
      const name = names[at] as string
      node = Object.hasOwn(node, name) ? (node as Record<string, unknown>)[name] : undefined
    }
    if (node === undefined) return undefined
  }
  return node
}

const readPointer = (document: unknown, pointer: string): unknown =>
  readParsed(document, parsePointer(pointer))

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

// Classes, not objects of closures: a verification reads every location of its documents, and one
// object a location keeps what it reads in fewer places than a closure and its context would.
class PointerLocation implements CompiledLocation {
  readonly term: string
  private readonly pointer: ParsedPointer
  constructor(readonly location: string) {
    this.term = location
    this.pointer = parsePointer(location)
  }
  read(document: unknown): unknown {
    return readParsed(document, this.pointer)
  }
  write(document: Record<string, unknown>, value: unknown): void {
    writeTokens(document, this.pointer.names, value, this.location)
  }
}

class MatchLocation implements CompiledLocation {
  readonly term: string
  private readonly path: ParsedPointer
  private readonly value: ParsedPointer
  private readonly match: [string, string][]
  constructor(readonly location: Exclude<JsonLocation, string>) {
    this.term = describeLocation(location)
    this.path = parsePointer(location.path)
    this.value = parsePointer(location.value)
    this.match = Object.entries(location.match)
  }
  read(document: unknown): unknown {
    const entry = pick(readParsed(document, this.path), this.match)
    return entry === undefined ? undefined : readParsed(entry, this.value)
  }
  write(document: Record<string, unknown>, value: unknown): void {
    writeLocation(document, this.location, value)
  }
}

export const compileLocation = (location: JsonLocation): CompiledLocation =>
  typeof location === 'string' ? new PointerLocation(location) : new MatchLocation(location)

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
  let entry = pick(list, Object.entries(location.match)) as Record<string, unknown> | undefined
  if (entry === undefined) {
    entry = { ...location.match }
    list.push(entry)
  }
  writePointer(entry, location.value, value)
}
