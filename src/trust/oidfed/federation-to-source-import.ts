// Maps resolved federation entities onto the registry: entities, their key thumbprints, their roles.
//
// One source holds every entity resolved to the configured trust anchor. Each entity with a role the
// registry knows (credential issuer, relying party or verifier, wallet provider) becomes a trusted
// entity, an authorisation per role under the configured framework until its chain expires, and a
// `jwk.thumbprint` identity per key its resolved metadata publishes in `jwks`. Ids come from the
// Entity Identifier, never from positions, so a new resolution changes only what changed.
import { createHash } from 'node:crypto'
import { calculateJwkThumbprint, type JWK } from 'jose'
import type { z } from 'zod'
import type {
  AuthorisationRole,
  LocalisedName,
  SourceContent,
  SourceImport,
  zAuthorisation,
  zDigitalIdentity,
} from '../../model/index.ts'
import { jsonKey } from './policy-operators.ts'
import type { ResolvedFederationEntity } from './resolve-federation-entity.ts'
import type { EntityStatement } from './validate-trust-chain.ts'

/** Entity types (OpenID Federation §5.1, OpenID4VCI §12.2.4, OpenID4VP) and the registry role each one is. */
export const ENTITY_TYPE_ROLES: ReadonlyArray<readonly [string, AuthorisationRole]> = [
  ['openid_credential_issuer', 'issuer'],
  ['openid_relying_party', 'relying_party'],
  ['openid_credential_verifier', 'relying_party'],
  ['wallet_provider', 'wallet_provider'],
  ['openid_wallet_provider', 'wallet_provider'],
]

const MAX_CREDENTIAL_TYPES = 64
const MAX_KEYS_PER_ENTITY = 32

export interface FederationImportOptions {
  sourceId: string
  trustAnchorId: string
  /** The anchor's verified configuration: its `alg` is recorded as the version's signature. */
  anchorConfiguration: EntityStatement
  frameworkId: string
  framework?: { name: string; jurisdiction: string; description?: string | undefined } | undefined
  country: string
  fetchedAt: string
}

/** The source import for `entities`; its digest is SHA-256 over the canonical JSON of their chains and marks. */
export async function federationToSourceImport(
  entities: readonly ResolvedFederationEntity[],
  options: FederationImportOptions,
): Promise<SourceImport> {
  const sorted = [...entities].sort((a, b) => (a.entityId < b.entityId ? -1 : 1))
  const content: SourceContent = {
    frameworks:
      options.framework === undefined
        ? []
        : [{ id: options.frameworkId, ...options.framework, sourceId: options.sourceId }],
    entities: [],
    identities: [],
    authorisations: [],
    recognitionRules: [],
  }
  for (const entity of sorted) {
    const roles = rolesOf(entity)
    if (roles.size === 0) continue
    const id = registryEntityId(options.sourceId, entity.entityId)
    content.entities.push({
      id,
      names: namesOf(entity),
      identifiers: entity.entityId.length <= 300 ? [{ scheme: 'uri', value: entity.entityId }] : [],
      country: options.country,
      sourceId: options.sourceId,
    })
    content.identities.push(...(await identitiesOf(entity, id, options.sourceId)))
    for (const [role, types] of roles) {
      const authorisation: z.input<typeof zAuthorisation> = {
        id: `${id}.${role}`,
        entityId: id,
        frameworkId: options.frameworkId,
        role,
        credentialTypes: [...types].slice(0, MAX_CREDENTIAL_TYPES),
        status: 'granted',
        validFrom: iso(entity.chain.issuedAt),
        validUntil: iso(entity.expiresAt),
        sourceId: options.sourceId,
      }
      content.authorisations.push(authorisation)
    }
  }
  const resolved = sorted.map((e) => ({
    entityId: e.entityId,
    chain: e.chain.statements.map((s) => s.jwt),
    trustMarks: e.trustMarks.map((m) => m.jwt),
  }))
  const earliest = Math.min(...sorted.map((e) => e.expiresAt))
  return {
    source: {
      id: options.sourceId,
      kind: 'oidfed',
      uri: options.trustAnchorId,
      description: `OpenID Federation under trust anchor ${options.trustAnchorId}`.slice(0, 2000),
    },
    version: {
      digest: createHash('sha256').update(jsonKey(resolved)).digest('hex'),
      fetchedAt: options.fetchedAt,
      ...(Number.isFinite(earliest) ? { nextUpdate: iso(earliest) } : {}),
      signature: {
        status: 'valid',
        signerSubject: options.trustAnchorId.slice(0, 2000),
        algorithm: options.anchorConfiguration.header.alg,
      },
    },
    content,
  }
}

/** `<source>.<host and path>-<hash>`: readable, and distinct for identifiers that read alike. */
export function registryEntityId(sourceId: string, entityId: string): string {
  const url = new URL(entityId)
  const slug = `${url.hostname}${url.port ? `-${url.port}` : ''}${url.pathname}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+$/, '')
  const hash = createHash('sha256').update(entityId).digest('hex').slice(0, 8)
  // 100 leaves room for the `.jwk.<16 hex>` and `.<role>` suffixes within the 128 of an id.
  const room = 100 - sourceId.length - hash.length - 2
  return `${sourceId}.${slug.slice(0, Math.max(0, room))}-${hash}`
}

function rolesOf(entity: ResolvedFederationEntity): Map<AuthorisationRole, Set<string>> {
  const roles = new Map<AuthorisationRole, Set<string>>()
  for (const [type, role] of ENTITY_TYPE_ROLES) {
    const metadata = entity.chain.metadata[type]
    if (metadata === undefined) continue
    const types = roles.get(role) ?? new Set<string>()
    if (role === 'issuer') for (const t of credentialTypesOf(metadata)) types.add(t)
    roles.set(role, types)
  }
  return roles
}

/** The `vct` (SD-JWT VC) and `doctype` (mdoc) of each entry of `credential_configurations_supported`. */
function credentialTypesOf(metadata: Record<string, unknown>): string[] {
  const configurations = metadata.credential_configurations_supported
  if (configurations === null || typeof configurations !== 'object') return []
  const types: string[] = []
  for (const configuration of Object.values(configurations as Record<string, unknown>)) {
    if (configuration === null || typeof configuration !== 'object') continue
    const { vct, doctype } = configuration as { vct?: unknown; doctype?: unknown }
    for (const t of [vct, doctype]) {
      if (typeof t === 'string' && t.length > 0 && t.length <= 512) types.push(t)
    }
  }
  return types
}

/** `organization_name` of the federation entity, untagged and `#`-tagged (§5.2.2); else the host. */
function namesOf(entity: ResolvedFederationEntity): LocalisedName[] {
  const federation = entity.chain.metadata.federation_entity ?? {}
  const names: LocalisedName[] = []
  for (const [key, value] of Object.entries(federation)) {
    const match = /^organization_name(?:#([A-Za-z0-9-]{2,35}))?$/.exec(key)
    if (match === null || typeof value !== 'string' || value.trim() === '') continue
    names.push({ value: value.trim().slice(0, 300), lang: match[1] ?? 'und' })
  }
  if (names.length === 0) names.push({ value: new URL(entity.entityId).host, lang: 'und' })
  return names.slice(0, 16)
}

async function identitiesOf(
  entity: ResolvedFederationEntity,
  entityId: string,
  sourceId: string,
): Promise<z.input<typeof zDigitalIdentity>[]> {
  const thumbprints = new Set<string>()
  for (const [type] of ENTITY_TYPE_ROLES) {
    const jwks = entity.chain.metadata[type]?.jwks as { keys?: unknown } | undefined
    if (!Array.isArray(jwks?.keys)) continue
    for (const key of jwks.keys.slice(0, MAX_KEYS_PER_ENTITY)) {
      if (key === null || typeof key !== 'object') continue
      // A key jose cannot read yields no identity: the entity is still listed, the key is not bound.
      const thumbprint = await calculateJwkThumbprint(key as JWK, 'sha256').catch(() => undefined)
      if (thumbprint !== undefined) thumbprints.add(thumbprint)
    }
  }
  return [...thumbprints].sort().map((thumbprint) => ({
    id: `${entityId}.jwk.${createHash('sha256').update(thumbprint).digest('hex').slice(0, 16)}`,
    entityId,
    kind: 'jwk.thumbprint',
    value: thumbprint,
    sourceId,
  }))
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString()
