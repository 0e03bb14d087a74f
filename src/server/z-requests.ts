// Schemas of the HTTP API's request bodies: input is parsed into types here, once, then trusted.
import { z } from 'zod'
import { zSessionTranscript } from '../formats/mdoc/session-transcript-json.ts'
import { zId } from '../model/index.ts'

export const zVerifyRequest = z.strictObject({
  /**
   * The credential or presentation: as text, a compact SD-JWT or its JSON serialization, an mdoc
   * DeviceResponse in hex or base64url, a W3C credential as a JWS or COSE (base64url); or, as a
   * JSON object, a W3C credential with Data Integrity proofs.
   */
  credential: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  /** The relying party's trust framework, e.g. `eu.academic`. */
  rp: zId.optional(),
  nonce: z.string().min(1).max(1024).optional(),
  aud: z.string().min(1).max(2048).optional(),
  /** mdoc: which document of the DeviceResponse to verify, when it holds several. */
  docType: z.string().min(1).max(256).optional(),
  /** mdoc: the session the DeviceResponse answers (OpenID4VP handover parameters, or the bytes). */
  sessionTranscript: zSessionTranscript.optional(),
  /** mdoc with device MAC: the reader's ephemeral private key, as a JWK. */
  readerKey: z.record(z.string(), z.unknown()).optional(),
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
  /**
   * `mdoc`: an ISO/IEC 18013-5 DeviceResponse, for the issuers that have one. `ldp_vc` (Data
   * Integrity) and `vc+jwt` (VC-JOSE): a W3C credential, from the sandbox universities.
   */
  format: z.enum(['sd-jwt-vc', 'mdoc', 'ldp_vc', 'vc+jwt']).default('sd-jwt-vc'),
  /** For a W3C credential: `OpenBadgeCredential` (default) or `EuropeanDigitalCredential`. */
  credentialType: z.string().min(1).max(128).optional(),
  keyBinding: z.boolean().default(true),
  /** For an mdoc: the nonce of the OpenID4VP handover. */
  nonce: z.string().min(1).max(1024).optional(),
  /** For an mdoc: the client_id of the OpenID4VP handover. */
  aud: z.string().min(1).max(2048).optional(),
  /** For an mdoc: the device key. */
  holderJwk: z.record(z.string(), z.unknown()).optional(),
  /** For an mdoc: the whole session transcript, instead of `nonce` and `aud`. */
  sessionTranscript: zSessionTranscript.optional(),
})
export type IssueRequest = z.infer<typeof zIssueRequest>

export const zSetStatusRequest = z.strictObject({
  issuer: z.string().min(1).max(64),
  idx: z.number().int().min(0),
  status: z.enum(['valid', 'invalid', 'suspended']),
  /**
   * Which list: the Token Status List of SD-JWT VCs and mdocs (default), or the Bitstring Status
   * List of W3C credentials (`ldp_vc` and `vc+jwt`, revocation only: no `suspended`).
   */
  list: z.enum(['token-status-list', 'bitstring-status-list']).default('token-status-list'),
})

export const zLogQuery = z.object({
  from: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})
