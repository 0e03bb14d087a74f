// An authorisation: entity E may act in role R under framework F, with a status and validity period.
import { z } from 'zod'
import { zId, zIsoDateTime } from './common.ts'
import { zTrustService } from './trust-service.ts'

export const authorisationRoles = [
  'issuer',
  'relying_party',
  'wallet_provider',
  'conformity_assessor',
  'status_provider',
  /** Provides the trust service named by `trustService.serviceType` (time stamps, validation, …). */
  'trust_service_provider',
] as const
export type AuthorisationRole = (typeof authorisationRoles)[number]

export const authorisationStatuses = ['granted', 'suspended', 'withdrawn'] as const
export type AuthorisationStatus = (typeof authorisationStatuses)[number]

export const zAuthorisation = z.object({
  id: zId,
  entityId: zId,
  frameworkId: zId,
  role: z.enum(authorisationRoles),
  /** Credential types (SD-JWT VC `vct`, mdoc doctype, VC type) the role covers. */
  credentialTypes: z.array(z.string().min(1).max(512)).max(64).default([]),
  /** The framework's assurance level at which the entity acts. */
  assuranceLevel: z.string().max(64).optional(),
  status: z.enum(authorisationStatuses).default('granted'),
  validFrom: zIsoDateTime,
  validUntil: zIsoDateTime.optional(),
  /**
   * The digital identities this authorisation is bound to (a trusted list's service digital
   * identities). When given, only keys that chain to one of them act under it: a provider's
   * time-stamping CA does not issue under its qualified-certificate service. When absent, every
   * identity of the entity does (operator anchors, the sandbox).
   */
  identityIds: z.array(zId).max(256).optional(),
  /** The source this object was imported from; absent for operator and governance entries. */
  sourceId: zId.optional(),
  /** The trusted list's service record this authorisation was read from. */
  trustService: zTrustService.optional(),
})
export type Authorisation = z.infer<typeof zAuthorisation>

/** Whether an authorisation may be exercised through the identity `identityId`. */
export const isBoundToIdentity = (authorisation: Authorisation, identityId: string): boolean =>
  authorisation.identityIds === undefined || authorisation.identityIds.includes(identityId)

export interface AuthorisationStatusEvent {
  status: AuthorisationStatus
  at: string
  logSeq: number
}
