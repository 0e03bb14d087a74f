// Public keys as Node KeyObjects, cached: parsing a certificate or importing a JWK costs as much as a verification.
import { createHash, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto'

/** A small least-recently-used map with an explicit bound. */
class Lru<V> {
  readonly #entries = new Map<string, V>()
  constructor(readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  set(key: string, value: V): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
  }
}

/** Bounds of the caches: enough for every issuer and holder seen recently, never unbounded. */
export const publicKeyCacheLimits = { certificates: 4096, jwks: 16_384 }

const certificateKeys = new Lru<KeyObject>(publicKeyCacheLimits.certificates)
const jwkKeys = new Lru<KeyObject>(publicKeyCacheLimits.jwks)

/** The subject public key of a DER certificate (throws if it is no certificate). */
export function publicKeyOfCertificate(der: Uint8Array): KeyObject {
  const id = createHash('sha256').update(der).digest('base64url')
  let key = certificateKeys.get(id)
  if (key === undefined) {
    key = new X509Certificate(der).publicKey
    certificateKeys.set(id, key)
  }
  return key
}

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
