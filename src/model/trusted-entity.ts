// A trusted entity: an organisation known to the registry, with names and official identifiers.
import { z } from 'zod'
import { zId, zLocalisedName } from './common.ts'

export const zEntityIdentifier = z.object({
  /** `euid`, `lei`, `jp.corporate-number`, `vat`, `uri`, … */
  scheme: z.string().min(1).max(64),
  value: z.string().min(1).max(300),
})
export type EntityIdentifier = z.infer<typeof zEntityIdentifier>

export const zTrustedEntity = z.object({
  id: zId,
  names: z.array(zLocalisedName).min(1).max(16),
  identifiers: z.array(zEntityIdentifier).max(16).default([]),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/),
  /** The source this object was imported from; absent for operator and governance entries. */
  sourceId: zId.optional(),
})
export type TrustedEntity = z.infer<typeof zTrustedEntity>
