// The options and the result of mdoc verification.
import type { KeyObject } from 'node:crypto'
import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import type { DataElement } from '../../report/verification-report.ts'
import type { Clock } from '../../util/clock.ts'
import type { SessionTranscriptInput } from './session-transcript.ts'

export interface VerifyMdocOptions {
  clock: Clock
  policy: VerifyPolicy
  limits: VerifyLimits
  /** The session the response answers, rebuilt by the verifier; required to check device authentication. */
  sessionTranscript?: SessionTranscriptInput
  /** The reader's ephemeral private key, for a device that authenticates with a MAC (§9.1.3.5). */
  readerEphemeralKey?: KeyObject
  /** Which document to verify when the response holds several. */
  docType?: string
  /**
   * `presentation` (default): a DeviceResponse from a holder's device, which must authenticate.
   * `issuance`: an `IssuerSigned` structure as an issuer hands it to a wallet (OpenID4VCI), with
   * no device part; only the issuer's statement is checked.
   */
  stage?: 'presentation' | 'issuance'
}

/** One returned data element, in the form a report shows. */
export type MdocElement = DataElement

export interface MdocVerification {
  docType: string
  /** The DeviceResponse `version`; absent for an `IssuerSigned` alone. */
  version?: string
  msoVersion: string
  digestAlgorithm: string
  validityInfo: { signed: string; validFrom: string; validUntil: string; expectedUpdate?: string }
  /** The `x5chain` of issuerAuth, DER, document signer first. */
  x5chain: Uint8Array[]
  issuerAlg: string
  elements: MdocElement[]
  /** Elements by namespace and identifier: the report's `claims`. */
  claims: Record<string, Record<string, unknown>>
  /** The Token Status List reference the MSO carries, as plain data. */
  status?: Record<string, unknown>
  deviceAuthentication?: 'signature' | 'mac'
  /** The doc types of the response's other documents, not verified in this report. */
  otherDocTypes: string[]
}
