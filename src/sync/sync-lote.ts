// Keeps an ETSI TS 119 602 list of trusted entities (a compact JWS or signed XML) current as one source.
import type { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import type { Source, SourceState } from '../model/index.ts'
import { getFramework } from '../registry/registry-queries.ts'
import { LOTE_JWS_MEDIA_TYPE, loteToSourceImport, readLote } from '../sources/lote/index.ts'
import { fetchDocument } from './fetch-document.ts'
import { readSigners } from './read-signers.ts'
import type { zLoteSourceConfig } from './sources-config.ts'
import {
  currentState,
  fetchOptions,
  importVersion,
  notModified,
  recordFailure,
  type SyncContext,
} from './sync-context.ts'

type LoteConfig = z.infer<typeof zLoteSourceConfig>

const ACCEPT = `${LOTE_JWS_MEDIA_TYPE}, application/xml;q=0.9, application/jwt;q=0.9, */*;q=0.5`

/**
 * Fetches the list conditionally, reads it in the binding its content shows (XML when it opens
 * with `<`, a JWS otherwise), verifies its signature against the configured signers, refuses
 * a sequence number that went backwards, and imports it through the log. Any failure is recorded
 * and the version in force stays.
 */
export async function syncLote(context: SyncContext, config: LoteConfig): Promise<void> {
  const source: Source = {
    id: config.id,
    kind: 'lote',
    uri: config.uri,
    description: 'List of trusted entities (ETSI TS 119 602)',
  }
  const state = await currentState(context, config.id)
  let location = config.uri
  let digest: string | undefined
  try {
    const signers = await readSigners(context, config.signers)
    const fetched = await fetchDocument(config.uri, {
      ...fetchOptions(context, config, state),
      accept: ACCEPT,
    })
    location = fetched.location
    if (fetched.notModified) {
      context.finished(await notModified(context, source, state, location))
      return
    }
    digest = fetched.digest
    const verified = await readLote(fetched.bytes, signers, {
      ...(config.maxBytes === undefined ? {} : { maxBytes: config.maxBytes }),
    })
    const imported = await loteToSourceImport(verified, {
      sourceId: config.id,
      uri: config.uri,
      fetchedAt: new Date(context.clock.now()).toISOString(),
      frameworkId: config.frameworkId,
      assertFramework: await mayAssertFramework(context, config),
      ...(config.credentialTypes === undefined ? {} : { credentialTypes: config.credentialTypes }),
      ...(fetched.etag === undefined ? {} : { etag: fetched.etag }),
      ...(fetched.lastModified === undefined ? {} : { lastModified: fetched.lastModified }),
    })
    refuseRegression(state, imported.version.sequenceNumber)
    context.finished(
      await importVersion(context, imported, state, location, {
        trustedEntities: imported.content.entities.length,
        services: imported.content.authorisations.length,
      }),
    )
  } catch (error) {
    context.finished(await recordFailure(context, source, error, location, digest))
  }
}

/**
 * A list may name its framework into being, but never take over one the registry holds from
 * elsewhere (the sandbox, an operator, another source): then it only adds authorisations under it.
 */
async function mayAssertFramework(context: SyncContext, config: LoteConfig): Promise<boolean> {
  try {
    const framework = await getFramework(context.store, config.frameworkId)
    return framework.sourceId === config.id
  } catch (error) {
    if (error instanceof KakehashiError && error.code === 'registry.not_found') return true
    throw error
  }
}

/** A properly signed older list is a replay: refused with the LoTE's own code. */
function refuseRegression(state: SourceState | undefined, next: number | undefined): void {
  const previous = state?.current?.sequenceNumber
  if (previous !== undefined && next !== undefined && next < previous) {
    throw new KakehashiError(
      'lote.sequence_regressed',
      `LoTESequenceNumber ${next} follows ${previous} in force`,
      { previous, next },
    )
  }
}
