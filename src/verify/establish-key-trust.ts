// From an issuer's DID or JWK to a registry entity: the key must belong to a registry identity of that issuer.
import type { IssuerKeyReference } from '../formats/w3c-vc/types.ts'
import type { DigitalIdentity, TrustedEntity } from '../model/index.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckList } from '../report/check-list.ts'
import type { TrustPath } from '../report/verification-report.ts'

export interface KeyTrust {
  entity: TrustedEntity
  /** The registry identity (`did` or `jwk.thumbprint`) the issuer's key belongs to. */
  identity: DigitalIdentity
}

/** Registry identities by DID and by JWK thumbprint, built once per (immutable) snapshot. */
const identityIndexes = new WeakMap<RegistrySnapshot, Map<string, DigitalIdentity>>()

function identityIndex(snapshot: RegistrySnapshot): Map<string, DigitalIdentity> {
  let index = identityIndexes.get(snapshot)
  if (index === undefined) {
    index = new Map()
    for (const identity of snapshot.identities)
      if (identity.kind === 'did' || identity.kind === 'jwk.thumbprint')
        index.set(`${identity.kind} ${identity.value}`, identity)
    identityIndexes.set(snapshot, index)
  }
  return index
}

/**
 * Records `trust.chain` and `trust.issuer` for an issuer whose key is a DID verification method
 * or a bare JWK. The DID (the method's controller) or the key's thumbprint must be a registry
 * identity: a valid signature by a key nobody registered says only that someone signed.
 */
export function establishKeyTrust(
  snapshot: RegistrySnapshot,
  key: Exclude<IssuerKeyReference, { kind: 'x5c' }>,
  issuerId: string,
  checks: CheckList,
  trustPath: TrustPath,
): KeyTrust | undefined {
  const [kind, value, described] =
    key.kind === 'verificationMethod'
      ? (['did', key.method.controller, `DID ${key.method.controller}`] as const)
      : (['jwk.thumbprint', key.thumbprint, `JWK thumbprint ${key.thumbprint}`] as const)
  const identity = identityIndex(snapshot).get(`${kind} ${value}`)
  const entity = identity === undefined ? undefined : snapshot.entities.get(identity.entityId)
  if (identity === undefined || entity === undefined) {
    checks.fail(
      'trust.chain',
      'trust.issuer_unknown',
      `the issuer's key (${described}) is not a registry identity: nothing ties it to a trusted entity`,
    )
    return undefined
  }
  checks.pass(
    'trust.chain',
    `the issuer's key belongs to ${described}, registry identity ${identity.id} of ${entity.id}`,
  )
  trustPath.anchor = {
    identityId: identity.id,
    entityId: entity.id,
    subject: value,
    fingerprint: key.kind === 'verificationMethod' ? key.method.id : key.thumbprint,
  }
  trustPath.issuer = {
    iss: issuerId,
    entityId: entity.id,
    names: entity.names,
    country: entity.country,
  }
  // For a DID, the credential's issuer must be the DID that controls the key (checked by the
  // format step too); for a bare JWK nothing names the issuer but the registry entry itself.
  if (key.kind === 'verificationMethod' && key.method.controller !== issuerId) {
    checks.fail(
      'trust.issuer',
      'vc.iss_mismatch',
      `the credential's issuer ${issuerId} is not the controller ${key.method.controller} of the key that signed it`,
    )
    return undefined
  }
  checks.pass('trust.issuer', `issuer ${issuerId} is the registry identity ${identity.id}`)
  return { entity, identity }
}
