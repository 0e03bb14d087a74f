// Finds the authorisation that lets an anchored entity issue a given credential type, now.
import { type Authorisation, isBoundToIdentity } from '../model/index.ts'
import { judgeFreshness, type StaleSourcePolicy } from '../registry/queries/source-freshness.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckList } from '../report/check-list.ts'

const inWindow = (a: Authorisation, atMs: number): boolean =>
  Date.parse(a.validFrom) <= atMs && (a.validUntil === undefined || atMs < Date.parse(a.validUntil))

/**
 * Records the `trust.authorisation` step. Only an authorisation with role `issuer` that names the
 * credential type, and is bound to the anchor the chain reached (when it names its identities), counts;
 * among several in force the first by id is taken, so the answer is stable.
 * One whose source is past its NextUpdate counts only when policy accepts stale sources, and only
 * if no authorisation from a current source is in force.
 */
export function findIssuerAuthorisation(
  snapshot: RegistrySnapshot,
  input: {
    entityId: string
    /** The registry identity (trust anchor) the issuer's chain ends in. */
    anchorIdentityId?: string
    credentialType: string
    atMs: number
    /** Default `refuse`. */
    staleSources?: StaleSourcePolicy
  },
  checks: CheckList,
): Authorisation | undefined {
  const { entityId, credentialType, atMs } = input
  const policy = input.staleSources ?? 'refuse'
  const ofType = (snapshot.authorisationsByEntity.get(entityId) ?? [])
    .filter((a) => a.role === 'issuer' && a.credentialTypes.includes(credentialType))
    .sort((a, b) => a.id.localeCompare(b.id))
  const anchorId = input.anchorIdentityId
  const forType =
    anchorId === undefined ? ofType : ofType.filter((a) => isBoundToIdentity(a, anchorId))
  if (forType.length === 0 && ofType.length > 0) {
    checks.fail(
      'trust.authorisation',
      'trust.not_authorised',
      `entity ${entityId} is authorised to issue ${credentialType} (${ofType.map((a) => a.id).join(', ')}), but not through anchor ${anchorId}: those authorisations are bound to other identities`,
      { anchorIdentityId: anchorId, authorisationIds: ofType.map((a) => a.id) },
    )
    return undefined
  }
  if (forType.length === 0) {
    checks.fail(
      'trust.authorisation',
      'trust.not_authorised',
      `entity ${entityId} holds no issuer authorisation for credential type ${credentialType}`,
    )
    return undefined
  }
  const inForce = forType.filter((a) => a.status === 'granted' && inWindow(a, atMs))
  let active: Authorisation | undefined
  let stale: { authorisation: Authorisation; sourceId: string; nextUpdate: string } | undefined
  for (const candidate of inForce) {
    const freshness = judgeFreshness(snapshot, candidate, atMs, policy)
    if (freshness.kind !== 'stale') {
      active = candidate
      break
    }
    stale ??= {
      authorisation: candidate,
      sourceId: freshness.source.id,
      nextUpdate: freshness.source.nextUpdate ?? '',
    }
  }
  if (active === undefined && stale !== undefined) {
    const { authorisation, sourceId, nextUpdate } = stale
    const detail = {
      authorisationId: authorisation.id,
      sourceId,
      nextUpdate,
      staleSources: policy,
    }
    if (policy === 'refuse') {
      checks.fail(
        'trust.authorisation',
        'trust.source_stale',
        `${entityId} is authorised to issue ${credentialType} by ${authorisation.id}, but its source ${sourceId} is stale (past its next update ${nextUpdate}) and policy refuses stale sources`,
        detail,
      )
      return undefined
    }
    checks.pass(
      'trust.authorisation',
      `${entityId} is authorised to issue ${credentialType} under ${authorisation.frameworkId} (${authorisation.id}); its source ${sourceId} is stale (past its next update ${nextUpdate}), accepted by policy`,
      detail,
    )
    return authorisation
  }
  if (active === undefined) {
    const states = forType
      .map((a) => `${a.id}: ${a.status}, valid ${a.validFrom} to ${a.validUntil ?? 'open'}`)
      .join('; ')
    checks.fail(
      'trust.authorisation',
      'trust.authorisation_inactive',
      `entity ${entityId} is not currently authorised to issue ${credentialType} (${states})`,
    )
    return undefined
  }
  checks.pass(
    'trust.authorisation',
    `${entityId} is authorised to issue ${credentialType} under ${active.frameworkId} (${active.id})`,
  )
  return active
}
