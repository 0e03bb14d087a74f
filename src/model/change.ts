// The changes that enter the registry's append-only log; the registry is their projection.
import { z } from 'zod'
import { authorisationStatuses, zAuthorisation } from './authorisation.ts'
import { zId, zIsoDateTime } from './common.ts'
import { zDigitalIdentity } from './digital-identity.ts'
import { zRecognitionRule } from './recognition-rule.ts'
import { zSource, zSourceFailure, zSourceVersion } from './source.ts'
import { zTrustFramework } from './trust-framework.ts'
import { zTrustedEntity } from './trusted-entity.ts'

export const zChange = z.discriminatedUnion('type', [
  z.object({ type: z.literal('source.put'), source: zSource }),
  /** A version of the source was imported: its content is now the registry's. */
  z.object({ type: z.literal('source.imported'), sourceId: zId, version: zSourceVersion }),
  /** An attempt to import the source failed; the version in force stays. */
  z.object({ type: z.literal('source.failed'), sourceId: zId, failure: zSourceFailure }),
  z.object({ type: z.literal('framework.put'), framework: zTrustFramework }),
  z.object({ type: z.literal('entity.put'), entity: zTrustedEntity }),
  /** Only an entity that no identity or authorisation refers to any more. */
  z.object({ type: z.literal('entity.remove'), id: zId }),
  z.object({ type: z.literal('identity.put'), identity: zDigitalIdentity }),
  z.object({ type: z.literal('identity.remove'), id: zId }),
  z.object({ type: z.literal('authorisation.put'), authorisation: zAuthorisation }),
  z.object({ type: z.literal('authorisation.remove'), id: zId }),
  z.object({
    type: z.literal('authorisation.status'),
    id: zId,
    status: z.enum(authorisationStatuses),
    at: zIsoDateTime,
  }),
  z.object({ type: z.literal('recognition.put'), rule: zRecognitionRule }),
  z.object({ type: z.literal('recognition.remove'), id: zId }),
])
export type Change = z.infer<typeof zChange>
export type ChangeType = Change['type']

/** Who asks for a change and why: every log entry carries both. */
export const zChangeContext = z.object({
  /** `operator:<name>`, `sandbox`, `import:<source>`, `governance:<proposal>`. */
  actor: z.string().min(1).max(200),
  reason: z.string().min(1).max(2000),
  sourceId: zId.optional(),
})
export type ChangeContext = z.infer<typeof zChangeContext>

/** One entry of the log as stored: the change, its context and its place in the hash chain. */
export interface LogEntry {
  /** Position in the log, from 0. */
  seq: number
  recordedAt: string
  actor: string
  reason: string
  sourceId?: string
  change: Change
  /** Hex SHA-256 of the previous entry (`entryHash`), or 64 zeros for the first. */
  prevHash: string
  /** Hex SHA-256 over the canonical JSON (RFC 8785) of every field above. */
  entryHash: string
  /** RFC 9162 leaf hash: hex SHA-256(0x00 ‖ canonical entry), for the Merkle tree to come. */
  leafHash: string
}

/** The log position a decision was made against. */
export interface LogCheckpoint {
  /** Number of entries (the next `seq`). */
  size: number
  /** `entryHash` of the last entry, or 64 zeros when empty. */
  headHash: string
}
