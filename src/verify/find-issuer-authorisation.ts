// Finds the authorisation that lets an anchored entity issue a given credential type, now.
import type { Authorisation } from '../model/index.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckList } from '../report/check-list.ts'

const inWindow = (a: Authorisation, atMs: number): boolean =>
  Date.parse(a.validFrom) <= atMs && (a.validUntil === undefined || atMs < Date.parse(a.validUntil))

/**
 * Records the `trust.authorisation` step. Only an authorisation with role `issuer` that names the
 * credential type counts; among several in force the first by id is taken, so the answer is stable.
 */
export function findIssuerAuthorisation(
  snapshot: RegistrySnapshot,
  input: { entityId: string; credentialType: string; atMs: number },
  checks: CheckList,
): Authorisation | undefined {
  const { entityId, credentialType, atMs } = input
  const forType = (snapshot.authorisationsByEntity.get(entityId) ?? [])
    .filter((a) => a.role === 'issuer' && a.credentialTypes.includes(credentialType))
    .sort((a, b) => a.id.localeCompare(b.id))
  if (forType.length === 0) {
    checks.fail(
      'trust.authorisation',
      'trust.not_authorised',
      `entity ${entityId} holds no issuer authorisation for credential type ${credentialType}`,
    )
    return undefined
  }
  const active = forType.find((a) => a.status === 'granted' && inWindow(a, atMs))
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
