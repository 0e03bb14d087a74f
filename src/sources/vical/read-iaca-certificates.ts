// Parses each IACA certificate a VICAL lists and checks that its CertificateInfo describes that very certificate.
//
// A CertificateInfo repeats facts of its certificate (serial number, subject key identifier, and
// optionally the issuer and subject Names and the validity dates). A VICAL whose description
// disagrees with its certificate is refused whole, like any list with a defect: a relying party
// could otherwise look the certificate up by one and trust it under the other.
import { KakehashiError } from '../../errors.ts'
import { type ParsedCertificate, parseDer } from '../../trust/x509/parse-certificate.ts'
import {
  BasicConstraintsExtension,
  SubjectKeyIdentifierExtension,
} from '../../trust/x509/x509-library.ts'
import type { VicalCertificateInfo } from './z-vical.ts'

export interface IacaCertificate {
  der: Uint8Array
  /** Lower-case hex SHA-256 of the DER. */
  fingerprint: string
  subject: string
  /** The subject's organisation, common name and country, for an entity the VICAL does not name. */
  organisation?: string
  commonName?: string
  country?: string
  notBefore: Date
  notAfter: Date
  /** The certificate as one PEM block. */
  pem: string
}

/** The certificate of each CertificateInfo, in order; throws `vical.certificate_invalid`. */
export function readIacaCertificates(infos: readonly VicalCertificateInfo[]): IacaCertificate[] {
  return infos.map((info, index) => readOne(info, `certificateInfos.${index}`))
}

function readOne(info: VicalCertificateInfo, path: string): IacaCertificate {
  const fail = (message: string): never => {
    throw new KakehashiError('vical.certificate_invalid', `${path}: ${message}`, { path })
  }
  const parsed = parseDer(info.certificate)
  if (!parsed.ok) return fail(`the certificate cannot be read: ${parsed.message}`)
  const { cert } = parsed
  const view = cert.certificate
  // An IACA certificate is the trust anchor of document signer certificates: it must be a CA.
  if (view.getExtension(BasicConstraintsExtension)?.ca !== true)
    fail('the certificate is not a CA certificate (basicConstraints cA)')
  if (BigInt(info.serialNumber) !== BigInt(`0x${view.serialNumber || '0'}`))
    fail(`serialNumber ${String(info.serialNumber)} is not the certificate's`)
  const ski = view.getExtension(SubjectKeyIdentifierExtension)?.keyId
  if (ski === undefined) fail('the certificate has no subject key identifier')
  if (Buffer.from(info.ski).toString('hex') !== ski?.toLowerCase())
    fail("ski is not the certificate's subject key identifier")
  if (info.issuer !== undefined && !sameBytes(info.issuer, nameDer(cert, 'issuer')))
    fail("issuer is not the certificate's issuer Name")
  if (info.subject !== undefined && !sameBytes(info.subject, nameDer(cert, 'subject')))
    fail("subject is not the certificate's subject Name")
  if (info.notBefore !== undefined && !sameSecond(info.notBefore, view.notBefore))
    fail("notBefore is not the certificate's")
  if (info.notAfter !== undefined && !sameSecond(info.notAfter, view.notAfter))
    fail("notAfter is not the certificate's")
  const base64 = Buffer.from(cert.der).toString('base64')
  const name = view.subjectName
  return {
    der: cert.der,
    fingerprint: cert.fingerprint,
    subject: view.subject.slice(0, 2000),
    ...optional('organisation', name.getField('O')[0]),
    ...optional('commonName', name.getField('CN')[0]),
    ...optional('country', name.getField('C')[0]),
    notBefore: view.notBefore,
    notAfter: view.notAfter,
    pem: `-----BEGIN CERTIFICATE-----\n${base64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`,
  }
}

/** The DER of a Name exactly as the certificate holds it (pkijs keeps the bytes it decoded). */
const nameDer = (cert: ParsedCertificate, which: 'issuer' | 'subject'): Uint8Array =>
  new Uint8Array(cert.pkijs[which].valueBeforeDecode)

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(b)

/** Certificates hold whole seconds; a tdate may carry a fraction of zero. */
const sameSecond = (a: Date, b: Date): boolean =>
  Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000)

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined || value.trim() === '' ? {} : { [key]: value.trim() }) as Partial<
    Record<K, string>
  >
