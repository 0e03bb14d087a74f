// From the issuer's `x5c` to a registry entity: the chain to an anchor, and `iss` bound to the certificate.
import type { DigitalIdentity, TrustedEntity } from '../model/index.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckList } from '../report/check-list.ts'
import type { TrustPath } from '../report/verification-report.ts'
import { matchIssuerName } from '../trust/x509/match-issuer-name.ts'
import type { PathResult, PathSuccess } from '../trust/x509/path-result.ts'

export interface IssuerTrust {
  path: PathSuccess
  entity: TrustedEntity
  /** The registry identity the chain ends in: authorisations bound to identities must name it. */
  anchorIdentity: DigitalIdentity
}

/**
 * Records `trust.chain` and `trust.issuer` from the validation of the issuer's `x5c` against the
 * registry's anchors, fills the anchor and issuer links of the trust path, and returns the entity
 * the chain leads to; undefined when no anchor of the registry is reached.
 */
export function establishIssuerTrust(
  snapshot: RegistrySnapshot,
  path: PathResult,
  iss: string | undefined,
  checks: CheckList,
  trustPath: TrustPath,
): IssuerTrust | undefined {
  if (!path.ok) {
    checks.fail('trust.chain', path.code, path.message)
    return undefined
  }
  const anchorIdentity = snapshot.trustAnchors.find((identity) => identity.id === path.anchorId)
  const entity = anchorIdentity ? snapshot.entities.get(anchorIdentity.entityId) : undefined
  const leaf = path.path[0]
  const anchorCert = path.path[path.path.length - 1]
  if (
    anchorIdentity === undefined ||
    entity === undefined ||
    leaf === undefined ||
    anchorCert === undefined
  ) {
    checks.fail(
      'trust.chain',
      'trust.anchor_unknown',
      `anchor ${path.anchorId} has no entity in the registry`,
    )
    return undefined
  }
  checks.pass(
    'trust.chain',
    `the issuer certificate chains to trust anchor ${anchorIdentity.id} (${anchorCert.subject})`,
  )
  trustPath.anchor = {
    identityId: anchorIdentity.id,
    entityId: entity.id,
    subject: anchorCert.subject,
    fingerprint:
      path.fingerprints[path.fingerprints.length - 1] ?? anchorIdentity.fingerprint ?? '',
  }
  // Not `{...(iss ? {iss} : {}), …}`: V8 builds a literal that opens with a spread through a slow
  // generic path (measured at about 1 µs here).
  const issuer: NonNullable<TrustPath['issuer']> = iss !== undefined ? { iss } : {}
  issuer.certificateSubject = leaf.subject
  issuer.entityId = entity.id
  issuer.names = entity.names
  issuer.country = entity.country
  trustPath.issuer = issuer
  if (iss !== undefined) {
    const match = matchIssuerName(iss, leaf)
    if (match.ok)
      checks.pass(
        'trust.issuer',
        `iss ${iss} is named by the issuer certificate (${match.matched})`,
      )
    else checks.fail('trust.issuer', 'vc.iss_mismatch', match.message)
  }
  return { path, entity, anchorIdentity }
}
