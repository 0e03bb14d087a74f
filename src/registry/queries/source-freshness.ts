// Whether the source a registry fact came from is still current: past its NextUpdate it is stale.
import type { SourceKind, SourceState } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'

/** `refuse`: a stale source answers "stale", never "trusted". `accept`: it still counts, said so. */
export type StaleSourcePolicy = 'refuse' | 'accept'

export const staleSourcePolicies: readonly StaleSourcePolicy[] = ['refuse', 'accept']

/** Facts entered by people, not read from a published list, have no NextUpdate to fall behind. */
const withoutFreshness: ReadonlySet<SourceKind> = new Set(['operator', 'governance', 'sandbox'])

/** The source version a fact rests on, as evidence: what was imported, and whether it is current. */
export interface SourceEvidence {
  id: string
  kind: SourceKind
  uri?: string
  /** Log seq of the entry that last changed the source (its import or its last failure). */
  logSeq?: number
  digest?: string
  sequenceNumber?: number
  issuedAt?: string
  nextUpdate?: string
  signatureStatus?: string
  signerSubject?: string
  /** Past NextUpdate at the time of evaluation. */
  stale: boolean
  /** Set when the source is stale: whether policy let the fact count anyway. */
  acceptedByPolicy?: boolean
  /** The last failed attempt to refresh it, if one is on record. */
  lastFailure?: { at: string; code: string }
}

export type Freshness =
  /** Operator, governance and sandbox facts: nothing to be fresh against. */
  | { kind: 'not_applicable'; source?: SourceEvidence }
  | { kind: 'fresh'; source: SourceEvidence }
  | { kind: 'stale'; source: SourceEvidence; acceptedByPolicy: boolean }

/** Past its NextUpdate at `atMs`; a source with no NextUpdate, or one entered by people, never is. */
function isStaleAt(state: SourceState, atMs: number): boolean {
  if (withoutFreshness.has(state.kind)) return false
  const nextUpdate = state.current?.nextUpdate
  return nextUpdate !== undefined && atMs >= Date.parse(nextUpdate)
}

/**
 * Whether `fact` may be used under `policy` at `atMs`: what judgeFreshness would let count, without
 * building its evidence (for choosing among candidates on the verification path).
 */
export function countsUnderPolicy(
  snapshot: RegistrySnapshot,
  fact: { sourceId?: string | undefined },
  atMs: number,
  policy: StaleSourcePolicy,
): boolean {
  if (policy === 'accept' || fact.sourceId === undefined) return true
  const state = snapshot.sources.get(fact.sourceId)
  return state === undefined || !isStaleAt(state, atMs)
}

/**
 * Judges the source of `fact` at `atMs` (the time of evaluation: freshness describes what the
 * registry knows now, not the entity). A source with no NextUpdate is never stale.
 */
export function judgeFreshness(
  snapshot: RegistrySnapshot,
  fact: { sourceId?: string | undefined },
  atMs: number,
  policy: StaleSourcePolicy,
): Freshness {
  if (fact.sourceId === undefined) return { kind: 'not_applicable' }
  const state = snapshot.sources.get(fact.sourceId)
  if (state === undefined) return { kind: 'not_applicable' }
  const current = state.current
  const logSeq = snapshot.logPositions.sources.get(state.id)
  const evidence: SourceEvidence = { id: state.id, kind: state.kind, stale: false }
  if (state.uri !== undefined) evidence.uri = state.uri
  if (logSeq !== undefined) evidence.logSeq = logSeq
  if (current !== undefined) {
    evidence.digest = current.digest
    if (current.sequenceNumber !== undefined) evidence.sequenceNumber = current.sequenceNumber
    if (current.issuedAt !== undefined) evidence.issuedAt = current.issuedAt
    if (current.nextUpdate !== undefined) evidence.nextUpdate = current.nextUpdate
    evidence.signatureStatus = current.signature.status
    if (current.signature.signerSubject !== undefined)
      evidence.signerSubject = current.signature.signerSubject
  }
  if (state.lastFailure !== undefined)
    evidence.lastFailure = { at: state.lastFailure.at, code: state.lastFailure.code }
  if (withoutFreshness.has(state.kind)) return { kind: 'not_applicable', source: evidence }
  if (!isStaleAt(state, atMs)) return { kind: 'fresh', source: evidence }
  const acceptedByPolicy = policy === 'accept'
  evidence.stale = true
  evidence.acceptedByPolicy = acceptedByPolicy
  return { kind: 'stale', source: evidence, acceptedByPolicy }
}
