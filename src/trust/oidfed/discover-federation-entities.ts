// Finds a federation's entities top-down (OpenID Federation 1.0 §8.2): list endpoints read breadth-first from the anchor, bounded and loop-free.
import { KakehashiError } from '../../errors.ts'
import { fetchEntityList } from './fetch-federation-document.ts'
import type { TrustChainResolver } from './resolve-trust-chain.ts'
import type { EntityStatement } from './validate-trust-chain.ts'

export interface DiscoveryLimits {
  /** Most Intermediate Entities below the anchor whose lists are read (the depth of the walk). */
  maxIntermediates: number
  /** Most entities found, intermediates included; more fails the discovery as a whole. */
  maxEntities: number
  /** Most documents fetched at the same time. */
  concurrency?: number
}

export const DEFAULT_MAX_DISCOVERED_ENTITIES = 10_000
export const DEFAULT_DISCOVERY_CONCURRENCY = 8

export interface DiscoveryFailure {
  /** The intermediate whose list could not be read or was refused. */
  entityId: string
  error: KakehashiError
}

export interface DiscoveredEntities {
  /** The entities to resolve, in the order found: leaves, and intermediates that also take a role. */
  entities: string[]
  /** Every entity found that publishes a `federation_list_endpoint`. */
  intermediates: string[]
  /** One per intermediate whose list failed; the entities of the other lists are kept. */
  failures: DiscoveryFailure[]
}

interface Lister {
  entityId: string
  endpoint: string
  /** The anchor and the intermediates above this one, the anchor first. */
  ancestors: readonly string[]
}

/**
 * Reads the anchor's list, then the list of every listed entity whose configuration publishes a
 * `federation_list_endpoint` (an intermediate), level by level, at most `maxIntermediates` deep.
 * Nothing found here is trusted for being found: each entity is still resolved bottom-up to the
 * configured anchor. The unfiltered list is read (the §8.2.1 filters are optional for a server to
 * support, and every listed entity's configuration is needed for its resolution anyway). Each
 * entity's configuration is fetched once and each intermediate's list once, so a walk fetches at
 * most `2 × maxEntities + 1` documents. The anchor's list failing fails the walk; another list
 * failing, or naming an entity above its own publisher (a loop), is recorded and the rest kept.
 */
export async function discoverFederationEntities(
  resolver: TrustChainResolver,
  limits: DiscoveryLimits,
): Promise<DiscoveredEntities> {
  const anchorId = resolver.anchor.entityId
  const anchor = await resolver.anchorConfiguration()
  const endpoint = listEndpointOf(anchor)
  if (endpoint === undefined) {
    throw new KakehashiError(
      'oidfed.malformed',
      'no entities are configured and the trust anchor publishes no federation_list_endpoint',
    )
  }
  const concurrency = limits.concurrency ?? DEFAULT_DISCOVERY_CONCURRENCY
  const found: DiscoveredEntities = { entities: [], intermediates: [], failures: [] }
  const seen = new Set<string>([anchorId])
  let level: Lister[] = [{ entityId: anchorId, endpoint, ancestors: [] }]
  while (level.length > 0) {
    const lists = await mapBounded(level, concurrency, (lister) =>
      fetchEntityList(lister.endpoint, resolver.fetchOptions).then(
        (ids) => ({ ok: true as const, ids }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    )
    const listed: Array<{ entityId: string; lister: Lister }> = []
    level.forEach((lister, i) => {
      const list = lists[i] as (typeof lists)[number]
      if (!list.ok) {
        // Without the anchor's own list there is nothing to walk: the source as a whole fails.
        if (lister.entityId === anchorId || !(list.error instanceof KakehashiError)) {
          throw list.error
        }
        found.failures.push({ entityId: lister.entityId, error: list.error })
        return
      }
      const loops: string[] = []
      for (const entityId of list.ids) {
        if (entityId === lister.entityId || lister.ancestors.includes(entityId)) {
          loops.push(entityId)
          continue
        }
        // An entity under two superiors is listed twice; it is one entity, resolved once.
        if (seen.has(entityId)) continue
        seen.add(entityId)
        if (seen.size - 1 > limits.maxEntities) {
          throw new KakehashiError(
            'oidfed.limit_exceeded',
            `the federation lists over ${limits.maxEntities} entities`,
            { maxEntities: limits.maxEntities },
          )
        }
        listed.push({ entityId, lister })
      }
      if (loops.length > 0) {
        found.failures.push({
          entityId: lister.entityId,
          error: new KakehashiError(
            'oidfed.authority_loop',
            `the list of ${lister.entityId} names itself or an entity above it: ${loops.slice(0, 5).join(', ')}`,
          ),
        })
      }
    })
    const configurations = await mapBounded(listed, concurrency, ({ entityId }) =>
      // A configuration that cannot be read is the entity's resolution failure to report, not the list's.
      resolver.entityConfiguration(entityId).catch(() => undefined),
    )
    const next: Lister[] = []
    listed.forEach(({ entityId, lister }, i) => {
      const configuration = configurations[i]
      const below = configuration === undefined ? undefined : listEndpointOf(configuration)
      if (below === undefined) {
        found.entities.push(entityId)
        return
      }
      found.intermediates.push(entityId)
      if (takesRole(configuration as EntityStatement)) found.entities.push(entityId)
      const ancestors = [...lister.ancestors, lister.entityId]
      // ancestors holds the anchor and the intermediates above; this one would be one more.
      if (ancestors.length > limits.maxIntermediates) {
        found.failures.push({
          entityId,
          error: new KakehashiError(
            'oidfed.path_too_long',
            `${entityId} lies ${ancestors.length} intermediates below the trust anchor, over ${limits.maxIntermediates}: its list is not read`,
          ),
        })
        return
      }
      next.push({ entityId, endpoint: below, ancestors })
    })
    level = next
  }
  return found
}

function listEndpointOf(configuration: EntityStatement): string | undefined {
  const endpoint = configuration.claims.metadata?.federation_entity?.federation_list_endpoint
  return typeof endpoint === 'string' ? endpoint : undefined
}

/** An intermediate that declares metadata for an entity type besides `federation_entity` acts in that role too. */
const takesRole = (configuration: EntityStatement): boolean =>
  Object.keys(configuration.claims.metadata ?? {}).some((type) => type !== 'federation_entity')

/** `work` over `items`, at most `limit` at a time, results in the order of the items. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await work(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
  return results
}
