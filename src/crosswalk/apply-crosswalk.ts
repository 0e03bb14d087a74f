// Applies crosswalk documents to a credential's claims: each target term with its value, its source and its exactness.
import type { MappedClaim } from '../report/meaning.ts'
import type { CrosswalkClaim, CrosswalkDocument, Transform } from './crosswalk-document.ts'
import { type CompiledLocation, compileLocation } from './json-location.ts'
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

interface CompiledClaim {
  claim: CrosswalkClaim
  term: string
  label: MappedClaim['label']
  from: CompiledLocation[]
  to: CompiledLocation
}

/** Each document's locations parsed once: a verification maps the same documents every time. */
const compiledDocuments = new WeakMap<CrosswalkDocument, CompiledClaim[]>()

function compiled(document: CrosswalkDocument): CompiledClaim[] {
  let claims = compiledDocuments.get(document)
  if (claims === undefined) {
    claims = document.claims.map((claim) => {
      const to = compileLocation(claim.to)
      return { claim, term: to.term, label: claim.label, from: claim.from.map(compileLocation), to }
    })
    compiledDocuments.set(document, claims)
  }
  return claims
}

/** Maps `source` (claims, mdoc namespaces or a W3C credential) through one document. */
export function applyCrosswalk(
  document: CrosswalkDocument,
  source: Record<string, unknown>,
  /** Only the terms a next step reads (see `termsRead`); every term when absent. */
  only?: ReadonlySet<string>,
): CrosswalkResult {
  const target: Record<string, unknown> = {}
  const claims: MappedClaim[] = []
  // Claims to the same term are alternatives in order: the first that maps a value stands.
  const byTerm = new Map<string, number>()
  for (const compiledClaim of compiled(document)) {
    if (only !== undefined && !isRead(compiledClaim.term, only)) continue
    const at = byTerm.get(compiledClaim.term)
    if (at !== undefined && (claims[at] as MappedClaim).outcome === 'mapped') continue
    const mapped = mapClaim(compiledClaim, source, target, document)
    if (at === undefined) {
      byTerm.set(compiledClaim.term, claims.length)
      claims.push(mapped)
    } else claims[at] = mapped
  }
  return { claims, target }
}

function mapClaim(
  { claim, term, label, from, to }: CompiledClaim,
  source: Record<string, unknown>,
  target: Record<string, unknown>,
  document: CrosswalkDocument,
): MappedClaim {
  if (claim.exactness === 'impossible')
    return { term, label, outcome: 'impossible', reason: claim.reason as string, source: [] }
  const values: unknown[] = []
  const sourceTerms: MappedClaim['source'] = []
  let present = false
  for (const location of from) {
    const value = location.read(source)
    values.push(value)
    if (value === undefined) sourceTerms.push({ term: location.term })
    else {
      present = true
      sourceTerms.push({ term: location.term, value })
    }
  }
  if (!present) return { term, label, outcome: 'absent', source: sourceTerms }
  const outcome = applyTransform(claim.transform as Transform, values, document)
  if (!outcome.ok)
    return { term, label, outcome: 'unmapped', reason: outcome.reason, source: sourceTerms }
  to.write(target, outcome.value)
  const mapped: MappedClaim = {
    term,
    label,
    outcome: 'mapped',
    value: outcome.value,
    exactness:
      claim.exactness === 'exact' && outcome.lowered === undefined ? 'exact' : 'approximate',
    source: sourceTerms,
  }
  const reason = joinReasons(claim.reason, outcome.lowered)
  if (reason !== undefined) mapped.reason = reason
  if (outcome.derived !== undefined) mapped.derived = outcome.derived
  return mapped
}

/**
 * Maps through a chain (the credential's vocabulary → a shared one → the relying party's). Each
 * final claim keeps the credential's own terms as its source; its exactness is the least of the
 * steps, with every step's reason, and a claim a first step could not map says why.
 */
export function applyCrosswalkChain(
  documents: readonly CrosswalkDocument[],
  source: Record<string, unknown>,
): CrosswalkResult {
  const [first, ...rest] = documents
  if (first === undefined) throw new TypeError('an empty crosswalk chain')
  let result = applyCrosswalk(first, source, rest[0] && termsRead(rest[0]))
  for (const [index, document] of rest.entries()) {
    const previous = new Map<string, MappedClaim>()
    for (const claim of result.claims) previous.set(claim.term, claim)
    const after = rest[index + 1]
    const next = applyCrosswalk(document, result.target, after && termsRead(after))
    const claims: MappedClaim[] = []
    for (const claim of next.claims) claims.push(throughStep(claim, previous))
    result = { claims, target: next.target }
  }
  return result
}

/**
 * What a document reads, as pointers and every pointer above them: an earlier step of a chain
 * maps a term only when the next reads it, a part of it, or something within it.
 */
const termsReadBy = new WeakMap<CrosswalkDocument, ReadonlySet<string>>()
function termsRead(document: CrosswalkDocument): ReadonlySet<string> {
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

/**
 * A claim of a later step, restated on the credential's own terms and the earlier step's findings.
 * The claim is the later step's own, made for this mapping, so it is restated in place.
 */
function throughStep(claim: MappedClaim, previous: ReadonlyMap<string, MappedClaim>): MappedClaim {
  if (claim.outcome === 'impossible') return claim
  const terms = claim.source
  claim.source = []
  let approximate = claim.exactness === 'approximate'
  let reason: string | undefined
  let derived: string | undefined
  let blocked: MappedClaim | undefined
  for (const term of terms) {
    const step = previous.get(term.term)
    if (step === undefined) continue
    for (const original of step.source) claim.source.push(original)
    if (step.exactness === 'approximate') approximate = true
    reason = joinReasons(reason, step.reason)
    derived = joinReasons(derived, step.derived)
    if (blocked === undefined && (step.outcome === 'unmapped' || step.outcome === 'impossible'))
      blocked = step
  }
  if (claim.outcome === 'absent') {
    if (blocked !== undefined) {
      claim.outcome = blocked.outcome
      if (blocked.reason !== undefined) claim.reason = blocked.reason
    }
    return claim
  }
  if (claim.outcome !== 'mapped') return claim
  claim.exactness = approximate ? 'approximate' : 'exact'
  const reasons = joinReasons(reason, claim.reason)
  const derivations = joinReasons(derived, claim.derived)
  if (reasons === undefined) delete claim.reason
  else claim.reason = reasons
  if (derivations === undefined) delete claim.derived
  else claim.derived = derivations
  return claim
}
