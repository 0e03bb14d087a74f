// What the format step hands to the trust steps: the issuer's statement, verified cryptographically.
import type { MdocElement } from '../formats/mdoc/index.ts'

/** The parts of a verified credential that trust, status and recognition need, in any format. */
export interface IssuedCredential {
  /** `dc+sd-jwt`, `mso_mdoc`, … */
  format: string
  /** `vct` for SD-JWT VC, `docType` for mdoc. */
  credentialType: string
  claims: Record<string, unknown>
  /** mdoc data elements with their profile names. */
  elements?: MdocElement[]
  /** The issuer certificate chain as the credential carries it, DER, leaf first. */
  x5c: Uint8Array[]
  /** An issuer identifier the certificate must name (SD-JWT VC `iss`); mdoc has none. */
  iss?: string
  /** The Token Status List reference, as the credential states it (absent: no status). */
  status?: unknown
}
