// What a trusted list says of one trust service: its type, status and the history of both.
import { z } from 'zod'
import { zIsoDateTime } from './common.ts'

const zUri = z.string().min(1).max(1000)

export const zTrustServiceHistoryEvent = z.object({
  serviceType: zUri,
  status: zUri,
  statusStartingTime: zIsoDateTime,
  serviceName: z.string().max(1000).optional(),
})

/**
 * The trust-service facts of a TS 119 612 service or a TS 119 602 entity service, kept on the
 * authorisation they grant, so a verdict can cite the status URI and the date it took effect.
 */
export const zTrustService = z.object({
  serviceType: zUri,
  status: zUri,
  statusStartingTime: zIsoDateTime,
  serviceName: z.string().max(1000).optional(),
  /** Earlier statuses, newest first, as the list records them (`ServiceHistory`). */
  history: z.array(zTrustServiceHistoryEvent).max(256).default([]),
  /** `AdditionalServiceInformation` URIs (`ForeSignatures`, `ForeSeals`, `ForWebSiteAuthentication`, …). */
  additionalServiceInformation: z.array(zUri).max(64).default([]),
  /** Qualification extension qualifiers (`QCWithSSCD`, `QCForLegalPerson`, …). */
  qualifiers: z.array(zUri).max(64).default([]),
  /** The URIs of the `ServiceSupplyPoint`s. */
  serviceSupplyPoints: z.array(zUri).max(64).default([]),
})
export type TrustService = z.infer<typeof zTrustService>
