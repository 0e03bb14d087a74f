// A federation with depth, built in the test: a trust anchor, intermediates that publish lists, issuers below them.
import { DAY, now, TestFederation } from './federation-fixtures.ts'

export const TREE_VCT = 'urn:kakehashi:test:diploma:1'

/**
 * `ta` lists `eu` and `jp`; `eu` lists `eu-a` and `eu-b`, `jp` lists `jp-a`: three issuers, each
 * under the intermediate of its jurisdiction. Tests add members and replace lists to attack it.
 */
export class TreeFederation {
  readonly fed: TestFederation
  readonly #superiors = new Map<string, string>()

  private constructor(fed: TestFederation) {
    this.fed = fed
  }

  static async create(): Promise<TreeFederation> {
    const tree = new TreeFederation(await TestFederation.create())
    await tree.fed.publishConfiguration('ta')
    await tree.intermediate('eu', 'ta')
    await tree.intermediate('jp', 'ta')
    await tree.issuer('eu-a', 'eu')
    await tree.issuer('eu-b', 'eu')
    await tree.issuer('jp-a', 'jp')
    tree.list('ta', ['eu', 'jp'])
    tree.list('eu', ['eu-a', 'eu-b'])
    tree.list('jp', ['jp-a'])
    return tree
  }

  id = (name: string): string => this.fed.id(name)

  /** An intermediate under `superior`, with fetch and list endpoints and `extra` metadata. */
  async intermediate(
    name: string,
    superior: string,
    extra: Record<string, Record<string, unknown>> = {},
  ): Promise<void> {
    const entity = this.fed.entities.get(name) ?? (await this.fed.add(name))
    this.#superiors.set(name, superior)
    await this.fed.publishConfiguration(name, {
      ...this.#base(name),
      metadata: {
        federation_entity: {
          organization_name: `Intermediate ${name}`,
          federation_fetch_endpoint: `${entity.id}/fetch`,
          federation_list_endpoint: `${entity.id}/list`,
        },
        ...extra,
      },
    })
    await this.#vouch(superior, name)
  }

  /** A credential issuer under `superior`, publishing its credential key and one `vct`. */
  async issuer(name: string, superior: string): Promise<void> {
    if (!this.fed.entities.has(name)) await this.fed.add(name)
    this.#superiors.set(name, superior)
    await this.fed.publishConfiguration(name, {
      ...this.#base(name),
      metadata: {
        federation_entity: { organization_name: `Issuer ${name}` },
        openid_credential_issuer: {
          credential_issuer: this.id(name),
          credential_configurations_supported: { diploma: { format: 'dc+sd-jwt', vct: TREE_VCT } },
          jwks: { keys: [this.fed.credentialKey.jwk] },
        },
      },
    })
    await this.#vouch(superior, name)
  }

  /** Serves `members` (names, or Entity Identifiers as given) as the list of `name`. */
  list(name: string, members: readonly string[]): void {
    const ids = members.map((m) => (this.fed.entities.has(m) ? this.id(m) : m))
    this.fed.serve(`/${name}/list`, JSON.stringify(ids), 'application/json')
  }

  /** How often `path` (e.g. `/eu/list`) was requested. */
  requested = (path: string): number => this.fed.server.requests.filter((r) => r === path).length

  stop = (): Promise<void> => this.fed.stop()

  #base(name: string): Record<string, unknown> {
    const id = this.id(name)
    return {
      iss: id,
      sub: id,
      iat: now - 60,
      exp: now + DAY,
      jwks: this.fed.get(name).jwks,
      authority_hints: [this.id(this.#superiors.get(name) as string)],
    }
  }

  #vouch(superior: string, subject: string): Promise<string> {
    return this.fed.publishSubordinate(superior, subject, {
      iss: this.id(superior),
      sub: this.id(subject),
      iat: now - 60,
      exp: now + DAY,
      jwks: this.fed.get(subject).jwks,
    })
  }
}
