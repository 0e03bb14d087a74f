// Keeps an OpenID Federation current: every configured (or discovered) entity resolved to the trust anchor, as one source.
import type { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import type { Source } from '../model/index.ts'
import { federationToSourceImport } from '../trust/oidfed/federation-to-source-import.ts'
import {
  DEFAULT_FEDERATION_TIMEOUT_MS,
  DEFAULT_MAX_DISCOVERED_ENTITIES,
  DEFAULT_MAX_INTERMEDIATES,
  discoverFederationEntities,
  entityConfigurationUrl,
  type ResolvedFederationEntity,
  resolveFederationEntity,
  TrustChainResolver,
  zJwks,
} from '../trust/oidfed/index.ts'
import type { zOidfedSourceConfig } from './sources-config.ts'
import {
  currentState,
  describeFailure,
  importVersion,
  recordFailure,
  type SyncContext,
} from './sync-context.ts'

type OidfedConfig = z.infer<typeof zOidfedSourceConfig>
/** An entity that did not resolve, or an intermediate whose list was not read. */
type Failure = { entityId: string; of: 'entity' | 'list'; code: string; message: string }

/** Most entity failures named in the message recorded for a sync. */
const MAX_FAILURES_NAMED = 10

/**
 * Resolves each entity (configured, or else discovered below the anchor) to the configured anchor
 * and imports those that resolve. One entity that fails, or one intermediate whose list fails, does
 * not hold the others back: what it would have given is left out of the version (its trust lapses,
 * it is not extended), counted, and named in the failure recorded beside the import. When none
 * resolves, or the anchor itself (or its list) cannot be read, or the federation lists more than
 * `maxEntities`, the version in force stays and the failure is recorded.
 */
export async function syncOidfed(context: SyncContext, config: OidfedConfig): Promise<void> {
  const anchorId = config.trustAnchor.entityId
  const source: Source = {
    id: config.id,
    kind: 'oidfed',
    uri: anchorId,
    description: `OpenID Federation under trust anchor ${anchorId}`.slice(0, 2000),
  }
  const location = entityConfigurationUrl(anchorId)
  try {
    const jwks = zJwks.safeParse(config.trustAnchor.jwks)
    // Public keys only: a private or symmetric member in the configuration is a mistake to stop at.
    if (!jwks.success || jwks.data.keys.some((key) => 'd' in key || 'k' in key)) {
      throw new KakehashiError(
        'sources.config_invalid',
        `${config.id}: trustAnchor.jwks must hold public keys only`,
      )
    }
    const state = await currentState(context, config.id)
    const resolver = new TrustChainResolver({
      anchor: { entityId: anchorId, jwks: jwks.data },
      clock: context.clock,
      fetch: {
        timeoutMs: config.timeoutMs ?? DEFAULT_FEDERATION_TIMEOUT_MS,
        ...(config.maxBytes === undefined ? {} : { maxBytes: config.maxBytes }),
        allowPrivate: context.allowPrivate,
        ...(context.lookup === undefined ? {} : { lookup: context.lookup }),
      },
      ...(config.maxIntermediates === undefined
        ? {}
        : { maxIntermediates: config.maxIntermediates }),
    })
    const anchorConfiguration = await resolver.anchorConfiguration()
    const failures: Failure[] = []
    const entityIds = [...new Set(config.entities ?? (await discover(resolver, config, failures)))]
    const resolved: ResolvedFederationEntity[] = []
    for (const entityId of entityIds) {
      try {
        resolved.push(
          await resolveFederationEntity(resolver, entityId, {
            clock: context.clock,
            ...(config.requiredTrustMarks === undefined
              ? {}
              : { requiredTrustMarks: config.requiredTrustMarks }),
          }),
        )
      } catch (error) {
        failures.push({ entityId, of: 'entity', ...describeFailure(error) })
      }
    }
    const failure = failures.length === 0 ? undefined : summarise(failures, entityIds.length)
    if (resolved.length === 0 && failure !== undefined) throw failure
    const imported = await federationToSourceImport(resolved, {
      sourceId: config.id,
      trustAnchorId: anchorId,
      anchorConfiguration,
      frameworkId: config.frameworkId,
      framework: config.framework,
      country: config.country,
      fetchedAt: new Date(context.clock.now()).toISOString(),
    })
    const counts = {
      entities: entityIds.length,
      resolved: resolved.length,
      failed: failures.length,
      imported: imported.content.entities.length,
      trustMarks: resolved.reduce((n, e) => n + e.trustMarks.length, 0),
    }
    const outcome = await importVersion(context, imported, state, location, counts)
    if (failure === undefined) {
      context.finished(outcome)
      return
    }
    const recorded = await recordFailure(context, source, failure, location)
    context.finished({ ...outcome, ...(recorded.failure ? { failure: recorded.failure } : {}) })
  } catch (error) {
    context.finished(await recordFailure(context, source, error, location))
  }
}

/** The entities found below the anchor; the lists that failed are added to `failures`. */
async function discover(
  resolver: TrustChainResolver,
  config: OidfedConfig,
  failures: Failure[],
): Promise<string[]> {
  const discovered = await discoverFederationEntities(resolver, {
    maxIntermediates: config.maxIntermediates ?? DEFAULT_MAX_INTERMEDIATES,
    maxEntities: config.maxEntities ?? DEFAULT_MAX_DISCOVERED_ENTITIES,
  })
  for (const { entityId, error } of discovered.failures) {
    failures.push({ entityId, of: 'list', ...describeFailure(error) })
  }
  return discovered.entities
}

/**
 * The failure of a sync in which some entities did not resolve or some lists could not be read:
 * the first one's code, all of them named (lists first: they are found before any entity resolves).
 */
function summarise(failures: readonly Failure[], total: number): KakehashiError {
  const first = failures[0] as { code: string }
  const named = failures
    .slice(0, MAX_FAILURES_NAMED)
    .map((f) => `${f.entityId}: ${f.code} (${f.message.slice(0, 300)})`)
    .join('; ')
  const more =
    failures.length > MAX_FAILURES_NAMED ? `; and ${failures.length - MAX_FAILURES_NAMED} more` : ''
  const entities = failures.filter((f) => f.of === 'entity').length
  const lists = failures.length - entities
  const what = [
    ...(entities > 0 ? [`${entities} of ${total} entities did not resolve`] : []),
    ...(lists > 0 ? [`${lists} subordinate list${lists === 1 ? '' : 's'} not read`] : []),
  ].join(', ')
  return new KakehashiError(
    (first.code.startsWith('oidfed.') || first.code.startsWith('fetch.')
      ? first.code
      : 'oidfed.chain_unresolvable') as KakehashiError['code'],
    `${what}: ${named}${more}`,
    {
      failed: failures.map((f) => ({ entityId: f.entityId, of: f.of, code: f.code })).slice(0, 100),
    },
  )
}
