// Crosswalk documents made ready to map, once each: parsed locations, term slots, and how a chain's steps read each other.
import type { MappedClaim } from '../report/meaning.ts'
import type { CrosswalkClaim, CrosswalkDocument, Transform } from './crosswalk-document.ts'
import { type CompiledLocation, compileLocation } from './json-location.ts'

/** A document's claim as a mapping reads it: its own fields, its locations parsed. */
export interface CompiledClaim {
  exactness: CrosswalkClaim['exactness']
  transform: Transform | undefined
  reason: string | undefined
  term: string
  label: MappedClaim['label']
  from: CompiledLocation[]
  to: CompiledLocation
  /** Where this claim's term stands in the step's claims: alternatives to one term share it. */
  slot: number
}

/**
 * A document made ready to map: its locations parsed, and, when a next step reads only some of
 * its terms, just the claims to those. A verification maps the same documents every time, so
 * this is made once per document and reader.
 */
export interface CompiledStep {
  claims: CompiledClaim[]
  /** The number of distinct terms, in the order of their first claim. */
  slots: number
  /** For each slot, the indices of its claims (its alternatives), in order. */
  bySlot: number[][]
  /** How a next step reads this one, made on the first mapping through both. */
  links: WeakMap<CompiledStep, StepLinks>
}

/** How one claim of a chain's later step reads the step before it. */
export interface Link {
  /** For each source location, the earlier slot whose term it is (-1: none). */
  previous: Int32Array
  /** The earlier slots written at, above or within a source location: what the claim may read. */
  needs: Int32Array
}

/** How a chain's later step reads the step before it. */
export interface StepLinks {
  /** One per claim of the later step. */
  claims: Link[]
  /**
   * The earlier slots only a later alternative reads (after a first one that may map): these are
   * mapped when that alternative is reached, not before, so a value nobody reads is not made.
   */
  deferred: Uint8Array
}

const everyTerm = Symbol('every term')
const compiledSteps = new WeakMap<
  CrosswalkDocument,
  Map<ReadonlySet<string> | typeof everyTerm, CompiledStep>
>()

export function compiledStep(
  document: CrosswalkDocument,
  only?: ReadonlySet<string>,
): CompiledStep {
  let byReader = compiledSteps.get(document)
  if (byReader === undefined) {
    byReader = new Map()
    compiledSteps.set(document, byReader)
  }
  const key = only ?? everyTerm
  let step = byReader.get(key)
  if (step === undefined) {
    const slotOf = new Map<string, number>()
    const claims: CompiledClaim[] = []
    const bySlot: number[][] = []
    for (const claim of document.claims) {
      const to = compileLocation(claim.to)
      if (only !== undefined && !isRead(to.term, only)) continue
      let slot = slotOf.get(to.term)
      if (slot === undefined) {
        slot = slotOf.size
        slotOf.set(to.term, slot)
        bySlot.push([])
      }
      ;(bySlot[slot] as number[]).push(claims.length)
      const from = claim.from.map(compileLocation)
      claims.push({
        exactness: claim.exactness,
        transform: claim.transform,
        reason: claim.reason,
        term: to.term,
        label: claim.label,
        from,
        to,
        slot,
      })
    }
    step = { claims, slots: slotOf.size, bySlot, links: new WeakMap() }
    byReader.set(key, step)
  }
  return step
}

const pointerOf = (location: CompiledLocation): string =>
  typeof location.location === 'string' ? location.location : location.location.path

/** Whether one pointer is the other or lies within it. */
const overlaps = (a: string, b: string): boolean =>
  a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`)

export function linksBetween(step: CompiledStep, next: CompiledStep): StepLinks {
  let links = step.links.get(next)
  if (links === undefined) {
    const slotOf = new Map<string, number>()
    for (const claim of step.claims) slotOf.set(claim.term, claim.slot)
    const written = step.claims.map((claim) => pointerOf(claim.to))
    const claims = next.claims.map((claim) => {
      const needs = new Set<number>()
      for (const location of claim.from)
        for (const [index, pointer] of written.entries())
          if (overlaps(pointer, pointerOf(location)))
            needs.add((step.claims[index] as CompiledClaim).slot)
      return {
        previous: Int32Array.from(claim.from, (location) => slotOf.get(location.term) ?? -1),
        needs: Int32Array.from(needs),
      }
    })
    links = { claims, deferred: deferredSlots(step, next, claims, written) }
    step.links.set(next, links)
  }
  return links
}

/**
 * A slot may wait when no first alternative of the next step reads it, and when nothing else of
 * its step writes at, above or within its term, so that when it is written changes nothing else.
 */
function deferredSlots(
  step: CompiledStep,
  next: CompiledStep,
  links: readonly Link[],
  written: readonly string[],
): Uint8Array {
  const deferred = new Uint8Array(step.slots).fill(1)
  const firstOfSlot = new Set(next.bySlot.map((indices) => indices[0]))
  for (const [index, link] of links.entries())
    if (firstOfSlot.has(index)) for (const slot of link.needs) deferred[slot] = 0
  for (const [index, claim] of step.claims.entries())
    for (const [other, pointer] of written.entries())
      if (
        (step.claims[other] as CompiledClaim).slot !== claim.slot &&
        overlaps(pointer, written[index] as string)
      )
        deferred[claim.slot] = 0
  return deferred
}

/**
 * What a document reads, as pointers and every pointer above them: an earlier step of a chain
 * maps a term only when the next reads it, a part of it, or something within it.
 */
const termsReadBy = new WeakMap<CrosswalkDocument, ReadonlySet<string>>()
export function termsRead(document: CrosswalkDocument): ReadonlySet<string> {
  let terms = termsReadBy.get(document)
  if (terms === undefined) {
    const read = new Set<string>()
    for (const claim of document.claims)
      for (const from of claim.from)
        addWithParents(read, typeof from === 'string' ? from : from.path)
    terms = read
    termsReadBy.set(document, terms)
  }
  return terms
}

function addWithParents(terms: Set<string>, pointer: string): void {
  for (let at = pointer.indexOf('/', 1); at > 0; at = pointer.indexOf('/', at + 1))
    terms.add(pointer.slice(0, at))
  terms.add(pointer)
}

/** Whether a claim to `term` is read: the term itself, or a pointer above it, is. */
function isRead(term: string, read: ReadonlySet<string>): boolean {
  if (read.has(term)) return true
  for (let at = term.indexOf('/', 1); at > 0; at = term.indexOf('/', at + 1))
    if (read.has(term.slice(0, at))) return true
  return false
}
