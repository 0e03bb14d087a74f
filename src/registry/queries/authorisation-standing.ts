// Where one authorisation stands at a time: its status then, its validity window, its source.
import type { Authorisation, AuthorisationStatus } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import { judgeFreshness, type SourceEvidence } from './source-freshness.ts'
import type {
  AuthorisationReason,
  AuthorisationRecordEvidence,
  TrustQueryOptions,
} from './trust-query-types.ts'

/** An authorisation covers a resource it names as a credential type, or the trust service it provides. */
export const coversResource = (authorisation: Authorisation, resource: string): boolean =>
  authorisation.credentialTypes.includes(resource) ||
  authorisation.trustService?.serviceType === resource

/**
 * The status in effect at `atMs`: the last recorded change that took effect by then, else the
 * status the authorisation entered the registry with.
 */
export function statusAt(
  snapshot: RegistrySnapshot,
  authorisation: Authorisation,
  atMs: number,
): AuthorisationStatus {
  const events = snapshot.statusHistory.get(authorisation.id)
  if (events === undefined || events.length === 0) return authorisation.status
  let status = (events[0] as { status: AuthorisationStatus }).status
  for (const event of events) if (Date.parse(event.at) <= atMs) status = event.status
  return status
}

/** Why an authorisation is not in force at `atMs`, or undefined when it is. */
export function inactiveReason(
  snapshot: RegistrySnapshot,
  authorisation: Authorisation,
  atMs: number,
): AuthorisationReason | undefined {
  const status = statusAt(snapshot, authorisation, atMs)
  if (status === 'withdrawn') return 'authorisation.withdrawn'
  if (status === 'suspended') return 'authorisation.suspended'
  if (atMs < Date.parse(authorisation.validFrom)) return 'authorisation.not_yet_valid'
  if (authorisation.validUntil !== undefined && atMs >= Date.parse(authorisation.validUntil))
    return 'authorisation.expired'
  return undefined
}

export function recordEvidence(
  snapshot: RegistrySnapshot,
  authorisation: Authorisation,
  atMs: number,
): AuthorisationRecordEvidence {
  const record: AuthorisationRecordEvidence = {
    ...authorisation,
    statusAtTime: statusAt(snapshot, authorisation, atMs),
    statusHistory: [...(snapshot.statusHistory.get(authorisation.id) ?? [])],
  }
  const logSeq = snapshot.logPositions.authorisations.get(authorisation.id)
  if (logSeq !== undefined) record.logSeq = logSeq
  return record
}

/** An authorisation with whether it is in force at `atMs`, and why not. */
export interface StandingEvidence extends AuthorisationRecordEvidence {
  inForce: boolean
  reason?: AuthorisationReason
  source?: SourceEvidence
}

export function authorisationEvidenceAt(
  snapshot: RegistrySnapshot,
  authorisation: Authorisation,
  atMs: number,
  options: TrustQueryOptions,
): StandingEvidence {
  const record: StandingEvidence = {
    ...recordEvidence(snapshot, authorisation, atMs),
    inForce: false,
  }
  const freshness = judgeFreshness(snapshot, authorisation, options.nowMs, options.staleSources)
  if (freshness.source !== undefined) record.source = freshness.source
  const reason =
    inactiveReason(snapshot, authorisation, atMs) ??
    (freshness.kind === 'stale' && !freshness.acceptedByPolicy ? 'source.stale' : undefined)
  if (reason === undefined) record.inForce = true
  else record.reason = reason
  return record
}
