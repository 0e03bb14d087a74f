// Keeps an ETSI TS 119 602 list of trusted entities (a compact JWS or signed XML) current as one source.
import type { z } from 'zod'
import { LOTE_JWS_MEDIA_TYPE, loteToSourceImport, readLote } from '../sources/lote/index.ts'
import type { zLoteSourceConfig } from './sources-config.ts'
import type { SyncContext } from './sync-context.ts'
import { mayAssertFramework, syncSignedList } from './sync-signed-list.ts'

type LoteConfig = z.infer<typeof zLoteSourceConfig>

const ACCEPT = `${LOTE_JWS_MEDIA_TYPE}, application/xml;q=0.9, application/jwt;q=0.9, */*;q=0.5`

/**
 * Reads the list in the binding its content shows (XML when it opens with `<`, a JWS otherwise)
 * and verifies its signature against the configured signers; a properly signed older list is a
 * replay, refused with the LoTE's own code.
 */
export async function syncLote(context: SyncContext, config: LoteConfig): Promise<void> {
  context.finished(
    await syncSignedList(context, {
      source: {
        id: config.id,
        kind: 'lote',
        uri: config.uri,
        description: 'List of trusted entities (ETSI TS 119 602)',
      },
      config,
      accept: ACCEPT,
      verify: (bytes, signers) =>
        readLote(bytes, signers, {
          ...(config.maxBytes === undefined ? {} : { maxBytes: config.maxBytes }),
        }),
      map: async (verified, version) =>
        loteToSourceImport(verified, {
          ...version,
          frameworkId: config.frameworkId,
          assertFramework: await mayAssertFramework(context, config),
          ...(config.credentialTypes === undefined
            ? {}
            : { credentialTypes: config.credentialTypes }),
        }),
      sequenceRegressed: { code: 'lote.sequence_regressed', field: 'LoTESequenceNumber' },
      count: (_verified, imported) => ({
        trustedEntities: imported.content.entities.length,
        services: imported.content.authorisations.length,
      }),
    }),
  )
}
