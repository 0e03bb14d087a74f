// Keeps an OpenID Federation current: every configured (or listed) entity resolved to the trust anchor, as one source.
import type { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import type { Source } from '../model/index.ts'
import { federationToSourceImport } from '../trust/oidfed/federation-to-source-import.ts'
import {
  DEFAULT_FEDERATION_TIMEOUT_MS,
  entityConfigurationUrl,
  fetchEntityList,
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

/** Most entity failures named in the message recorded for a sync. */
const MAX_FAILURES_NAMED = 10

/**
 * Resolves each entity to the configured anchor and imports those that resolve. One entity that
 * fails does not hold the others back: it is left out of the version (its trust lapses, it is not
 * extended), counted, and named in the failure recorded beside the import. When none resolves, or
 * the anchor itself cannot be read, the version in force stays and the failure is recorded.
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
    const entityIds = [...new Set(config.entities ?? (await listedSubordinates(resolver)))]
    const resolved: ResolvedFederationEntity[] = []
    const failures: Array<{ entityId: string; code: string; message: string }> = []
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
        failures.push({ entityId, ...describeFailure(error) })
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

/** The subordinates the anchor's `federation_list_endpoint` names. */
async function listedSubordinates(resolver: TrustChainResolver): Promise<string[]> {
  const anchor = await resolver.anchorConfiguration()
  const endpoint = anchor.claims.metadata?.federation_entity?.federation_list_endpoint
  if (typeof endpoint !== 'string') {
    throw new KakehashiError(
      'oidfed.malformed',
      'no entities are configured and the trust anchor publishes no federation_list_endpoint',
    )
  }
  return fetchEntityList(endpoint, resolver.fetchOptions)
}

/** The failure of a sync in which some entities did not resolve: the first one's code, all of them named. */
function summarise(
  failures: ReadonlyArray<{ entityId: string; code: string; message: string }>,
  total: number,
): KakehashiError {
  const first = failures[0] as { code: string }
  const named = failures
    .slice(0, MAX_FAILURES_NAMED)
    .map((f) => `${f.entityId}: ${f.code} (${f.message.slice(0, 300)})`)
    .join('; ')
  const more =
    failures.length > MAX_FAILURES_NAMED ? `; and ${failures.length - MAX_FAILURES_NAMED} more` : ''
  return new KakehashiError(
    (first.code.startsWith('oidfed.') || first.code.startsWith('fetch.')
      ? first.code
      : 'oidfed.chain_unresolvable') as KakehashiError['code'],
    `${failures.length} of ${total} entities did not resolve: ${named}${more}`,
    { failed: failures.map((f) => ({ entityId: f.entityId, code: f.code })).slice(0, 100) },
  )
}
