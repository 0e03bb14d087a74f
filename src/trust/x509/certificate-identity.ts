// A certificate found in a list, as a registry digital identity: a CA as a trust anchor, else an end-entity certificate.
import { createHash, X509Certificate } from 'node:crypto'
import type { z } from 'zod'
import type { zDigitalIdentity } from '../../model/index.ts'

/**
 * The identity of `der` for `entityId`, with its SHA-256 fingerprint and an id derived from it
 * (`<sourceId>:cert:<fingerprint prefix>`), so the same certificate keeps its id across versions.
 * Undefined when the bytes are not a certificate: a list still imports without it.
 *
 * Node's OpenSSL-backed reader is used because it reads the certificates of real lists that
 * stricter ASN.1 schemas refuse (odd SubjectAltName forms); only the CA flag and PEM are needed.
 */
export function certificateIdentity(
  der: Uint8Array,
  owner: { entityId: string; sourceId: string },
): z.input<typeof zDigitalIdentity> | undefined {
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(der)
  } catch {
    return undefined
  }
  const fingerprint = createHash('sha256').update(der).digest('hex')
  return {
    id: `${owner.sourceId}:cert:${fingerprint.slice(0, 32)}`,
    entityId: owner.entityId,
    kind: certificate.ca ? 'x509.trust_anchor' : 'x509.certificate',
    value: certificate.toString(),
    fingerprint,
    sourceId: owner.sourceId,
  }
}
