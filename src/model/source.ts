// A source: where a registry fact came from (a trusted list, a federation, a governance decision).
import { z } from 'zod'
import { zId, zIsoDateTime } from './common.ts'

export const sourceKinds = [
  'etsi-tl',
  'lote',
  'oidfed',
  'jp-list',
  'vical',
  'governance',
  'operator',
  'sandbox',
] as const
export type SourceKind = (typeof sourceKinds)[number]

export const sourceSignatureStatuses = [
  /** The signature verified and the signer is one the source's configuration trusts. */
  'valid',
  /** The source carries no signature and its configuration allows that (operator-maintained files). */
  'unsigned',
] as const

/** One version of a source as imported: what it was, where it stood, who signed it. */
export const zSourceVersion = z.object({
  /** Lower-case hex SHA-256 of the bytes as fetched. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  fetchedAt: zIsoDateTime,
  /** The list's own sequence number (TS 119 612 `TSLSequenceNumber`, TS 119 602 `LoTESequenceNumber`). */
  sequenceNumber: z.number().int().nonnegative().optional(),
  issuedAt: zIsoDateTime.optional(),
  /** Past this time the data is stale: it answers "stale", never "trusted", unless policy says otherwise. */
  nextUpdate: zIsoDateTime.optional(),
  signature: z.object({
    status: z.enum(sourceSignatureStatuses),
    signerSubject: z.string().max(2000).optional(),
    /** Lower-case hex SHA-256 of the signer certificate's DER. */
    signerFingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    algorithm: z.string().max(200).optional(),
  }),
  /** HTTP validators kept for the next conditional request. */
  etag: z.string().max(500).optional(),
  lastModified: z.string().max(100).optional(),
})
export type SourceVersion = z.infer<typeof zSourceVersion>

/** Why the latest attempt to import a source failed; the last good version stays in force. */
export const zSourceFailure = z.object({
  at: zIsoDateTime,
  /** A stable error code (`tl.signature_invalid`, `fetch.timeout`, `source.stale`, …). */
  code: z.string().min(1).max(100),
  message: z.string().max(2000),
  /** Digest of the refused bytes, when any were fetched. */
  digest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
})
export type SourceFailure = z.infer<typeof zSourceFailure>

export const zSource = z.object({
  id: zId,
  kind: z.enum(sourceKinds),
  uri: z.string().max(2048).optional(),
  description: z.string().max(2000),
  /** The source this one was found through (a national list found through the LOTL). */
  parentId: zId.optional(),
  /** ISO 3166-1 alpha-2 territory, or `EU`, of the list's scheme. */
  territory: z
    .string()
    .regex(/^(EU|[A-Z]{2})$/)
    .optional(),
})
export type Source = z.infer<typeof zSource>

/** A source as the registry holds it: what it is, its version in force, its latest failure. */
export interface SourceState extends Source {
  /** The version whose content is in the registry now. */
  current?: SourceVersion
  /** The most recent failure, kept until a later import of this source succeeds. */
  lastFailure?: SourceFailure
}
