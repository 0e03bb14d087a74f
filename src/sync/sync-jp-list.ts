// Keeps a Japanese trust list (the documented JSON form, unsigned or as a JWS) current as one source.
import type { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import type { SourceImport } from '../model/index.ts'
import { listFrameworks } from '../registry/registry-queries.ts'
import {
  countJpTrustList,
  jpTrustListToSourceImport,
  readJpTrustList,
} from '../sources/jp-list/index.ts'
import type { zJpListSourceConfig } from './sources-config.ts'
import type { SyncContext } from './sync-context.ts'
import { syncSignedList } from './sync-signed-list.ts'

type JpListConfig = z.infer<typeof zJpListSourceConfig>

const ACCEPT = 'application/jose, application/json;q=0.9'

/**
 * Verifies the list (signature, or the leave to go unsigned) and refuses, besides a sequence
 * number that went backwards, a framework another source owns.
 */
export async function syncJpList(context: SyncContext, config: JpListConfig): Promise<void> {
  context.finished(
    await syncSignedList(context, {
      source: {
        id: config.id,
        kind: 'jp-list',
        uri: config.uri,
        description: 'Japanese trust list',
        territory: 'JP',
      },
      config,
      accept: ACCEPT,
      verify: (bytes, signers) =>
        readJpTrustList(bytes, {
          signers,
          allowUnsigned: config.allowUnsigned,
          ...(config.maxBytes === undefined ? {} : { maxBytes: config.maxBytes }),
        }),
      map: (verified, version) => jpTrustListToSourceImport(verified, version),
      sequenceRegressed: { code: 'jp-list.sequence_regressed', field: 'sequence number' },
      check: (imported) => checkFrameworkOwnership(context, imported),
      count: (verified) => countJpTrustList(verified),
    }),
  )
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
