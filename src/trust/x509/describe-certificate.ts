// Names certificates and their properties the way report messages refer to them.
import type { ParsedCertificate } from './parse-certificate.ts'
import { BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension } from './x509-library.ts'

/** A certificate of the chain under validation, with how a message should name it. */
export interface LabelledCertificate {
  cert: ParsedCertificate
  /** `x5c[1]`, or `trust anchor "eu-pid-ca"`. */
  label: string
}

/** An anchor of the set: one certificate, possibly registered under several ids. */
export interface AnchorEntry {
  ids: string[]
  cert: ParsedCertificate
}

export const anchorLabel = (anchor: AnchorEntry): string =>
  `trust anchor ${anchor.ids.map((id) => JSON.stringify(id)).join(', ')}`

export const describe = ({ cert, label }: LabelledCertificate): string =>
  `${label} (${cert.certificate.subject || 'empty subject'})`

export const isoTime = (ms: number): string => new Date(ms).toISOString()

/** Why a certificate cannot act as a CA, or undefined when nothing in it forbids that. */
export function whyNotCa(cert: ParsedCertificate): string | undefined {
  const unknownCritical = unknownCriticalExtensions(cert)
  if (unknownCritical.length > 0) {
    return `it carries critical extension(s) ${unknownCritical.join(', ')} that are not understood`
  }
  const basic = cert.certificate.getExtension(BasicConstraintsExtension)
  if (basic === null) return 'it has no basicConstraints extension, so it is not a CA certificate'
  if (!basic.ca) return 'its basicConstraints say cA false: it is an end-entity certificate'
  const keyUsage = cert.certificate.getExtension(KeyUsagesExtension)
  if (keyUsage !== null && (keyUsage.usages & KeyUsageFlags.keyCertSign) === 0) {
    return 'its keyUsage lacks keyCertSign'
  }
  return undefined
}

/**
 * Critical extensions the certificate library cannot read. RFC 5280 §6.1.3 asks a verifier to
 * reject a certificate whose critical extension it does not recognise; pkijs applies that to CA
 * certificates only, so the validator applies the same test to the leaf.
 */
export function unknownCriticalExtensions(cert: ParsedCertificate): string[] {
  return (cert.pkijs.extensions ?? [])
    .filter((extension) => extension.critical && extension.parsedValue === undefined)
    .map((extension) => extension.extnID)
}

/** True when subject and issuer are the same name (RFC 5280 "self-issued"). */
export const isSelfIssued = (cert: ParsedCertificate): boolean =>
  cert.pkijs.subject.isEqual(cert.pkijs.issuer)

/** The validity problem of a certificate at `atMs`, or undefined when it is within its period. */
export function validityProblem(cert: ParsedCertificate, atMs: number): string | undefined {
  const notBefore = cert.certificate.notBefore.getTime()
  const notAfter = cert.certificate.notAfter.getTime()
  if (atMs < notBefore) return `is not valid before ${isoTime(notBefore)}`
  if (atMs > notAfter) return `expired at ${isoTime(notAfter)}`
  return undefined
}
