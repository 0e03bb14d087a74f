// A digital identity: what binds an entity (and so its authorisations) to keys.
import { z } from 'zod'
import { zId } from './common.ts'

export const digitalIdentityKinds = [
  /** A CA certificate that is a trust anchor for the entity's issuing certificates. */
  'x509.trust_anchor',
  /** An end-entity certificate, trusted as it is. */
  'x509.certificate',
  /** RFC 7638 JWK thumbprint (SHA-256, base64url). */
  'jwk.thumbprint',
  'did',
] as const

export const zDigitalIdentity = z.object({
  id: zId,
  entityId: zId,
  kind: z.enum(digitalIdentityKinds),
  /** PEM for certificates, the thumbprint, or the DID. */
  value: z.string().min(1).max(64_000),
  /** For certificates: SHA-256 of the DER, lower-case hex; how chains find their anchor. */
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** The source this object was imported from; absent for operator and governance entries. */
  sourceId: zId.optional(),
})
export type DigitalIdentity = z.infer<typeof zDigitalIdentity>
