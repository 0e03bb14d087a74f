// Verifies trust marks (OpenID Federation 1.0 §7) against the issuers and owners the trust anchor names.
import { KakehashiError } from '../../errors.ts'
import type { Clock } from '../../util/clock.ts'
import type { TrustChainResolver } from './resolve-trust-chain.ts'
import type { EntityStatement } from './validate-trust-chain.ts'
import {
  checkJwtTime,
  decodeFederationJwt,
  verifyFederationSignature,
} from './verify-federation-jwt.ts'
import {
  type Jwks,
  TRUST_MARK_DELEGATION_TYP,
  TRUST_MARK_TYP,
  zTrustMarkClaims,
  zTrustMarkDelegationClaims,
} from './z-entity-statement.ts'

export interface VerifiedTrustMark {
  jwt: string
  trustMarkType: string
  issuer: string
  issuedAt: number
  /** Seconds since the epoch; absent when the mark does not expire. */
  expiresAt?: number
}

export interface TrustMarkContext {
  /** The anchor's verified entity configuration: its `trust_mark_issuers` and `trust_mark_owners`. */
  anchorConfiguration: EntityStatement
  /** The keys of a trust mark issuer, as its own trust chain to the anchor states them. */
  issuerKeys(issuer: string): Promise<Jwks>
  clock: Clock
}

/** Issuer keys through the resolver: the anchor's configured keys, or those its superior states. */
export const resolverIssuerKeys =
  (resolver: TrustChainResolver) =>
  async (issuer: string): Promise<Jwks> => {
    if (issuer === resolver.anchor.entityId) return resolver.anchor.jwks
    const chain = await resolver.resolve(issuer)
    return (chain.statements[1] as EntityStatement).claims.jwks
  }

/**
 * Verifies one trust mark about `subject`: typed, of `trustMarkType`, in its validity period, issued
 * by an entity the anchor lists for that type and signed with the key its chain gives, and, when
 * the anchor names an owner for the type, carrying the owner's delegation. Every failure is
 * `oidfed.trust_mark_invalid`, with the underlying code in `detail.reason`.
 */
export async function verifyTrustMark(
  jwt: string,
  subject: string,
  trustMarkType: string,
  context: TrustMarkContext,
): Promise<VerifiedTrustMark> {
  try {
    return await check(jwt, subject, trustMarkType, context)
  } catch (error) {
    if (!(error instanceof KakehashiError)) throw error
    if (error.code === 'oidfed.trust_mark_invalid') throw error
    throw new KakehashiError(
      'oidfed.trust_mark_invalid',
      `trust mark ${trustMarkType}: ${error.message}`,
      { reason: error.code },
      { cause: error },
    )
  }
}

async function check(
  jwt: string,
  subject: string,
  trustMarkType: string,
  context: TrustMarkContext,
): Promise<VerifiedTrustMark> {
  const mark = decodeFederationJwt(jwt, TRUST_MARK_TYP, zTrustMarkClaims, 'trust mark')
  const invalid = (why: string) =>
    new KakehashiError('oidfed.trust_mark_invalid', `trust mark ${trustMarkType}: ${why}`)
  if (mark.claims.sub !== subject) throw invalid(`it is about ${mark.claims.sub}, not ${subject}`)
  if (mark.claims.trust_mark_type !== trustMarkType) {
    throw invalid(`it is of type ${mark.claims.trust_mark_type}`)
  }
  checkJwtTime(mark.claims, context.clock, `trust mark ${trustMarkType}`)
  const anchor = context.anchorConfiguration.claims
  // Own members only: a type named like an Object.prototype member must not find an inherited value.
  const issuers = ownMember(anchor.trust_mark_issuers, trustMarkType)
  if (issuers === undefined) throw invalid('the trust anchor names no issuer for this type')
  // An empty list lets any entity of the federation issue the mark (§5.1.1): its chain still counts.
  if (issuers.length > 0 && !issuers.includes(mark.claims.iss)) {
    throw invalid(`${mark.claims.iss} is not an issuer the trust anchor lists for it`)
  }
  await verifyFederationSignature(jwt, await context.issuerKeys(mark.claims.iss), 'trust mark')
  const owner = ownMember(anchor.trust_mark_owners, trustMarkType)
  // A delegation must be validated when present (§7.3), which needs an owner the anchor names.
  if (owner === undefined && mark.claims.delegation !== undefined) {
    throw invalid('it carries a delegation, but the trust anchor names no owner for this type')
  }
  if (owner !== undefined) {
    if (mark.claims.delegation === undefined) throw invalid('its owner requires a delegation')
    const delegation = decodeFederationJwt(
      mark.claims.delegation,
      TRUST_MARK_DELEGATION_TYP,
      zTrustMarkDelegationClaims,
      'trust mark delegation',
    )
    if (
      delegation.claims.iss !== owner.sub ||
      delegation.claims.sub !== mark.claims.iss ||
      delegation.claims.trust_mark_type !== trustMarkType
    ) {
      throw invalid('the delegation is not the owner’s for this issuer and type')
    }
    checkJwtTime(delegation.claims, context.clock, 'trust mark delegation')
    await verifyFederationSignature(mark.claims.delegation, owner.jwks, 'trust mark delegation')
  }
  return {
    jwt,
    trustMarkType,
    issuer: mark.claims.iss,
    issuedAt: mark.claims.iat,
    ...(mark.claims.exp === undefined ? {} : { expiresAt: mark.claims.exp }),
  }
}

const ownMember = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined
