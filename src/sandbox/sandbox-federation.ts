// The sandbox OpenID Federation 1.0: entity configurations and subordinate statements, signed on demand.
import { calculateJwkThumbprint, importJWK, type JWK, SignJWT } from 'jose'
import { ENTITY_STATEMENT_TYP } from '../trust/oidfed/index.ts'
import { type Clock, toSeconds } from '../util/clock.ts'
import { publicFederationJwk } from './sandbox-federation-keys.ts'
import {
  findSandboxFederationMember,
  SANDBOX_FEDERATION_NAME,
  SANDBOX_FEDERATION_PATH,
  type SandboxFederationMember,
  sandboxFederationMembers,
} from './sandbox-federation-members.ts'
import type { SandboxKeyring } from './sandbox-keyring.ts'

/** Statements are made on demand, so a short life costs nothing (§3.1 `exp`). */
export const SANDBOX_STATEMENT_LIFETIME_SEC = 86_400
/**
 * A statement is issued at the start of the current hour and served unchanged until the next:
 * repeated syncs within it see the same chains and import nothing new.
 */
export const SANDBOX_STATEMENT_WINDOW_SEC = 3600
export const SANDBOX_FEDERATION_SOURCE_ID = 'sandbox.federation'
export const SANDBOX_FEDERATION_FRAMEWORK_ID = 'sandbox.federation'
const FETCH_PATH = 'fetch'
const LIST_PATH = 'list'

export interface SandboxFederationContext {
  keyring: SandboxKeyring
  /** The bridge's public URL: every Entity Identifier lies under it. */
  publicUrl: string
  clock: Clock
}

/** An `oidfed` entry of `sources.json` (docs/sources.md) that syncs the sandbox federation. */
export interface SandboxFederationSourceEntry {
  kind: 'oidfed'
  id: string
  trustAnchor: { entityId: string; jwks: { keys: JWK[] } }
  entities: string[]
  frameworkId: string
  framework: { name: string; jurisdiction: string; description: string }
  country: string
}

/** What `kakehashi sandbox federation` prints: the anchor, each issuer's entity, a source entry. */
export interface SandboxFederationDescription {
  trustAnchor: { entityId: string; jwks: { keys: JWK[] } }
  issuers: Array<{ issuer: string; entityId: string; vct: string; keyThumbprint: string }>
  source: SandboxFederationSourceEntry
}

/** Filters of the list endpoint (§8.2.1) this federation answers. */
export interface SubordinateFilter {
  entityTypes?: readonly string[]
  intermediate?: boolean
}

export class SandboxFederation {
  readonly #context: SandboxFederationContext
  /** Signed statements of the current window, by signer and subject: at most one per member pair. */
  readonly #signed = new Map<string, { window: number; jwt: Promise<string> }>()

  constructor(context: SandboxFederationContext) {
    this.#context = context
  }

  /** `<publicUrl>/sandbox/federation/<name>`. */
  entityId(name: string): string {
    return `${this.#context.publicUrl}${SANDBOX_FEDERATION_PATH}/${name}`
  }

  /** The member an Entity Identifier names, if it is one of this federation's. */
  memberOf(entityId: string): SandboxFederationMember | undefined {
    const prefix = `${this.#context.publicUrl}${SANDBOX_FEDERATION_PATH}/`
    if (!entityId.startsWith(prefix)) return undefined
    return findSandboxFederationMember(entityId.slice(prefix.length))
  }

  trustAnchor(): { entityId: string; jwks: { keys: JWK[] } } {
    return { entityId: this.entityId('anchor'), jwks: this.#jwks('anchor') }
  }

  /** The entity configuration of `name` (§3): about itself, self-signed, with its superior as authority hint. */
  async entityConfiguration(member: SandboxFederationMember): Promise<string> {
    const id = this.entityId(member.name)
    return this.#sign(member.name, {
      iss: id,
      sub: id,
      jwks: this.#jwks(member.name),
      ...(member.superior === undefined
        ? {}
        : { authority_hints: [this.entityId(member.superior)] }),
      metadata: await this.#metadata(member),
    })
  }

  /** What `superior` says of `subjectId` at its fetch endpoint (§8.1); undefined when it is no subordinate of it. */
  async subordinateStatement(
    superior: SandboxFederationMember,
    subjectId: string,
  ): Promise<string | undefined> {
    const subject = this.memberOf(subjectId)
    if (subject === undefined || subject.superior !== superior.name) return undefined
    const intermediate = subject.role === 'intermediate'
    return this.#sign(superior.name, {
      iss: this.entityId(superior.name),
      sub: subjectId,
      jwks: this.#jwks(subject.name),
      source_endpoint: `${this.entityId(superior.name)}/${FETCH_PATH}`,
      // Below each intermediate only issuers, and no further intermediate (§6.2): it is the one.
      ...(intermediate
        ? {
            constraints: {
              max_path_length: 1,
              allowed_entity_types: ['openid_credential_issuer'],
            },
          }
        : {}),
    })
  }

  /** The Entity Identifiers of the immediate subordinates of `superior` (§8.2), filtered. */
  subordinates(superior: SandboxFederationMember, filter: SubordinateFilter = {}): string[] {
    return sandboxFederationMembers
      .filter((m) => m.superior === superior.name)
      .filter(
        (m) => filter.intermediate === undefined || filter.intermediate === (m.role !== 'leaf'),
      )
      .filter(
        (m) =>
          filter.entityTypes === undefined ||
          filter.entityTypes.length === 0 ||
          filter.entityTypes.some((type) => entityTypesOf(m).includes(type)),
      )
      .map((m) => this.entityId(m.name))
  }

  async describe(): Promise<SandboxFederationDescription> {
    const leaves = sandboxFederationMembers.filter((m) => m.role === 'leaf')
    const issuers = await Promise.all(
      leaves.map(async (m) => ({
        issuer: m.name,
        entityId: this.entityId(m.name),
        vct: m.issuer?.vct ?? '',
        keyThumbprint: await calculateJwkThumbprint(this.#credentialJwk(m.name), 'sha256'),
      })),
    )
    const trustAnchor = this.trustAnchor()
    return {
      trustAnchor,
      issuers,
      source: {
        kind: 'oidfed',
        id: SANDBOX_FEDERATION_SOURCE_ID,
        trustAnchor,
        entities: issuers.map((i) => i.entityId),
        frameworkId: SANDBOX_FEDERATION_FRAMEWORK_ID,
        framework: {
          name: `${SANDBOX_FEDERATION_NAME} (OpenID Federation 1.0)`,
          jurisdiction: 'EU',
          description:
            'Sandbox credential issuers of the EU and Japan, trusted through a sandbox OpenID Federation served by the bridge; no legal effect.',
        },
        // A federation's metadata names no country; `ZZ` is ISO 3166-1's code for an unknown one.
        country: 'ZZ',
      },
    }
  }

  async #metadata(
    member: SandboxFederationMember,
  ): Promise<Record<string, Record<string, unknown>>> {
    const federationEntity: Record<string, unknown> = {}
    for (const { value, lang } of member.organisationNames) {
      federationEntity[lang === 'und' ? 'organization_name' : `organization_name#${lang}`] = value
    }
    if (member.role !== 'leaf') {
      const id = this.entityId(member.name)
      federationEntity.federation_fetch_endpoint = `${id}/${FETCH_PATH}`
      federationEntity.federation_list_endpoint = `${id}/${LIST_PATH}`
    }
    const metadata: Record<string, Record<string, unknown>> = {
      federation_entity: federationEntity,
    }
    const issuer = member.issuer
    if (issuer !== undefined) {
      const jwk = this.#credentialJwk(member.name)
      const kid = await calculateJwkThumbprint(jwk, 'sha256')
      const { issuerCertBase64 } = this.#context.keyring.get(issuer.id)
      metadata.openid_credential_issuer = {
        credential_issuer: issuer.iss,
        credential_configurations_supported: {
          [issuer.id]: { format: 'dc+sd-jwt', vct: issuer.vct },
        },
        jwks: { keys: [{ ...jwk, kid, use: 'sig', alg: 'ES256', x5c: [issuerCertBase64] }] },
      }
    }
    return metadata
  }

  /** The public half of the issuer's credential-signing key. */
  #credentialJwk(issuerId: string): JWK {
    const { kty, crv, x, y } = this.#context.keyring.get(issuerId).issuerPrivateJwk as JWK
    return { kty, crv, x, y } as JWK
  }

  #jwks(name: string): { keys: JWK[] } {
    return { keys: [publicFederationJwk(this.#context.keyring.federationKey(name))] }
  }

  #sign(name: string, claims: Record<string, unknown> & { sub: string }): Promise<string> {
    const now = toSeconds(this.#context.clock.now())
    const window = now - (now % SANDBOX_STATEMENT_WINDOW_SEC)
    const key = JSON.stringify([name, claims.sub])
    const cached = this.#signed.get(key)
    if (cached !== undefined && cached.window === window) return cached.jwt
    const privateJwk = this.#context.keyring.federationKey(name) as JWK
    const jwt = importJWK(privateJwk, 'ES256').then((signingKey) =>
      new SignJWT({ ...claims, iat: window, exp: window + SANDBOX_STATEMENT_LIFETIME_SEC })
        .setProtectedHeader({
          alg: 'ES256',
          kid: privateJwk.kid as string,
          typ: ENTITY_STATEMENT_TYP,
        })
        .sign(signingKey),
    )
    this.#signed.set(key, { window, jwt })
    // A failed signature is not kept: the next request tries again.
    jwt.catch(() => {
      if (this.#signed.get(key)?.jwt === jwt) this.#signed.delete(key)
    })
    return jwt
  }
}

/** The entity types a member's configuration declares metadata for. */
const entityTypesOf = (member: SandboxFederationMember): string[] =>
  member.issuer === undefined
    ? ['federation_entity']
    : ['federation_entity', 'openid_credential_issuer']
