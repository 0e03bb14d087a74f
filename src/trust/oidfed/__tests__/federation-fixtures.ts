// A small OpenID Federation built in the test: keys made with jose, statements served on 127.0.0.1.
import type { webcrypto } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { fixedClock, toSeconds } from '../../../util/clock.ts'
import type { TrustChainResolver } from '../resolve-trust-chain.ts'
import { TrustChainResolver as Resolver } from '../resolve-trust-chain.ts'
import type { TrustAnchor } from '../validate-trust-chain.ts'
import { ENTITY_STATEMENT_TYP, TRUST_MARK_TYP } from '../z-entity-statement.ts'

export const NOW = '2026-06-01T00:00:00Z'
export const clock = fixedClock(NOW)
export const now = toSeconds(clock.now())
export const DAY = 86_400
export const PID_VCT = 'urn:eudi:pid:1'
export const MARK = 'https://ta.example/trust-marks/certified'

export interface TestKey {
  privateKey: webcrypto.CryptoKey
  jwk: JWK
}

export interface TestEntity {
  name: string
  id: string
  key: TestKey
  jwks: { keys: JWK[] }
}

export async function createKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } }
}

export async function signJwt(
  key: TestKey,
  claims: Record<string, unknown>,
  typ = ENTITY_STATEMENT_TYP,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.jwk.kid as string, typ })
    .sign(key.privateKey)
}

interface Served {
  body: string
  contentType: string
}

/** Serves entity configurations at `/<name>/.well-known/openid-federation`, fetch and list endpoints. */
export class FederationServer {
  readonly documents = new Map<string, Served>()
  readonly requests: string[] = []
  #server: Server | undefined
  baseUrl = ''

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const key = url.pathname.endsWith('/fetch')
        ? `${url.pathname}?sub=${url.searchParams.get('sub')}`
        : url.pathname
      this.requests.push(key)
      const document = this.documents.get(key)
      if (document === undefined) {
        res.writeHead(404).end()
        return
      }
      res.writeHead(200, { 'content-type': document.contentType }).end(document.body)
    })
    this.#server = server
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  stop(): Promise<void> {
    return new Promise((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    )
  }
}

type Claims = Record<string, unknown>

/**
 * A trust anchor `ta`, an intermediate `int`, a credential issuer `issuer` under `int`, and a
 * relying party `rp` directly under `ta`. `publish()` signs and serves the standard statements;
 * tests then replace the one they attack.
 */
export class TestFederation {
  readonly server = new FederationServer()
  readonly entities = new Map<string, TestEntity>()
  /** The credential-signing key the issuer publishes in its metadata. */
  credentialKey!: TestKey
  rpKey!: TestKey

  static async create(): Promise<TestFederation> {
    const federation = new TestFederation()
    await federation.server.start()
    for (const name of ['ta', 'int', 'issuer', 'rp', 'tmi']) await federation.add(name)
    federation.credentialKey = await createKey('issuer-credential-key')
    federation.rpKey = await createKey('rp-request-key')
    return federation
  }

  async add(name: string): Promise<TestEntity> {
    const entity: TestEntity = {
      name,
      id: `${this.server.baseUrl}/${name}`,
      key: await createKey(`${name}-fed-key`),
      jwks: { keys: [] },
    }
    entity.jwks.keys.push(entity.key.jwk)
    this.entities.set(name, entity)
    return entity
  }

  get(name: string): TestEntity {
    const entity = this.entities.get(name)
    if (entity === undefined) throw new Error(`no test entity ${name}`)
    return entity
  }

  id = (name: string): string => this.get(name).id
  anchor = (): TrustAnchor => ({
    entityId: this.id('ta'),
    jwks: this.get('ta').jwks as TrustAnchor['jwks'],
  })

  resolver(options: Partial<ConstructorParameters<typeof Resolver>[0]> = {}): TrustChainResolver {
    return new Resolver({
      anchor: this.anchor(),
      clock,
      fetch: { timeoutMs: 5000, allowPrivate: true },
      ...options,
    })
  }

  /** The claims of `name`'s standard entity configuration. */
  configurationClaims(name: string): Claims {
    const id = this.id(name)
    const base: Claims = {
      iss: id,
      sub: id,
      iat: now - 60,
      exp: now + DAY,
      jwks: this.get(name).jwks,
    }
    const federationEntity = {
      federation_fetch_endpoint: `${id}/fetch`,
      organization_name: `Test ${name}`,
    }
    switch (name) {
      case 'ta':
        return {
          ...base,
          metadata: {
            federation_entity: { ...federationEntity, federation_list_endpoint: `${id}/list` },
          },
          trust_mark_issuers: { [MARK]: [this.id('tmi')] },
        }
      case 'int':
        return {
          ...base,
          authority_hints: [this.id('ta')],
          metadata: { federation_entity: federationEntity },
        }
      case 'tmi':
        return {
          ...base,
          authority_hints: [this.id('ta')],
          metadata: { federation_entity: federationEntity },
        }
      case 'issuer':
        return {
          ...base,
          authority_hints: [this.id('int')],
          metadata: {
            federation_entity: {
              organization_name: 'Sandbox PID Provider',
              'organization_name#ja-Jpan': 'サンドボックス発行者',
            },
            openid_credential_issuer: {
              credential_issuer: id,
              credential_signing_alg_values_supported: ['ES256', 'ES384', 'RS256'],
              credential_configurations_supported: {
                pid: { format: 'dc+sd-jwt', vct: PID_VCT },
                mdl: { format: 'mso_mdoc', doctype: 'org.iso.18013.5.1.mDL' },
              },
              jwks: { keys: [this.credentialKey.jwk] },
            },
          },
        }
      case 'rp':
        return {
          ...base,
          authority_hints: [this.id('ta')],
          metadata: {
            federation_entity: { organization_name: 'Sandbox Relying Party' },
            openid_relying_party: { client_name: 'RP', jwks: { keys: [this.rpKey.jwk] } },
          },
        }
      default:
        return { ...base, metadata: { federation_entity: federationEntity } }
    }
  }

  /** The claims of `superior`'s standard statement about `subject`. */
  subordinateClaims(superior: string, subject: string): Claims {
    const claims: Claims = {
      iss: this.id(superior),
      sub: this.id(subject),
      iat: now - 60,
      exp: now + DAY,
      jwks: this.get(subject).jwks,
    }
    if (superior === 'ta' && subject === 'int') {
      claims.metadata_policy = {
        openid_credential_issuer: {
          credential_signing_alg_values_supported: { subset_of: ['ES256', 'ES384', 'PS256'] },
        },
      }
    }
    if (superior === 'int' && subject === 'issuer') {
      claims.metadata_policy = {
        openid_credential_issuer: {
          credential_signing_alg_values_supported: {
            subset_of: ['ES256', 'ES384'],
            essential: true,
          },
          federation_profile: { value: 'kakehashi-test' },
        },
      }
    }
    return claims
  }

  async publishConfiguration(name: string, claims = this.configurationClaims(name), key?: TestKey) {
    const body = await signJwt(key ?? this.get(name).key, claims)
    this.serve(`/${name}/.well-known/openid-federation`, body)
    return body
  }

  async publishSubordinate(
    superior: string,
    subject: string,
    claims = this.subordinateClaims(superior, subject),
    key?: TestKey,
  ) {
    const body = await signJwt(key ?? this.get(superior).key, claims)
    this.serve(`/${superior}/fetch?sub=${this.id(subject)}`, body)
    return body
  }

  serve(path: string, body: string, contentType = 'application/entity-statement+jwt'): void {
    this.server.documents.set(path, { body, contentType })
  }

  /** A trust mark of `type` about `subject`, signed by `issuer`. */
  async trustMark(issuer: string, subject: string, claims: Claims = {}, type = MARK) {
    return signJwt(
      this.get(issuer).key,
      {
        iss: this.id(issuer),
        sub: this.id(subject),
        trust_mark_type: type,
        iat: now - 60,
        exp: now + DAY,
        ...claims,
      },
      TRUST_MARK_TYP,
    )
  }

  /** Signs and serves the standard federation, the issuer carrying a valid trust mark. */
  async publish(): Promise<void> {
    for (const name of ['ta', 'int', 'rp', 'tmi']) await this.publishConfiguration(name)
    const issuer = this.configurationClaims('issuer')
    issuer.trust_marks = [
      { trust_mark_type: MARK, trust_mark: await this.trustMark('tmi', 'issuer') },
    ]
    await this.publishConfiguration('issuer', issuer)
    await this.publishSubordinate('ta', 'int')
    await this.publishSubordinate('ta', 'rp')
    await this.publishSubordinate('ta', 'tmi')
    await this.publishSubordinate('int', 'issuer')
    this.serve('/ta/list', JSON.stringify([this.id('int'), this.id('rp')]), 'application/json')
  }

  stop = (): Promise<void> => this.server.stop()
}
