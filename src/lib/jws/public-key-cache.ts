// Public keys as Node KeyObjects, cached: parsing a certificate or importing a JWK costs as much as a verification.
import { createPublicKey, hash, type KeyObject, X509Certificate } from 'node:crypto'

/**
 * A bounded map that keeps what was used recently, in two generations of at most `limit / 2`
 * entries: a hit in the old generation moves the entry to the young one, and a full young
 * generation becomes the old one, dropping the previous old one. A hit in the young generation
 * is a single lookup; a strict LRU re-inserts the entry into its Map on every read, which cost
 * more than the lookup on this hot path (measured).
 */
class RecentlyUsed<V> {
  #young = new Map<string, V>()
  #old = new Map<string, V>()
  readonly #generation: number

  constructor(limit: number) {
    this.#generation = Math.max(1, Math.floor(limit / 2))
  }

  get(key: string): V | undefined {
    const value = this.#young.get(key)
    if (value !== undefined) return value
    const old = this.#old.get(key)
    if (old !== undefined) {
      this.#old.delete(key)
      this.#add(key, old)
    }
    return old
  }

  set(key: string, value: V): void {
    this.#old.delete(key)
    this.#add(key, value)
  }

  #add(key: string, value: V): void {
    if (!this.#young.has(key) && this.#young.size >= this.#generation) {
      this.#old = this.#young
      this.#young = new Map()
    }
    this.#young.set(key, value)
  }
}

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
