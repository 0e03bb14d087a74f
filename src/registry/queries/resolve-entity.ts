// Finds the entity a TRQP `entity_id` names: a registry entity id, or one of its digital identities.
import { KakehashiError } from '../../errors.ts'
import type { DigitalIdentity, TrustedEntity } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import { queryIndexFor } from './query-index.ts'

export interface ResolvedEntity {
  entity: TrustedEntity
  identity?: DigitalIdentity
}

const FINGERPRINT = /^[0-9a-f]{64}$/

/**
 * Exact matches only: the entity id, a DID, an RFC 7638 thumbprint, or a certificate's SHA-256
 * fingerprint (lower-case hex). When several identities hold the value, the first by id decides.
 * Unknown: `trqp.entity_unknown`, which the HTTPS binding answers with 404.
 */
export function resolveEntity(snapshot: RegistrySnapshot, entityId: string): ResolvedEntity {
  const entity = snapshot.entities.get(entityId)
  if (entity !== undefined) return { entity }
  const index = queryIndexFor(snapshot)
  const identities =
    index.byDid.get(entityId) ??
    index.byThumbprint.get(entityId) ??
    (FINGERPRINT.test(entityId) ? index.byFingerprint.get(entityId) : undefined) ??
    []
  for (const identity of identities) {
    const owner = snapshot.entities.get(identity.entityId)
    if (owner !== undefined) return { entity: owner, identity }
  }
  throw new KakehashiError(
    'trqp.entity_unknown',
    `no entity of the registry is, or holds an identity, ${entityId}`,
    { entity_id: entityId, log_checkpoint: snapshot.checkpoint },
  )
}
