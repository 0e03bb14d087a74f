// Resolves one federation entity: its validated trust chain, resolved metadata and verified trust marks.
import { KakehashiError } from '../../errors.ts'
import type { Clock } from '../../util/clock.ts'
import type { TrustChainResolver } from './resolve-trust-chain.ts'
import type { EntityStatement, ValidatedChain } from './validate-trust-chain.ts'
import { resolverIssuerKeys, type VerifiedTrustMark, verifyTrustMark } from './verify-trust-mark.ts'

export interface ResolvedFederationEntity {
  entityId: string
  chain: ValidatedChain
  /** The trust marks of the entity's configuration that verified. */
  trustMarks: VerifiedTrustMark[]
  /** When the first of the chain and the required trust marks expires, in seconds since the epoch. */
  expiresAt: number
}

/**
 * Resolves `entityId` to the anchor and checks its trust marks. A mark that does not verify is left
 * out; one of the `requiredTrustMarks` types that is absent is `oidfed.trust_mark_missing`, and one
 * present but invalid fails with that mark's own `oidfed.trust_mark_invalid`.
 */
export async function resolveFederationEntity(
  resolver: TrustChainResolver,
  entityId: string,
  options: { clock: Clock; requiredTrustMarks?: readonly string[] },
): Promise<ResolvedFederationEntity> {
  const chain = await resolver.resolve(entityId)
  const leaf = chain.statements[0] as EntityStatement
  const context = {
    anchorConfiguration: await resolver.anchorConfiguration(),
    issuerKeys: resolverIssuerKeys(resolver),
    clock: options.clock,
  }
  const verified: VerifiedTrustMark[] = []
  const failures = new Map<string, KakehashiError>()
  for (const { trust_mark_type: type, trust_mark: jwt } of leaf.claims.trust_marks ?? []) {
    try {
      verified.push(await verifyTrustMark(jwt, entityId, type, context))
    } catch (error) {
      if (!(error instanceof KakehashiError)) throw error
      if (!failures.has(type)) failures.set(type, error)
    }
  }
  let expiresAt = chain.expiresAt
  for (const type of options.requiredTrustMarks ?? []) {
    const marks = verified.filter((m) => m.trustMarkType === type)
    if (marks.length === 0) {
      throw (
        failures.get(type) ??
        new KakehashiError('oidfed.trust_mark_missing', `${entityId} carries no trust mark ${type}`)
      )
    }
    const latest = Math.max(...marks.map((m) => m.expiresAt ?? Number.POSITIVE_INFINITY))
    expiresAt = Math.min(expiresAt, latest)
  }
  return { entityId, chain, trustMarks: verified, expiresAt }
}
