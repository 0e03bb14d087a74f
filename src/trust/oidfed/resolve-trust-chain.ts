// Resolves trust chains bottom-up through authority_hints (OpenID Federation 1.0 §10.1), bounded and cycle-free.
import { KakehashiError } from '../../errors.ts'
import type { Clock } from '../../util/clock.ts'
import {
  type FederationFetchOptions,
  fetchEntityConfiguration,
  fetchSubordinateStatement,
} from './fetch-federation-document.ts'
import {
  DEFAULT_MAX_INTERMEDIATES,
  decodeEntityStatement,
  type EntityStatement,
  type TrustAnchor,
  type ValidatedChain,
  validateTrustChain,
} from './validate-trust-chain.ts'
import { checkJwtTime, verifyFederationSignature } from './verify-federation-jwt.ts'

export interface ResolverOptions {
  anchor: TrustAnchor
  clock: Clock
  fetch: FederationFetchOptions
  /** Most Intermediate Entities between a subject and the anchor. */
  maxIntermediates?: number
  /** Most authority_hints an entity may give; more is refused rather than half explored. */
  maxAuthorityHints?: number
  /** Most documents one resolution may fetch, however the federation branches. */
  maxFetchesPerChain?: number
}

export const DEFAULT_MAX_AUTHORITY_HINTS = 8
export const DEFAULT_MAX_FETCHES_PER_CHAIN = 64

/**
 * Resolves and validates trust chains to one configured anchor. Entity configurations and
 * subordinate statements fetched once are reused by later resolutions of the same resolver (one
 * sync), so leaves under a common intermediate cost one fetch of it.
 */
export class TrustChainResolver {
  readonly #options: ResolverOptions
  readonly #configurations = new Map<string, Promise<EntityStatement>>()
  readonly #subordinates = new Map<string, Promise<EntityStatement>>()
  #anchorConfiguration: Promise<EntityStatement> | undefined

  constructor(options: ResolverOptions) {
    this.#options = options
  }

  get anchor(): TrustAnchor {
    return this.#options.anchor
  }

  get fetchOptions(): FederationFetchOptions {
    return this.#options.fetch
  }

  /** The anchor's own configuration, checked against the configured keys (never its own). */
  anchorConfiguration(): Promise<EntityStatement> {
    this.#anchorConfiguration ??= this.#entityConfiguration(this.anchor.entityId, { count: 0 })
    return this.#anchorConfiguration
  }

  /**
   * An entity's configuration, self-signed and in its validity period, fetched once per resolver:
   * what discovery reads of an entity is what its resolution then uses, at no second fetch.
   */
  entityConfiguration(entityId: string): Promise<EntityStatement> {
    if (entityId === this.anchor.entityId) return this.anchorConfiguration()
    return this.#entityConfiguration(entityId, { count: 0 })
  }

  /** Finds a path from `entityId` to the anchor and validates it as a whole. */
  async resolve(entityId: string): Promise<ValidatedChain> {
    const budget = { count: 0 }
    const maxIntermediates = this.#options.maxIntermediates ?? DEFAULT_MAX_INTERMEDIATES
    const anchorConfiguration = await this.anchorConfiguration()
    const leaf = await this.#entityConfiguration(entityId, budget)
    const chain =
      entityId === this.anchor.entityId
        ? [leaf.jwt]
        : [leaf.jwt, ...(await this.#upwards(leaf, [entityId], budget)), anchorConfiguration.jwt]
    return validateTrustChain(chain, this.anchor, this.#options.clock, {
      maxIntermediates,
      ...(this.#options.fetch.maxBytes === undefined
        ? {}
        : { maxStatementBytes: this.#options.fetch.maxBytes }),
    })
  }

  /** Subordinate statements from `subject` up to one the anchor issued, trying each hint in turn. */
  async #upwards(
    subject: EntityStatement,
    path: readonly string[],
    budget: { count: number },
  ): Promise<string[]> {
    const hints = subject.claims.authority_hints ?? []
    const maxHints = this.#options.maxAuthorityHints ?? DEFAULT_MAX_AUTHORITY_HINTS
    if (hints.length === 0) {
      throw new KakehashiError(
        'oidfed.chain_unresolvable',
        `${subject.claims.sub} names no authority and is not the trust anchor`,
      )
    }
    if (hints.length > maxHints) {
      throw new KakehashiError(
        'oidfed.limit_exceeded',
        `${subject.claims.sub} names ${hints.length} authorities, over ${maxHints}`,
      )
    }
    const failures: KakehashiError[] = []
    for (const hint of hints) {
      try {
        if (path.includes(hint)) {
          throw new KakehashiError(
            'oidfed.authority_loop',
            `authority_hints loop: ${[...path, hint].join(' → ')}`,
          )
        }
        // path holds the subject and every intermediate so far; the hint would be one more.
        const maxIntermediates = this.#options.maxIntermediates ?? DEFAULT_MAX_INTERMEDIATES
        if (hint !== this.anchor.entityId && path.length > maxIntermediates) {
          throw new KakehashiError(
            'oidfed.path_too_long',
            `no path to the trust anchor within ${maxIntermediates} intermediates from ${path[0]}`,
          )
        }
        const statement = await this.#subordinateStatement(hint, subject.claims.sub, budget)
        if (hint === this.anchor.entityId) return [statement.jwt]
        const superior = await this.#entityConfiguration(hint, budget)
        return [statement.jwt, ...(await this.#upwards(superior, [...path, hint], budget))]
      } catch (error) {
        if (!(error instanceof KakehashiError)) throw error
        failures.push(error)
      }
    }
    throw summarise(subject.claims.sub, failures)
  }

  /** The statement `issuer` makes about `subject`, signed with the issuer's keys. */
  #subordinateStatement(
    issuer: string,
    subject: string,
    budget: { count: number },
  ): Promise<EntityStatement> {
    const key = JSON.stringify([issuer, subject])
    let found = this.#subordinates.get(key)
    if (found === undefined) {
      found = forgetIfOverBudget(this.#subordinates, key, async () => {
        const configuration = await this.#entityConfiguration(issuer, budget)
        const endpoint = configuration.claims.metadata?.federation_entity?.federation_fetch_endpoint
        if (typeof endpoint !== 'string') {
          throw new KakehashiError(
            'oidfed.malformed',
            `${issuer} publishes no federation_fetch_endpoint`,
          )
        }
        spend(budget, this.#options)
        const jwt = await fetchSubordinateStatement(endpoint, subject, this.#options.fetch)
        const statement = decodeEntityStatement(
          jwt,
          `statement of ${issuer} about ${subject}`,
          this.#options.fetch.maxBytes,
        )
        if (statement.claims.iss !== issuer || statement.claims.sub !== subject) {
          throw new KakehashiError(
            'oidfed.subject_mismatch',
            `${issuer}'s fetch endpoint answered a statement of ${statement.claims.iss} about ${statement.claims.sub}`,
          )
        }
        checkJwtTime(
          statement.claims,
          this.#options.clock,
          `statement of ${issuer} about ${subject}`,
        )
        const keys = issuer === this.anchor.entityId ? this.anchor.jwks : configuration.claims.jwks
        await verifyFederationSignature(jwt, keys, `statement of ${issuer} about ${subject}`)
        return statement
      })
    }
    return found
  }

  /** An entity's configuration: about itself, in its validity period, self-signed (the anchor's with the configured keys). */
  #entityConfiguration(entityId: string, budget: { count: number }): Promise<EntityStatement> {
    let found = this.#configurations.get(entityId)
    if (found === undefined) {
      found = forgetIfOverBudget(this.#configurations, entityId, async () => {
        spend(budget, this.#options)
        const jwt = await fetchEntityConfiguration(entityId, this.#options.fetch)
        const what = `entity configuration of ${entityId}`
        const statement = decodeEntityStatement(jwt, what, this.#options.fetch.maxBytes)
        if (statement.claims.iss !== entityId || statement.claims.sub !== entityId) {
          throw new KakehashiError(
            'oidfed.subject_mismatch',
            `${what} is issued by ${statement.claims.iss} about ${statement.claims.sub}`,
          )
        }
        checkJwtTime(statement.claims, this.#options.clock, what)
        const keys = entityId === this.anchor.entityId ? this.anchor.jwks : statement.claims.jwks
        await verifyFederationSignature(jwt, keys, what)
        return statement
      })
    }
    return found
  }
}

function spend(budget: { count: number }, options: ResolverOptions): void {
  const max = options.maxFetchesPerChain ?? DEFAULT_MAX_FETCHES_PER_CHAIN
  budget.count += 1
  if (budget.count > max) {
    throw new KakehashiError(
      'oidfed.limit_exceeded',
      `trust chain resolution needs over ${max} fetches`,
      { maxFetchesPerChain: max },
    )
  }
}

/**
 * Caches the document `load` gives under `key`, failures included (a bad document is not fetched
 * twice in one sync), except a resolution running out of fetches: that says nothing of the
 * document, and another resolution, with its own budget, must be free to fetch it.
 */
function forgetIfOverBudget<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  const found = load().catch((error: unknown) => {
    if (error instanceof KakehashiError && error.detail?.maxFetchesPerChain !== undefined) {
      if (cache.get(key) === found) cache.delete(key)
    }
    throw error
  })
  cache.set(key, found)
  return found
}

/** One reason when every way up failed for the same reason; otherwise all of them, briefly. */
function summarise(subject: string, failures: readonly KakehashiError[]): KakehashiError {
  const first = failures[0] as KakehashiError
  if (failures.every((f) => f.code === first.code)) return first
  return new KakehashiError(
    'oidfed.chain_unresolvable',
    `no authority of ${subject} leads to the trust anchor: ${failures.map((f) => `${f.code} (${f.message})`).join('; ')}`.slice(
      0,
      1500,
    ),
    { reasons: failures.map((f) => f.code) },
  )
}
