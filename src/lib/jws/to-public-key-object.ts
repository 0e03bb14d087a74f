// One representation for every public key (JWK, WebCrypto CryptoKey, KeyObject): Node's KeyObject.
import { KeyObject, type webcrypto } from 'node:crypto'
import { isPlainObject } from '../parse-json.ts'
import { publicKeyOfJwk } from './public-key-cache.ts'

export type PublicKeyInput = KeyObject | webcrypto.CryptoKey | Record<string, unknown>

/** Throws TypeError for a private or secret key, or a JWK that is no public key. */
export function toPublicKeyObject(key: PublicKeyInput): KeyObject {
  if (key instanceof KeyObject) {
    if (key.type !== 'public') throw new TypeError('not a public key')
    return key
  }
  if (isPlainObject(key) && typeof key.kty === 'string') return publicKeyOfJwk(key)
  const cryptoKey = key as webcrypto.CryptoKey
  if (cryptoKey.type !== 'public') throw new TypeError('not a public key')
  return KeyObject.from(cryptoKey)
}
