// Validates a trust chain (OpenID Federation 1.0 §10.2) to a trust anchor whose keys are configured out of band.
import { KakehashiError } from '../../errors.ts'
import type { Clock } from '../../util/clock.ts'
import { applyMetadataPolicy, mergeMetadataPolicies } from './apply-metadata-policy.ts'
import {
  checkJwtTime,
  type DecodedJwt,
  decodeFederationJwt,
  verifyFederationSignature,
} from './verify-federation-jwt.ts'
import {
  ENTITY_STATEMENT_TYP,
  type EntityStatementClaims,
  type Jwks,
  type Metadata,
  zEntityStatementClaims,
} from './z-entity-statement.ts'

export interface TrustAnchor {
  entityId: string
  /** The anchor's federation keys, configured out of band: never taken from the network. */
  jwks: Jwks
}

export type EntityStatement = DecodedJwt<EntityStatementClaims>

export interface ChainLimits {
  /** Most Intermediate Entities between the subject and the trust anchor. */
  maxIntermediates: number
  /** Largest statement, in bytes. */
  maxStatementBytes?: number
}

export const DEFAULT_MAX_INTERMEDIATES = 4

export interface ValidatedChain {
  subject: string
  /** The statements as given: subject's configuration first, then subordinate statements upwards. */
  statements: EntityStatement[]
  /** The subject's metadata after its superior's `metadata` and the merged policies are applied. */
  metadata: Metadata
  /** The earliest `exp` of the chain, in seconds since the epoch. */
  expiresAt: number
  /** The latest `iat` of the chain: when the chain as a whole was last vouched for. */
  issuedAt: number
}

/** Claims an implementation must understand; a `crit` naming anything else refuses the statement. */
const UNDERSTOOD = new Set(Object.keys(zEntityStatementClaims.shape))

export const decodeEntityStatement = (jwt: string, what: string, maxBytes?: number) =>
  decodeFederationJwt(jwt, ENTITY_STATEMENT_TYP, zEntityStatementClaims, what, maxBytes)

/**
 * Checks `chain` ([subject's configuration, subordinate statements…, optionally the anchor's
 * configuration]) at the clock's time: every statement well formed and in its validity period,
 * `iss`/`sub` linked, each signed with a key its superior states for it, the topmost signed with
 * the configured anchor keys, and the constraints of every superior met. Then resolves the
 * subject's metadata through the merged policies.
 */
export async function validateTrustChain(
  chain: readonly string[],
  anchor: TrustAnchor,
  clock: Clock,
  limits: ChainLimits = { maxIntermediates: DEFAULT_MAX_INTERMEDIATES },
): Promise<ValidatedChain> {
  if (chain.length === 0) throw new KakehashiError('oidfed.malformed', 'the trust chain is empty')
  if (chain.length > limits.maxIntermediates + 3) {
    throw new KakehashiError(
      'oidfed.path_too_long',
      `the trust chain has ${chain.length} statements, over ${limits.maxIntermediates} intermediates`,
    )
  }
  const statements = chain.map((jwt, i) =>
    decodeEntityStatement(
      jwt,
      i === 0 ? 'entity configuration' : `statement ${i}`,
      limits.maxStatementBytes,
    ),
  )
  for (const s of statements) {
    checkJwtTime(s.claims, clock, label(s))
    checkCritical(s)
    checkPlacement(s)
  }
  const leaf = statements[0] as EntityStatement
  if (leaf.claims.iss !== leaf.claims.sub) {
    throw new KakehashiError('oidfed.subject_mismatch', `${label(leaf)}: iss is not sub`)
  }
  // A superior the subject does not name cannot speak for it (§3.2): a statement about the subject
  // from any other member would otherwise override its metadata, keys included.
  const superior = statements[1]
  if (
    superior !== undefined &&
    superior.claims.iss !== superior.claims.sub &&
    !(leaf.claims.authority_hints ?? []).includes(superior.claims.iss)
  ) {
    throw new KakehashiError(
      'oidfed.subject_mismatch',
      `${superior.claims.iss} is not among the authority_hints of ${leaf.claims.sub}`,
    )
  }
  await verifyFederationSignature(leaf.jwt, leaf.claims.jwks, `${label(leaf)} (self-signed)`)

  // The anchor's own configuration may close the chain; it is checked, then the path ends below it.
  let path = statements
  const last = statements[statements.length - 1] as EntityStatement
  if (statements.length > 1 && last.claims.iss === last.claims.sub) {
    if (last.claims.sub !== anchor.entityId) {
      throw new KakehashiError(
        'oidfed.subject_mismatch',
        `${label(last)} is not the trust anchor's`,
      )
    }
    await verifyFederationSignature(last.jwt, anchor.jwks, `${label(last)} (trust anchor keys)`)
    path = statements.slice(0, -1)
  }
  const top = path[path.length - 1] as EntityStatement
  if (top.claims.iss !== anchor.entityId) {
    throw new KakehashiError(
      'oidfed.chain_unresolvable',
      `the chain ends at ${top.claims.iss}, not at the trust anchor ${anchor.entityId}`,
    )
  }
  for (let j = 1; j < path.length; j++) {
    const statement = path[j] as EntityStatement
    const below = path[j - 1] as EntityStatement
    if (statement.claims.iss === statement.claims.sub) {
      throw new KakehashiError(
        'oidfed.malformed',
        `${label(statement)} is not a subordinate statement`,
      )
    }
    if (below.claims.iss !== statement.claims.sub) {
      throw new KakehashiError(
        'oidfed.subject_mismatch',
        `${label(statement)} is about ${statement.claims.sub}, not ${below.claims.iss}`,
      )
    }
    await verifyFederationSignature(below.jwt, statement.claims.jwks, label(below))
  }
  await verifyFederationSignature(top.jwt, anchor.jwks, `${label(top)} (trust anchor keys)`)

  const intermediates = path.length - 2
  if (intermediates > limits.maxIntermediates) {
    throw new KakehashiError(
      'oidfed.path_too_long',
      `${intermediates} intermediates, over the limit of ${limits.maxIntermediates}`,
    )
  }
  const allowedTypes = checkConstraints(path)
  return {
    subject: leaf.claims.sub,
    statements,
    metadata: resolveMetadata(path, allowedTypes),
    expiresAt: Math.min(...statements.map((s) => s.claims.exp)),
    issuedAt: Math.max(...statements.map((s) => s.claims.iat)),
  }
}

/** Enforces every superior's constraints (§6.2); returns the entity types all of them allow. */
function checkConstraints(path: readonly EntityStatement[]): Set<string> | undefined {
  let allowed: Set<string> | undefined
  for (let j = 1; j < path.length; j++) {
    const statement = path[j] as EntityStatement
    const constraints = statement.claims.constraints
    if (constraints === undefined) continue
    const below = j - 1
    if (constraints.max_path_length !== undefined && below > constraints.max_path_length) {
      throw new KakehashiError(
        'oidfed.path_too_long',
        `${statement.claims.iss} allows ${constraints.max_path_length} intermediates below it, the chain has ${below}`,
      )
    }
    const naming = constraints.naming_constraints
    if (naming !== undefined) {
      // The statement's own subject and every entity below it (§6.2): intermediates included.
      for (const subordinate of path.slice(0, j + 1).map((s) => s.claims.sub)) {
        const host = new URL(subordinate).hostname.toLowerCase()
        if (naming.excluded?.some((c) => hostMatches(host, c))) {
          throw new KakehashiError(
            'oidfed.constraint_violated',
            `${subordinate} is excluded by the naming constraints of ${statement.claims.iss}`,
          )
        }
        if (naming.permitted !== undefined && !naming.permitted.some((c) => hostMatches(host, c))) {
          throw new KakehashiError(
            'oidfed.constraint_violated',
            `${subordinate} is not permitted by the naming constraints of ${statement.claims.iss}`,
          )
        }
      }
    }
    if (constraints.allowed_entity_types !== undefined) {
      const here = new Set(constraints.allowed_entity_types)
      allowed = allowed === undefined ? here : new Set([...allowed].filter((t) => here.has(t)))
    }
  }
  return allowed
}

/** RFC 5280 §4.2.1.10 for URIs: `.example.com` matches hosts below it, `example.com` that host only. */
const hostMatches = (host: string, constraint: string): boolean => {
  const c = constraint.toLowerCase()
  return c.startsWith('.') ? host.endsWith(c) : host === c
}

/**
 * The subject's metadata, its immediate superior's `metadata` over it (only for the entity types
 * the subject declares, §3.1.1), the types the constraints disallow removed, then the merged
 * policies (§6.2.3: removal comes before the policies).
 */
function resolveMetadata(
  path: readonly EntityStatement[],
  allowedTypes: Set<string> | undefined,
): Metadata {
  const leaf = path[0] as EntityStatement
  const metadata: Metadata = structuredClone(leaf.claims.metadata ?? {})
  const superior = path[1]
  for (const [type, parameters] of Object.entries(superior?.claims.metadata ?? {})) {
    const own = Object.hasOwn(metadata, type) ? metadata[type] : undefined
    if (own !== undefined) metadata[type] = { ...own, ...structuredClone(parameters) }
  }
  if (allowedTypes !== undefined) {
    for (const type of Object.keys(metadata)) {
      if (type !== 'federation_entity' && !allowedTypes.has(type)) delete metadata[type]
    }
  }
  const topDown = path
    .slice(1)
    .reverse()
    .filter((s) => s.claims.metadata_policy !== undefined)
    .map((s) => ({
      issuer: s.claims.iss,
      policy: s.claims.metadata_policy ?? {},
      crit: s.claims.metadata_policy_crit,
    }))
  return applyMetadataPolicy(metadata, mergeMetadataPolicies(topDown))
}

/**
 * `crit` may name only extension claims (§3.1.1), and no extension is understood here, so any
 * name refuses the statement; naming a claim of the specification itself is malformed.
 */
function checkCritical(statement: EntityStatement): void {
  for (const claim of statement.claims.crit ?? []) {
    if (UNDERSTOOD.has(claim)) {
      throw new KakehashiError(
        'oidfed.malformed',
        `${label(statement)} lists ${claim}, a claim of the specification, in crit`,
      )
    }
    throw new KakehashiError(
      'oidfed.unsupported_critical',
      `${label(statement)} marks ${claim} critical, which is not understood`,
    )
  }
  // Every operator metadata_policy_crit names is non-standard, and none is supported (§3.1.3):
  // the statement is refused whether or not its policy uses the operator.
  for (const operator of statement.claims.metadata_policy_crit ?? []) {
    throw new KakehashiError(
      'oidfed.unsupported_critical',
      `${label(statement)} marks the policy operator ${operator} critical, which is not supported`,
    )
  }
}

/** Claims that belong only in entity configurations, and those only in subordinate statements (§3.1). */
const CONFIGURATION_ONLY = [
  'authority_hints',
  'trust_anchor_hints',
  'trust_marks',
  'trust_mark_issuers',
  'trust_mark_owners',
] as const
const SUBORDINATE_ONLY = [
  'metadata_policy',
  'metadata_policy_crit',
  'constraints',
  'source_endpoint',
] as const

/** §3.2: a claim in the wrong kind of statement makes the statement invalid. */
export function checkPlacement(statement: EntityStatement): void {
  const configuration = statement.claims.iss === statement.claims.sub
  const misplaced = (configuration ? SUBORDINATE_ONLY : CONFIGURATION_ONLY).find((claim) =>
    Object.hasOwn(statement.claims, claim),
  )
  if (misplaced !== undefined) {
    throw new KakehashiError(
      'oidfed.malformed',
      `${label(statement)} carries ${misplaced}, which belongs only in ${configuration ? 'subordinate statements' : 'entity configurations'}`,
    )
  }
}

const label = (s: EntityStatement): string =>
  s.claims.iss === s.claims.sub
    ? `entity configuration of ${s.claims.sub}`
    : `statement of ${s.claims.iss} about ${s.claims.sub}`
