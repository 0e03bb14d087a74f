// A trust framework: a named scheme with a jurisdiction and its ordered assurance levels.
import { z } from 'zod'
import { zId, zIsoDateTime } from './common.ts'

export const zTrustFramework = z.object({
  id: zId,
  /** `EU` for the Union, else an ISO 3166-1 alpha-2 code (`JP`). */
  jurisdiction: z.string().regex(/^(EU|[A-Z]{2})$/),
  name: z.string().min(1).max(200),
  /** Assurance levels from lowest to highest; a recognition rule maps between them. */
  assuranceLevels: z.array(z.string().min(1).max(64)).max(16).default([]),
  description: z.string().max(2000).optional(),
  updatedAt: zIsoDateTime.optional(),
  /** The source this object was imported from; absent for operator and governance entries. */
  sourceId: zId.optional(),
})
export type TrustFramework = z.infer<typeof zTrustFramework>
