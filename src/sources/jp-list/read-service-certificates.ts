// Parses every certificate a Japanese trust list names, once, and refuses one that binds two entities.
import { KakehashiError } from '../../errors.ts'
import { decodePemCertificates, parseDer } from '../../trust/x509/parse-certificate.ts'
import { BasicConstraintsExtension } from '../../trust/x509/x509-library.ts'
import type { JpTrustList } from './z-jp-trust-list.ts'

export interface ServiceCertificate {
  der: Uint8Array
  /** Lower-case hex SHA-256 of the DER. */
  fingerprint: string
  /** basicConstraints cA: a CA certificate is a trust anchor, any other is trusted as it is. */
  ca: boolean
  subject: string
  /** The certificate re-encoded as one canonical PEM block. */
  pem: string
}

export function readServiceCertificates(list: JpTrustList): Map<string, ServiceCertificate> {
  const byPem = new Map<string, ServiceCertificate>()
  const entityOf = new Map<string, string>()
  list.entities.forEach((entity, e) => {
    entity.services.forEach((service, s) => {
      service.certificates.forEach((text, c) => {
        const path = `entities.${e}.services.${s}.certificates.${c}`
        const certificate = byPem.get(text) ?? readOne(text, path)
        const holder = entityOf.get(certificate.fingerprint)
        if (holder !== undefined && holder !== entity.id) {
          throw new KakehashiError(
            'jp-list.certificate_invalid',
            `${path}: the certificate already identifies entity ${holder}; one certificate binds one entity`,
            { path, fingerprint: certificate.fingerprint },
          )
        }
        entityOf.set(certificate.fingerprint, entity.id)
        byPem.set(text, certificate)
      })
    })
  })
  return byPem
}

function readOne(text: string, path: string): ServiceCertificate {
  const blocks = decodePemCertificates(text)
  if (blocks.length !== 1) {
    throw new KakehashiError(
      'jp-list.certificate_invalid',
      `${path}: expected one PEM certificate, found ${blocks.length}`,
      { path },
    )
  }
  const parsed = parseDer(blocks[0] as Uint8Array)
  if (!parsed.ok) {
    throw new KakehashiError('jp-list.certificate_invalid', `${path}: ${parsed.message}`, { path })
  }
  const { cert } = parsed
  const base64 = Buffer.from(cert.der).toString('base64')
  return {
    der: cert.der,
    fingerprint: cert.fingerprint,
    ca: cert.certificate.getExtension(BasicConstraintsExtension)?.ca === true,
    subject: cert.certificate.subject.slice(0, 2000),
    pem: `-----BEGIN CERTIFICATE-----\n${base64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`,
  }
}
