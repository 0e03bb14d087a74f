// Applies crosswalk documents to a credential's claims: each target term with its value, its source and its exactness.
import type { MappedClaim } from '../report/meaning.ts'
import type { CrosswalkDocument } from './crosswalk-document.ts'
import { describeLocation, readLocation, writeLocation } from './json-location.ts'
import { applyTransform } from './transforms.ts'

export type { MappedClaim }

export interface CrosswalkResult {
  claims: MappedClaim[]
  /** The mapped values as a document of the target vocabulary (what the next crosswalk reads). */
  target: Record<string, unknown>
}

const joinReasons = (...reasons: (string | undefined)[]): string | undefined => {
  const present = reasons.filter((r): r is string => r !== undefined && r !== '')
  return present.length === 0 ? undefined : present.join('; ')
}

/** Maps `source` (claims, mdoc namespaces or a W3C credential) through one document. */
export function applyCrosswalk(
  document: CrosswalkDocument,
  source: Record<string, unknown>,
): CrosswalkResult {
  const target: Record<string, unknown> = {}
  const claims: MappedClaim[] = []
  // Claims to the same term are alternatives in order: the first that maps a value stands.
  const byTerm = new Map<string, number>()
  const record = (claim: MappedClaim): void => {
    const at = byTerm.get(claim.term)
    if (at === undefined) {
      byTerm.set(claim.term, claims.length)
      claims.push(claim)
    } else if ((claims[at] as MappedClaim).outcome !== 'mapped') claims[at] = claim
  }
  for (const claim of document.claims) {
    const base = { term: describeLocation(claim.to), label: claim.label }
    if (claims[byTerm.get(base.term) ?? -1]?.outcome === 'mapped') continue
    if (claim.exactness === 'impossible') {
      record({ ...base, outcome: 'impossible', reason: claim.reason as string, source: [] })
      continue
    }
    const values = claim.from.map((location) => readLocation(source, location))
    const sourceTerms = claim.from.map((location, i) => ({
      term: describeLocation(location),
      ...(values[i] !== undefined ? { value: values[i] } : {}),
    }))
    if (values.every((value) => value === undefined)) {
      record({ ...base, outcome: 'absent', source: sourceTerms })
      continue
    }
    const outcome = applyTransform(
      claim.transform as NonNullable<typeof claim.transform>,
      values,
      document,
    )
    if (!outcome.ok) {
      record({ ...base, outcome: 'unmapped', reason: outcome.reason, source: sourceTerms })
      continue
    }
    writeLocation(target, claim.to, outcome.value)
    const reason = joinReasons(claim.reason, outcome.lowered)
    record({
      ...base,
      outcome: 'mapped',
      value: outcome.value,
      exactness:
        claim.exactness === 'exact' && outcome.lowered === undefined ? 'exact' : 'approximate',
      ...(reason !== undefined ? { reason } : {}),
      ...(outcome.derived !== undefined ? { derived: outcome.derived } : {}),
      source: sourceTerms,
    })
  }
  return { claims, target }
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
  let result = applyCrosswalk(first, source)
  for (const document of rest) {
    const previous = new Map(result.claims.map((claim) => [claim.term, claim]))
    const next = applyCrosswalk(document, result.target)
    const claims = next.claims.map((claim): MappedClaim => {
      if (claim.outcome === 'impossible') return claim
      const steps = claim.source.map((s) => previous.get(s.term))
      const sourceOf = steps.flatMap((step) => step?.source ?? [])
      const blocked = steps.find(
        (step) =>
          step !== undefined && (step.outcome === 'unmapped' || step.outcome === 'impossible'),
      )
      if (claim.outcome === 'absent' && blocked !== undefined) {
        return {
          ...claim,
          outcome: blocked.outcome,
          ...(blocked.reason !== undefined ? { reason: blocked.reason } : {}),
          source: sourceOf,
        }
      }
      if (claim.outcome !== 'mapped') return { ...claim, source: sourceOf }
      const approximate =
        claim.exactness === 'approximate' || steps.some((s) => s?.exactness === 'approximate')
      const reason = joinReasons(...steps.map((s) => s?.reason), claim.reason)
      const derived = joinReasons(...steps.map((s) => s?.derived), claim.derived)
      const { reason: _r, derived: _d, ...rest } = claim
      return {
        ...rest,
        exactness: approximate ? 'approximate' : 'exact',
        ...(reason !== undefined ? { reason } : {}),
        ...(derived !== undefined ? { derived } : {}),
        source: sourceOf,
      }
    })
    result = { claims, target: next.target }
  }
  return result
}
