// Applies crosswalk documents to a credential's claims: each target term with its value, its source and its exactness.
import type { MappedClaim } from '../report/meaning.ts'
import {
  type CompiledClaim,
  type CompiledStep,
  compiledStep,
  type Link,
  linksBetween,
  type StepLinks,
  termsRead,
} from './compile-crosswalk.ts'
import type { CrosswalkDocument, Transform } from './crosswalk-document.ts'
import type { CompiledLocation } from './json-location.ts'
import { applyTransform } from './transforms.ts'

export type { MappedClaim }

export interface CrosswalkResult {
  claims: MappedClaim[]
  /** The mapped values as a document of the target vocabulary (what the next crosswalk reads). */
  target: Record<string, unknown>
}

/** Two reasons as one, either or both absent. */
const joinReasons = (first: string | undefined, second: string | undefined): string | undefined =>
  first === undefined || first === ''
    ? second === ''
      ? undefined
      : second
    : second === undefined || second === ''
      ? first
      : `${first}; ${second}`

/** Maps `source` (claims, mdoc namespaces or a W3C credential) through one document. */
export function applyCrosswalk(
  document: CrosswalkDocument,
  source: Record<string, unknown>,
  /** Only the terms a next step reads (see `termsRead`); every term when absent. */
  only?: ReadonlySet<string>,
): CrosswalkResult {
  const { claims, target } = runStep(compiledStep(document, only), document, source, true)
  return { claims: claims as MappedClaim[], target: target as Record<string, unknown> }
}

/** One step of a mapping as it runs: a slot left undefined waits until a next step reads it. */
interface StepRun {
  step: CompiledStep
  document: CrosswalkDocument
  source: Record<string, unknown>
  /** Where mapped values are written; undefined when neither a next step nor the caller reads it. */
  target: Record<string, unknown> | undefined
  claims: (MappedClaim | undefined)[]
  before: { run: StepRun; links: readonly Link[] } | undefined
}

function runStep(
  step: CompiledStep,
  document: CrosswalkDocument,
  source: Record<string, unknown>,
  writes: boolean,
  before?: StepRun['before'],
  deferred?: Uint8Array,
): StepRun {
  const run: StepRun = {
    step,
    document,
    source,
    target: writes ? {} : undefined,
    claims: new Array(step.slots),
    before,
  }
  // Claims to the same term are alternatives in order: the first that maps a value stands.
  for (let index = 0; index < step.claims.length; index++) {
    const { slot } = step.claims[index] as CompiledClaim
    if (deferred !== undefined && deferred[slot] === 1) continue
    const standing = run.claims[slot]
    if (standing === undefined || standing.outcome !== 'mapped')
      run.claims[slot] = mapAt(run, index)
  }
  return run
}

/** Maps a slot that waited, now that a later step reads it. */
function mapSlot(run: StepRun, slot: number): MappedClaim {
  let claim: MappedClaim | undefined
  for (const index of run.step.bySlot[slot] as number[]) {
    claim = mapAt(run, index)
    if (claim.outcome === 'mapped') break
  }
  run.claims[slot] = claim
  return claim as MappedClaim
}

function mapAt(run: StepRun, index: number): MappedClaim {
  const compiledClaim = run.step.claims[index] as CompiledClaim
  const { target } = run
  if (run.before === undefined)
    return mapClaim(compiledClaim, compiledClaim.from, run.source, target, run.document)
  const { run: previous, links } = run.before
  const { needs, previous: previousAt, direct } = links[index] as Link
  if (direct !== undefined)
    return mapClaim(compiledClaim, direct, previous.source, target, run.document)
  // No earlier step writes what the claim reads: absent, with nothing of the credential's to name.
  if (needs.length === 0)
    return compiledClaim.exactness === 'impossible'
      ? impossible(compiledClaim)
      : { term: compiledClaim.term, label: compiledClaim.label, outcome: 'absent', source: [] }
  for (const slot of needs) if (previous.claims[slot] === undefined) mapSlot(previous, slot)
  return mapClaimThrough(
    compiledClaim,
    run.source,
    target,
    run.document,
    previousAt,
    previous.claims as readonly MappedClaim[],
  )
}

const impossible = ({ reason, term, label }: CompiledClaim): MappedClaim => ({
  term,
  label,
  outcome: 'impossible',
  reason: reason as string,
  source: [],
})

function mapClaim(
  compiledClaim: CompiledClaim,
  /** Where the values are read: the claim's own locations, or the credential's (see `Link.direct`). */
  from: readonly CompiledLocation[],
  source: Record<string, unknown>,
  target: Record<string, unknown> | undefined,
  document: CrosswalkDocument,
): MappedClaim {
  const { exactness, term, label } = compiledClaim
  if (exactness === 'impossible') return impossible(compiledClaim)
  // A copy of one location, most claims of the shipped documents: what `transformed` would make of
  // it, without the list of values and the transformation's outcome.
  if (compiledClaim.copy && from.length === 1) {
    const location = from[0] as CompiledLocation
    const value = location.read(source)
    if (value === undefined)
      return { term, label, outcome: 'absent', source: [{ term: location.term }] }
    if (target !== undefined) compiledClaim.to.write(target, value)
    return mappedClaim(
      compiledClaim,
      value,
      exactness === 'exact',
      joinReasons(compiledClaim.reason, undefined),
      undefined,
      [{ term: location.term, value }],
    )
  }
  // Arrays of their final length: a pushed-to empty array reserves room for seventeen.
  const values = readValues(from, source)
  const sourceTerms: MappedClaim['source'] = new Array(from.length)
  let present = false
  for (let at = 0; at < from.length; at++) {
    const { term } = from[at] as CompiledLocation
    const value = values[at]
    if (value === undefined) sourceTerms[at] = { term }
    else {
      present = true
      sourceTerms[at] = { term, value }
    }
  }
  if (!present) return { term, label, outcome: 'absent', source: sourceTerms }
  return transformed(compiledClaim, values, target, document, sourceTerms)
}

function readValues(from: readonly CompiledLocation[], source: Record<string, unknown>): unknown[] {
  const values = new Array<unknown>(from.length)
  for (let at = 0; at < from.length; at++) values[at] = (from[at] as CompiledLocation).read(source)
  return values
}

/** The credential's own terms behind the earlier claims at `previousAt`, in order. */
function originalTerms(
  previousAt: Int32Array,
  previous: readonly MappedClaim[],
): MappedClaim['source'] {
  let length = 0
  for (const at of previousAt) length += previous[at]?.source.length ?? 0
  const terms: MappedClaim['source'] = new Array(length)
  let next = 0
  for (const at of previousAt) for (const term of previous[at]?.source ?? []) terms[next++] = term
  return terms
}

function mappedClaim(
  { term, label }: CompiledClaim,
  value: unknown,
  exact: boolean,
  reason: string | undefined,
  derived: string | undefined,
  source: MappedClaim['source'],
): MappedClaim {
  const mapped: MappedClaim = {
    term,
    label,
    outcome: 'mapped',
    value,
    exactness: exact ? 'exact' : 'approximate',
    source,
  }
  if (reason !== undefined) mapped.reason = reason
  if (derived !== undefined) mapped.derived = derived
  return mapped
}

/**
 * A claim of a chain's later step, on the credential's own terms: its source is what the earlier
 * claims it reads were read from, its exactness the least of the steps, with every step's reason;
 * and when it is absent because an earlier claim could not be mapped, it says why.
 */
function mapClaimThrough(
  compiledClaim: CompiledClaim,
  source: Record<string, unknown>,
  target: Record<string, unknown> | undefined,
  document: CrosswalkDocument,
  previousAt: Int32Array,
  previous: readonly MappedClaim[],
): MappedClaim {
  const { exactness, term, label, from } = compiledClaim
  if (exactness === 'impossible') return impossible(compiledClaim)
  const values = readValues(from, source)
  const present = values.some((value) => value !== undefined)
  const sourceTerms = originalTerms(previousAt, previous)
  let approximate = false
  let reason: string | undefined
  let derived: string | undefined
  let blocked: MappedClaim | undefined
  for (const at of previousAt) {
    const step = previous[at]
    if (step === undefined) continue
    if (step.exactness === 'approximate') approximate = true
    reason = joinReasons(reason, step.reason)
    derived = joinReasons(derived, step.derived)
    if (blocked === undefined && (step.outcome === 'unmapped' || step.outcome === 'impossible'))
      blocked = step
  }
  if (!present) {
    if (blocked === undefined) return { term, label, outcome: 'absent', source: sourceTerms }
    const absent: MappedClaim = { term, label, outcome: blocked.outcome, source: sourceTerms }
    if (blocked.reason !== undefined) absent.reason = blocked.reason
    return absent
  }
  return transformed(compiledClaim, values, target, document, sourceTerms, {
    approximate,
    reason,
    derived,
  })
}

/** What the earlier steps of a chain found of a claim's source: the least exactness, their reasons. */
interface Earlier {
  approximate: boolean
  reason: string | undefined
  derived: string | undefined
}

/** The claim's transformation applied to values that are present: mapped and written, or not. */
function transformed(
  compiledClaim: CompiledClaim,
  values: unknown[],
  /** Where the mapped value is written, when anything reads the target document. */
  target: Record<string, unknown> | undefined,
  document: CrosswalkDocument,
  sourceTerms: MappedClaim['source'],
  earlier?: Earlier,
): MappedClaim {
  const { exactness, transform, reason, term, label, to } = compiledClaim
  const outcome = applyTransform(transform as Transform, values, document)
  if (!outcome.ok)
    return { term, label, outcome: 'unmapped', reason: outcome.reason, source: sourceTerms }
  if (target !== undefined) to.write(target, outcome.value)
  const own = joinReasons(reason, outcome.lowered)
  return mappedClaim(
    compiledClaim,
    outcome.value,
    earlier?.approximate !== true && exactness === 'exact' && outcome.lowered === undefined,
    earlier === undefined ? own : joinReasons(earlier.reason, own),
    earlier === undefined ? outcome.derived : joinReasons(earlier.derived, outcome.derived),
    sourceTerms,
  )
}

/**
 * Maps through a chain (the credential's vocabulary → a shared one → the relying party's). Each
 * final claim keeps the credential's own terms as its source; its exactness is the least of the
 * steps, with every step's reason, and a claim a first step could not map says why.
 */
export function applyCrosswalkChain(
  documents: readonly CrosswalkDocument[],
  source: Record<string, unknown>,
  /** `target: false`: only the claims are wanted; the last step writes nothing, and `target` is empty. */
  options: { target?: boolean } = {},
): CrosswalkResult {
  const { steps, onward } = compiledChain(documents)
  let run: StepRun | undefined
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as CompiledStep
    const links = onward[index]
    const before = run && { run, links: (onward[index - 1] as StepLinks).claims }
    const writes = links !== undefined || options.target !== false
    run = runStep(
      step,
      documents[index] as CrosswalkDocument,
      // A step before another always writes: the next reads its target.
      run === undefined ? source : (run.target as Record<string, unknown>),
      writes,
      before,
      links?.deferred,
    )
  }
  const last = run as StepRun
  return { claims: last.claims as MappedClaim[], target: last.target ?? {} }
}

/** A chain made ready to map: each document compiled for what its next reads, and how each next reads it. */
interface CompiledChain {
  steps: CompiledStep[]
  /** For each step but the last, how the next step reads it. */
  onward: (StepLinks | undefined)[]
}

// A verification maps through the chain its catalogue selected, the same array every time.
const compiledChains = new WeakMap<readonly CrosswalkDocument[], CompiledChain>()

function compiledChain(documents: readonly CrosswalkDocument[]): CompiledChain {
  let chain = compiledChains.get(documents)
  if (chain === undefined) {
    if (documents.length === 0) throw new TypeError('an empty crosswalk chain')
    const steps = documents.map((document, index) => {
      const after = documents[index + 1]
      return compiledStep(document, after && termsRead(after))
    })
    const onward = steps.map((step, index) => {
      const next = steps[index + 1]
      return next && linksBetween(step, next, index === 0)
    })
    chain = { steps, onward }
    compiledChains.set(documents, chain)
  }
  return chain
}
