// A recognition rule: framework A accepts framework B for some credential types, mapping B's levels.
import { z } from 'zod'
import { zId, zIsoDateTime } from './common.ts'

export const zRecognitionRule = z.object({
  id: zId,
  /** A: the framework that recognises (the relying party's). */
  recognisingFrameworkId: zId,
  /** B: the framework recognised (the issuer's). */
  recognisedFrameworkId: zId,
  credentialTypes: z.array(z.string().min(1).max(512)).min(1).max(64),
  /** B's assurance level → A's. A level absent here is not recognised. */
  levelMapping: z.record(z.string().max(64), z.string().max(64)).default({}),
  /**
   * B's lowest level the rule accepts, in B's order of levels: an issuer below it is not
   * recognised, whatever the mapping says. Absent: every mapped level.
   */
  minimumLevel: z.string().min(1).max(64).optional(),
  /** What the recognition is for and what it does not cover, in the words of the agreement. */
  scope: z.string().min(1).max(2000).optional(),
  /** The legal instrument the rule rests on (agreement, decision, regulation article). */
  legalBasis: z.string().min(1).max(2000),
  validFrom: zIsoDateTime,
  validUntil: zIsoDateTime.optional(),
  /** The source this object was imported from; absent for operator and governance entries. */
  sourceId: zId.optional(),
})
export type RecognitionRule = z.infer<typeof zRecognitionRule>
