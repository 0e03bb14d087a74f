// The claims of OpenID Federation 1.0 entity statements and trust marks, as zod schemas at the boundary.
import { z } from 'zod'

/** Media types and `typ` header values of OpenID Federation 1.0 (§3, §7, §8). */
export const ENTITY_STATEMENT_MEDIA_TYPE = 'application/entity-statement+jwt'
export const ENTITY_STATEMENT_TYP = 'entity-statement+jwt'
export const TRUST_MARK_MEDIA_TYPE = 'application/trust-mark+jwt'
export const TRUST_MARK_TYP = 'trust-mark+jwt'
export const TRUST_MARK_DELEGATION_TYP = 'trust-mark-delegation+jwt'
export const WELL_KNOWN_PATH = '/.well-known/openid-federation'

/**
 * An Entity Identifier (§1.2): a URL with a host, without query or fragment. `http` is admitted
 * here only because the fetch refuses it unless private addresses are allowed (local test beds).
 */
export const zEntityId = z
  .string()
  .max(2048)
  .refine(
    (value) => isEntityId(value),
    'not an Entity Identifier (https URL, no query or fragment)',
  )

export function isEntityId(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  const schemeOk = url.protocol === 'https:' || url.protocol === 'http:'
  return schemeOk && url.hostname !== '' && url.search === '' && url.hash === '' && !url.username
}

export const zJwk = z.looseObject({
  kty: z.string().min(1).max(16),
  kid: z.string().max(512).optional(),
})
export const zJwks = z.object({ keys: z.array(zJwk).min(1).max(32) })
export type Jwks = z.infer<typeof zJwks>

/** One metadata parameter policy: operator name to operator value (§6.1.2). */
export const zParameterPolicy = z.record(z.string().max(128), z.unknown())
/** Entity type to parameter name to parameter policy. */
export const zMetadataPolicy = z.record(
  z.string().max(128),
  z.record(z.string().max(256), zParameterPolicy),
)
export type MetadataPolicy = z.infer<typeof zMetadataPolicy>

/** Entity type to its metadata (§5). */
export const zMetadata = z.record(z.string().max(128), z.record(z.string().max(256), z.unknown()))
export type Metadata = z.infer<typeof zMetadata>

const zNamingConstraints = z.object({
  permitted: z.array(z.string().min(1).max(300)).max(100).optional(),
  excluded: z.array(z.string().min(1).max(300)).max(100).optional(),
})

/** Constraints a superior places on the chains below it (§6.2). */
export const zConstraints = z.looseObject({
  max_path_length: z.number().int().nonnegative().optional(),
  naming_constraints: zNamingConstraints.optional(),
  allowed_entity_types: z.array(z.string().max(128)).max(64).optional(),
})
export type Constraints = z.infer<typeof zConstraints>

const zNumericDate = z.number().int().nonnegative()

/** An entity statement's claims (§3.1): entity configurations and subordinate statements alike. */
export const zEntityStatementClaims = z.looseObject({
  iss: zEntityId,
  sub: zEntityId,
  iat: zNumericDate,
  exp: zNumericDate,
  jwks: zJwks,
  authority_hints: z.array(zEntityId).max(64).optional(),
  metadata: zMetadata.optional(),
  metadata_policy: zMetadataPolicy.optional(),
  metadata_policy_crit: z.array(z.string().max(128)).max(32).optional(),
  constraints: zConstraints.optional(),
  crit: z.array(z.string().max(128)).max(32).optional(),
  trust_marks: z
    .array(z.looseObject({ trust_mark_type: z.string().min(1).max(2048), trust_mark: z.string() }))
    .max(64)
    .optional(),
  trust_mark_issuers: z.record(z.string().max(2048), z.array(zEntityId).max(64)).optional(),
  trust_mark_owners: z
    .record(z.string().max(2048), z.looseObject({ sub: zEntityId, jwks: zJwks }))
    .optional(),
})
export type EntityStatementClaims = z.infer<typeof zEntityStatementClaims>

/** A trust mark's claims (§7.1). */
export const zTrustMarkClaims = z.looseObject({
  iss: zEntityId,
  sub: zEntityId,
  trust_mark_type: z.string().min(1).max(2048),
  iat: zNumericDate,
  exp: zNumericDate.optional(),
  delegation: z.string().max(16_384).optional(),
})
export type TrustMarkClaims = z.infer<typeof zTrustMarkClaims>

/** A trust mark delegation's claims (§7.2). */
export const zTrustMarkDelegationClaims = z.looseObject({
  iss: zEntityId,
  sub: zEntityId,
  trust_mark_type: z.string().min(1).max(2048),
  iat: zNumericDate,
  exp: zNumericDate.optional(),
})

/** A list endpoint's answer (§8.2): the Entity Identifiers of the subordinates. */
export const zEntityList = z.array(zEntityId)
