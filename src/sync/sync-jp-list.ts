// Keeps a Japanese trust list (the documented JSON form, unsigned or as a JWS) current as one source.
import type { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import type { Source, SourceImport, SourceState } from '../model/index.ts'
import { listFrameworks } from '../registry/registry-queries.ts'
import {
  countJpTrustList,
  jpTrustListToSourceImport,
  readJpTrustList,
} from '../sources/jp-list/index.ts'
import { fetchDocument } from './fetch-document.ts'
import { readSigners } from './read-signers.ts'
import type { zJpListSourceConfig } from './sources-config.ts'
import {
  currentState,
  fetchOptions,
  importVersion,
  notModified,
  recordFailure,
  type SyncContext,
} from './sync-context.ts'

type JpListConfig = z.infer<typeof zJpListSourceConfig>

const ACCEPT = 'application/jose, application/json;q=0.9'

/**
 * Fetches the list conditionally, verifies it (signature, or the leave to go unsigned), refuses a
 * sequence number that went backwards and a framework another source owns, and imports it through
 * the log. Any failure is recorded and the version in force stays.
 */
export async function syncJpList(context: SyncContext, config: JpListConfig): Promise<void> {
  const source: Source = {
    id: config.id,
    kind: 'jp-list',
    uri: config.uri,
    description: 'Japanese trust list',
    territory: 'JP',
  }
  const state = await currentState(context, config.id)
  let location = config.uri
  let digest: string | undefined
  try {
    const signers = config.signers === undefined ? [] : await readSigners(context, config.signers)
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
    const verified = await readJpTrustList(fetched.bytes, {
      signers,
      allowUnsigned: config.allowUnsigned,
      ...(config.maxBytes === undefined ? {} : { maxBytes: config.maxBytes }),
    })
    const imported = jpTrustListToSourceImport(verified, {
      sourceId: config.id,
      uri: config.uri,
      fetchedAt: new Date(context.clock.now()).toISOString(),
      ...(fetched.etag === undefined ? {} : { etag: fetched.etag }),
      ...(fetched.lastModified === undefined ? {} : { lastModified: fetched.lastModified }),
    })
    checkSequence(imported, state)
    await checkFrameworkOwnership(context, imported)
    context.finished(
      await importVersion(context, imported, state, location, countJpTrustList(verified)),
    )
  } catch (error) {
    context.finished(await recordFailure(context, source, error, location, digest))
  }
}

/** An older list, however well signed, is a replay: refused before anything is compared. */
function checkSequence(imported: SourceImport, state: SourceState | undefined): void {
  const previous = state?.current?.sequenceNumber
  const next = imported.version.sequenceNumber
  if (previous !== undefined && next !== undefined && next < previous) {
    throw new KakehashiError(
      'jp-list.sequence_regressed',
      `sequence number ${next} follows ${previous} in force`,
      { previous, next },
    )
  }
}

/**
 * A list may assert only frameworks that are new or already its own: one that the sandbox, an
 * operator or another source holds is refused, so no list can redefine someone else's framework.
 */
async function checkFrameworkOwnership(
  context: SyncContext,
  imported: SourceImport,
): Promise<void> {
  const held = new Map((await listFrameworks(context.store)).map((f) => [f.id, f.sourceId]))
  for (const framework of imported.content.frameworks) {
    if (!held.has(framework.id)) continue
    const owner = held.get(framework.id)
    if (owner !== imported.source.id) {
      throw new KakehashiError(
        'jp-list.framework_conflict',
        `framework ${framework.id} is held by ${owner === undefined ? 'an operator or the sandbox' : `source ${owner}`}, not by this list`,
        { frameworkId: framework.id, ...(owner === undefined ? {} : { owner }) },
      )
    }
  }
}
