// From the issuer's `x5c` to a registry entity: the chain to an anchor, and `iss` bound to the certificate.
import type { TrustedEntity } from '../model/index.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckList } from '../report/check-list.ts'
import type { TrustPath } from '../report/verification-report.ts'
import { matchIssuerName } from '../trust/x509/match-issuer-name.ts'
import type { PathSuccess } from '../trust/x509/path-result.ts'
import type { TrustAnchorSet } from '../trust/x509/trust-anchor-set.ts'

export interface IssuerTrust {
  path: PathSuccess
  entity: TrustedEntity
}

/**
 * Records `trust.chain` and `trust.issuer`, fills the anchor and issuer links of the trust path,
 * and returns the entity the chain leads to; undefined when no anchor of the registry is reached.
 */
export async function establishIssuerTrust(
  snapshot: RegistrySnapshot,
  anchors: TrustAnchorSet,
  input: { x5c: Uint8Array[]; iss: string | undefined; atMs: number; maxCertificates: number },
  checks: CheckList,
  trustPath: TrustPath,
): Promise<IssuerTrust | undefined> {
  const path = await anchors.validate(input.x5c, {
    atMs: input.atMs,
    maxCertificates: input.maxCertificates,
  })
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
  trustPath.issuer = {
    ...(input.iss !== undefined ? { iss: input.iss } : {}),
    certificateSubject: leaf.subject,
    entityId: entity.id,
    names: entity.names,
    country: entity.country,
  }
  if (input.iss !== undefined) {
    const match = matchIssuerName(input.iss, leaf)
    if (match.ok)
      checks.pass(
        'trust.issuer',
        `iss ${input.iss} is named by the issuer certificate (${match.matched})`,
      )
    else checks.fail('trust.issuer', 'vc.iss_mismatch', match.message)
  }
  return { path, entity }
}
