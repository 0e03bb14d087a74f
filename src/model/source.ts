// A source: where a registry fact came from (a trusted list, a federation, a governance decision).
import { z } from 'zod'
import { zId } from './common.ts'

export const sourceKinds = [
  'etsi-tl',
  'lote',
  'oidfed',
  'jp-list',
  'governance',
  'operator',
  'sandbox',
] as const

export const zSource = z.object({
  id: zId,
  kind: z.enum(sourceKinds),
  uri: z.string().max(2048).optional(),
  description: z.string().max(2000),
})
export type Source = z.infer<typeof zSource>
