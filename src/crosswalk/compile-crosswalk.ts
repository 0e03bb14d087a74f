// Crosswalk documents made ready to map, once each: parsed locations, term slots, and how a chain's steps read each other.
import type { MappedClaim } from '../report/meaning.ts'
import type { CrosswalkClaim, CrosswalkDocument, Transform } from './crosswalk-document.ts'
import { type CompiledLocation, compileLocation } from './json-location.ts'

/** A document's claim as a mapping reads it: its own fields, its locations parsed. */
export interface CompiledClaim {
  exactness: CrosswalkClaim['exactness']
  transform: Transform | undefined
  /** The transformation is a copy: the value read is the value mapped. */
  copy: boolean
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
}

/** How one claim of a chain's later step reads the step before it. */
export interface Link {
  /** For each source location, the earlier slot whose term it is (-1: none). */
  previous: Int32Array
  /** The earlier slots written at, above or within a source location: what the claim may read. */
  needs: Int32Array
  /**
   * When each location the claim reads holds an exact copy the chain's first step made of one
   * location of the credential: those locations, which the claim reads the credential at instead.
   * The copies' claims are then never made: they would say nothing the credential's own terms
   * do not (an exact copy has no reason, no derivation and no other outcome than the value's).
   */
  direct: CompiledLocation[] | undefined
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
        copy: claim.transform?.kind === 'copy',
        reason: claim.reason,
        term: to.term,
        label: claim.label,
        from,
        to,
        slot,
      })
    }
    step = { claims, slots: slotOf.size, bySlot }
    byReader.set(key, step)
  }
  return step
}

const pointerOf = (location: CompiledLocation): string =>
  typeof location.location === 'string' ? location.location : location.location.path

/** Whether one pointer is the other or lies within it. */
const overlaps = (a: string, b: string): boolean =>
  a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`)

/**
 * How `next` reads `step`, made once per chain. `fromFirst`: `step` is the chain's first, so
 * what it copies exactly is the credential's own, and `next` may read it there (see `direct`).
 */
export function linksBetween(
  step: CompiledStep,
  next: CompiledStep,
  fromFirst: boolean,
): StepLinks {
  const slotOf = new Map<string, number>()
  for (const claim of step.claims) slotOf.set(claim.term, claim.slot)
  const written = step.claims.map((claim) => pointerOf(claim.to))
  const copies = fromFirst ? exactCopies(step, written) : new Map<string, CompiledLocation>()
  const claims = next.claims.map((claim): Link => {
    const needs = new Set<number>()
    for (const location of claim.from)
      for (const [index, pointer] of written.entries())
        if (overlaps(pointer, pointerOf(location)))
          needs.add((step.claims[index] as CompiledClaim).slot)
    const direct = claim.from.map((location) =>
      typeof location.location === 'string' ? copies.get(location.location) : undefined,
    )
    return {
      previous: Int32Array.from(claim.from, (location) => slotOf.get(location.term) ?? -1),
      needs: Int32Array.from(needs),
      direct:
        direct.length > 0 && direct.every((location) => location !== undefined)
          ? (direct as CompiledLocation[])
          : undefined,
    }
  })
  return { claims, deferred: deferredSlots(step, next, claims, written) }
}

/**
 * The pointers a step writes by an exact copy of one location with no reason, as the only claim
 * to its term: reading such a pointer in the step's target is reading that location in the step's
 * source, since no other claim writes at, above or within it (the schema refuses a document whose
 * claim writes within another's term, and alternatives are the only claims to one term).
 */
function exactCopies(
  step: CompiledStep,
  written: readonly string[],
): Map<string, CompiledLocation> {
  const copies = new Map<string, CompiledLocation>()
  for (const [index, claim] of step.claims.entries()) {
    const [from, ...more] = claim.from
    if (
      from === undefined ||
      more.length > 0 ||
      claim.exactness !== 'exact' ||
      !claim.copy ||
      claim.reason !== undefined ||
      (step.bySlot[claim.slot] as number[]).length !== 1
    )
      continue
    copies.set(written[index] as string, from)
  }
  return copies
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
  // A claim that reads the credential directly needs nothing of this step.
  for (const [index, link] of links.entries())
    if (firstOfSlot.has(index) && link.direct === undefined)
      for (const slot of link.needs) deferred[slot] = 0
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
