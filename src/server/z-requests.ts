// Schemas of the HTTP API's request bodies: input is parsed into types here, once, then trusted.
import { z } from 'zod'
import { zId } from '../model/index.ts'

export const zVerifyRequest = z.strictObject({
  /** The credential or presentation, as text (compact SD-JWT, or its JSON serialization). */
  credential: z.string().min(1),
  /** The relying party's trust framework, e.g. `eu.academic`. */
  rp: zId.optional(),
  nonce: z.string().min(1).max(1024).optional(),
  aud: z.string().min(1).max(2048).optional(),
})
export type VerifyRequestBody = z.infer<typeof zVerifyRequest>

export const zAddAnchorRequest = z.strictObject({
  framework: zId,
  entity: z.string().min(1).max(300),
  entityId: zId.optional(),
  /** ISO 3166-1 alpha-2; by default the certificate subject's country. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  certPem: z.string().min(1).max(64_000),
  credentialTypes: z.array(z.string().min(1).max(512)).min(1).max(64),
  reason: z.string().min(1).max(2000).optional(),
})
export type AddAnchorRequest = z.infer<typeof zAddAnchorRequest>

export const zIssueRequest = z.strictObject({
  issuer: z.string().min(1).max(64),
  keyBinding: z.boolean().default(true),
  nonce: z.string().min(1).max(1024).optional(),
  aud: z.string().min(1).max(2048).optional(),
  holderJwk: z.record(z.string(), z.unknown()).optional(),
})
export type IssueRequest = z.infer<typeof zIssueRequest>

export const zSetStatusRequest = z.strictObject({
  issuer: z.string().min(1).max(64),
  idx: z.number().int().min(0),
  status: z.enum(['valid', 'invalid', 'suspended']),
})

export const zLogQuery = z.object({
  from: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})
