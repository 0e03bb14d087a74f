// Keeps an ISO/IEC 18013-5 VICAL (a COSE_Sign1 list of IACA certificates) current as one source.
import type { z } from 'zod'
import { countVical, readVical, vicalToSourceImport } from '../sources/vical/index.ts'
import type { zVicalSourceConfig } from './sources-config.ts'
import type { SyncContext } from './sync-context.ts'
import { mayAssertFramework, syncSignedList } from './sync-signed-list.ts'

type VicalConfig = z.infer<typeof zVicalSourceConfig>

// ISO/IEC 18013-5 names no media type for a VICAL; servers send COSE's or a generic one.
const ACCEPT = 'application/cose, application/cbor;q=0.9, application/octet-stream;q=0.5, */*;q=0.1'

/**
 * Verifies the VICAL against the configured signers and imports its issuing authorities; a
 * properly signed VICAL with a lower `vicalIssueID` than the one in force is a replay, refused.
 */
export async function syncVical(context: SyncContext, config: VicalConfig): Promise<void> {
  context.finished(
    await syncSignedList(context, {
      source: {
        id: config.id,
        kind: 'vical',
        uri: config.uri,
        description: 'VICAL (ISO/IEC 18013-5)',
        ...(config.jurisdiction === undefined ? {} : { territory: config.jurisdiction }),
      },
      config,
      accept: ACCEPT,
      verify: (bytes, signers) =>
        readVical(bytes, {
          signers,
          now: context.clock.now(),
          ...(config.maxBytes === undefined ? {} : { maxBytes: config.maxBytes }),
        }),
      map: async (verified, version) =>
        vicalToSourceImport(verified, {
          ...version,
          frameworkId: config.frameworkId,
          assertFramework: await mayAssertFramework(context, config),
          ...(config.jurisdiction === undefined ? {} : { jurisdiction: config.jurisdiction }),
        }),
      sequenceRegressed: { code: 'vical.sequence_regressed', field: 'vicalIssueID' },
      count: countVical,
    }),
  )
}
