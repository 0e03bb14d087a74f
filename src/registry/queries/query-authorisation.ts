// TRQP authorisation query: is entity E authorised for action A on resource R under framework F, at T?
import { KakehashiError } from '../../errors.ts'
import type { Authorisation } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import { coversResource, inactiveReason, recordEvidence } from './authorisation-standing.ts'
import { earliest, entityEvidence, frameworkEvidence } from './describe-evidence.ts'
import { resolveEntity } from './resolve-entity.ts'
import { judgeFreshness } from './source-freshness.ts'
import { authorisationActions, roleForAction } from './trqp-actions.ts'
import { trqpAnswer } from './trqp-answer.ts'
import type {
  AuthorisationEvidence,
  AuthorisationReason,
  TrqpAuthorizationResponse,
  TrqpRequest,
  TrustQueryOptions,
} from './trust-query-types.ts'

const messages: Record<AuthorisationReason, string> = {
  'authorisation.none': 'holds no authorisation for this action',
  'authorisation.other_framework': 'is authorised for this only under other frameworks',
  'authorisation.resource_not_covered': 'holds no authorisation for this action on this resource',
  'authorisation.not_yet_valid': 'holds an authorisation that is not yet valid',
  'authorisation.expired': 'holds an authorisation that has expired',
  'authorisation.suspended': 'holds an authorisation that is suspended',
  'authorisation.withdrawn': 'holds an authorisation that is withdrawn',
  'source.stale': 'holds an authorisation whose source is past its next update',
}

/**
 * Answers from the snapshot alone. Unknown entity, framework (`authority_id`) or action throw
 * `trqp.*_unknown` (404 in the HTTPS binding); every other outcome is an answer with evidence.
 */
export function queryAuthorisation(
  snapshot: RegistrySnapshot,
  request: TrqpRequest,
  options: TrustQueryOptions,
): TrqpAuthorizationResponse {
  const { entity_id, authority_id, action, resource } = request
  const role = roleForAction(action)
  if (role === undefined) {
    throw new KakehashiError(
      'trqp.action_unknown',
      `unknown action ${JSON.stringify(action)}: one of ${Object.keys(authorisationActions).join(', ')}`,
      { action, log_checkpoint: snapshot.checkpoint },
    )
  }
  const framework = frameworkEvidence(snapshot, authority_id)
  if (framework === undefined) {
    throw new KakehashiError(
      'trqp.authority_unknown',
      `framework ${authority_id} is not in the registry`,
      { authority_id, log_checkpoint: snapshot.checkpoint },
    )
  }
  const { entity, identity } = resolveEntity(snapshot, entity_id)
  const requestedTime = request.context?.time
  const atMs = requestedTime === undefined ? options.nowMs : Date.parse(requestedTime)

  const forRole = (snapshot.authorisationsByEntity.get(entity.id) ?? []).filter(
    (a) => a.role === role,
  )
  const underFramework = forRole.filter((a) => a.frameworkId === authority_id)
  const matching = underFramework.filter((a) => coversResource(a, resource))
  const evidence: AuthorisationEvidence = {
    entity: entityEvidence(snapshot, entity),
    framework,
    role,
    considered: forRole.map((a) => ({ id: a.id, frameworkId: a.frameworkId, status: a.status })),
  }
  if (identity !== undefined) {
    evidence.entity.matchedIdentity = { id: identity.id, kind: identity.kind }
    const logSeq = snapshot.logPositions.identities.get(identity.id)
    if (logSeq !== undefined) evidence.entity.matchedIdentity.logSeq = logSeq
  }

  let chosen: Authorisation | undefined
  let reason: AuthorisationReason | undefined
  let expiry: string | undefined
  if (matching.length === 0) {
    reason =
      forRole.length === 0
        ? 'authorisation.none'
        : forRole.some((a) => coversResource(a, resource))
          ? 'authorisation.other_framework'
          : 'authorisation.resource_not_covered'
  } else {
    // In force and from a current source first; then in force but stale; then the first by id.
    let staleCandidate: Authorisation | undefined
    for (const candidate of matching) {
      if (inactiveReason(snapshot, candidate, atMs) !== undefined) continue
      const freshness = judgeFreshness(snapshot, candidate, options.nowMs, options.staleSources)
      if (freshness.kind !== 'stale') {
        chosen = candidate
        break
      }
      staleCandidate ??= candidate
    }
    if (chosen === undefined && staleCandidate !== undefined) {
      chosen = staleCandidate
      if (options.staleSources === 'refuse') reason = 'source.stale'
    }
    if (chosen === undefined) {
      chosen = matching[0] as Authorisation
      reason = inactiveReason(snapshot, chosen, atMs)
    }
    evidence.authorisation = recordEvidence(snapshot, chosen, atMs)
    const freshness = judgeFreshness(snapshot, chosen, options.nowMs, options.staleSources)
    if (freshness.source !== undefined) evidence.source = freshness.source
    if (reason === undefined) {
      expiry = earliest(
        chosen.validUntil,
        freshness.kind === 'fresh' ? freshness.source.nextUpdate : undefined,
      )
    }
  }
  if (reason !== undefined) evidence.reason = reason

  const authorized = reason === undefined
  const stale = evidence.source?.stale === true
  const message = authorized
    ? `${entity.id} is authorised to ${action} ${resource} under ${authority_id} by ${chosen?.id}` +
      (stale ? `; its source ${evidence.source?.id} is stale, accepted by policy` : '')
    : `${entity.id} ${messages[reason as AuthorisationReason]} (${reason})`
  return trqpAnswer(snapshot, request, options, {
    verdict: { authorized },
    message,
    expiry,
    evidence,
  })
}
