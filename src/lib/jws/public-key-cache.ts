// Public keys as Node KeyObjects, cached: parsing a certificate or importing a JWK costs as much as a verification.
import { createPublicKey, hash, type KeyObject, X509Certificate } from 'node:crypto'
import { RecentlyUsed } from '../recently-used.ts'

/** Bounds of the caches: enough for every issuer and holder seen recently, never unbounded. */
export const publicKeyCacheLimits = { certificates: 4096, jwks: 16_384 }

const jwkKeys = new RecentlyUsed<KeyObject>(publicKeyCacheLimits.jwks)

/** What a verification needs of a certificate: its public key and its validity, parsed once. */
export interface CertificateFacts {
  publicKey: KeyObject
  notBeforeMs: number
  notAfterMs: number
}

const certificateFacts = new RecentlyUsed<CertificateFacts>(publicKeyCacheLimits.certificates)

/** The public key and validity of a DER certificate (throws if it is no certificate). */
export function factsOfCertificate(der: Uint8Array): CertificateFacts {
  const id = hash('sha256', der, 'base64url')
  let facts = certificateFacts.get(id)
  if (facts === undefined) {
    const certificate = new X509Certificate(der)
    facts = {
      publicKey: certificate.publicKey,
      notBeforeMs: Date.parse(certificate.validFrom),
      notAfterMs: Date.parse(certificate.validTo),
    }
    certificateFacts.set(id, facts)
  }
  return facts
}

/** The subject public key of a DER certificate (throws if it is no certificate). */
export const publicKeyOfCertificate = (der: Uint8Array): KeyObject =>
  factsOfCertificate(der).publicKey

const publicMembers = ['kty', 'crv', 'x', 'y', 'n', 'e'] as const

/** The public key of a JWK, from its public members only (throws if they do not form a key). */
export function publicKeyOfJwk(jwk: Record<string, unknown>): KeyObject {
  const members: Record<string, string> = {}
  for (const name of publicMembers) {
    const value = jwk[name]
    if (typeof value === 'string') members[name] = value
  }
  const id = JSON.stringify(members)
  let key = jwkKeys.get(id)
  if (key === undefined) {
    key = createPublicKey({ key: members, format: 'jwk' })
    jwkKeys.set(id, key)
  }
  return key
}
