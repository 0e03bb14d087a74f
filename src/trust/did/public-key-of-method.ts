// The public key of a verification method, from `publicKeyJwk` or a Multikey `publicKeyMultibase`.
import type { KeyObject } from 'node:crypto'
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { publicKeyOfJwk } from '../../lib/jws/public-key-cache.ts'
import { DidResolutionError } from './did-error.ts'

/**
 * Multikey headers (base58btc of the multicodec prefix) this project reads: Ed25519 (`0xed01`),
 * P-256 and P-384 compressed points (`0x8024`, `0x8124`). Anything else is refused, not guessed.
 */
const multikeyCodecs: ReadonlyArray<{ header: string; library: MultikeyLibrary }> = [
  { header: 'z6Mk', library: Ed25519Multikey },
  { header: 'zDn', library: EcdsaMultikey },
  { header: 'z82', library: EcdsaMultikey },
]

interface MultikeyLibrary {
  from(key: { publicKeyMultibase: string }): Promise<unknown>
  toJwk(options: { keyPair: unknown }): Promise<Record<string, unknown>>
}

/** The JWK of a Multikey value, through the multikey libraries that define its encoding. */
export async function jwkOfMultikey(publicKeyMultibase: string): Promise<Record<string, unknown>> {
  const codec = multikeyCodecs.find(({ header }) => publicKeyMultibase.startsWith(header))
  if (codec === undefined)
    throw new DidResolutionError(
      'did.key_unsupported',
      `publicKeyMultibase ${publicKeyMultibase.slice(0, 8)}… is not an Ed25519, P-256 or P-384 Multikey`,
    )
  try {
    const keyPair = await codec.library.from({ publicKeyMultibase })
    return await codec.library.toJwk({ keyPair })
  } catch (error) {
    throw new DidResolutionError(
      'did.key_unsupported',
      `publicKeyMultibase is not a valid key: ${(error as Error).message}`,
      { cause: error },
    )
  }
}

/** `publicKeyJwk` must be public: a method that publishes private members is refused. */
function publicJwk(jwk: unknown): Record<string, unknown> {
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk))
    throw new DidResolutionError('did.document_invalid', 'publicKeyJwk is not an object')
  if ('d' in jwk || 'p' in jwk || 'k' in jwk)
    throw new DidResolutionError('did.key_unsupported', 'publicKeyJwk carries private key members')
  return jwk as Record<string, unknown>
}

export async function publicKeyOfMethod(method: Record<string, unknown>): Promise<KeyObject> {
  let jwk: Record<string, unknown>
  if (method.publicKeyJwk !== undefined) jwk = publicJwk(method.publicKeyJwk)
  else if (typeof method.publicKeyMultibase === 'string')
    jwk = await jwkOfMultikey(method.publicKeyMultibase)
  else
    throw new DidResolutionError(
      'did.key_unsupported',
      'the verification method has neither publicKeyJwk nor publicKeyMultibase',
    )
  try {
    return publicKeyOfJwk(jwk)
  } catch (error) {
    throw new DidResolutionError(
      'did.key_unsupported',
      `the verification method's key is not usable: ${(error as Error).message}`,
      { cause: error },
    )
  }
}
