// What the format step hands to the trust steps: the issuer's statement, verified cryptographically.
import type { MdocElement } from '../formats/mdoc/index.ts'
import type { IssuerKeyReference } from '../formats/w3c-vc/types.ts'

/** The parts of a verified credential that trust, status and recognition need, in any format. */
export interface IssuedCredential {
  /** `dc+sd-jwt`, `mso_mdoc`, … */
  format: string
  /** `vct` for SD-JWT VC, `docType` for mdoc. */
  credentialType: string
  claims: Record<string, unknown>
  /** W3C: the whole credential, which the crosswalks read (issuer and dates sit outside its subject). */
  document?: Record<string, unknown>
  /** mdoc data elements with their profile names. */
  elements?: MdocElement[]
  /** The issuer certificate chain as the credential carries it, DER, leaf first. */
  x5c: Uint8Array[]
  /** W3C VCs signed by a DID verification method or a bare JWK: the key the registry must know. */
  issuerKey?: Exclude<IssuerKeyReference, { kind: 'x5c' }>
  /** An issuer identifier the key must belong to (SD-JWT VC `iss`, W3C `issuer`); mdoc has none. */
  iss?: string
  /** The Token Status List reference, as the credential states it (absent: no status). */
  status?: unknown
  /** W3C `credentialStatus` entries (Bitstring Status List), as the credential states them. */
  credentialStatus?: Record<string, unknown>[]
}
