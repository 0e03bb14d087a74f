// The four cryptosuites of vc-di-eddsa and vc-di-ecdsa: canonicalization, hash and signature check per key.
import { type KeyObject, verify } from 'node:crypto'
import type { CryptosuiteName } from './data-integrity-codes.ts'

export type HashName = 'sha256' | 'sha384'

/** What a suite does with one key: the hash of both canonical forms, and the signature check. */
export interface SuiteKey {
  hash: HashName
  /** RDFC-1.0's hash function: vc-di-ecdsa §3 makes it follow the curve. */
  rdfcDigest: 'SHA-256' | 'SHA-384'
  /** Bytes of a signature in the suite's encoding (Ed25519 64, P-256 r‖s 64, P-384 r‖s 96). */
  signatureLength: number
  verify(hashData: Uint8Array, signature: Uint8Array): boolean
}

export interface Cryptosuite {
  name: CryptosuiteName
  canonicalization: 'rdfc' | 'jcs'
  /** The suite's use of `key`, or undefined when the key does not belong to the suite's curve. */
  keyUse(key: KeyObject): SuiteKey | undefined
}

/** vc-di-eddsa §3.2.7 / §3.3.7: Pure Ed25519 over the hash data, hashes in SHA-256. */
function eddsaKey(key: KeyObject): SuiteKey | undefined {
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') return undefined
  return {
    hash: 'sha256',
    rdfcDigest: 'SHA-256',
    signatureLength: 64,
    verify: (hashData, signature) => verify(null, hashData, key, signature),
  }
}

/**
 * vc-di-ecdsa §3.2.4 / §3.2.7: SHA-256 with P-256 and SHA-384 with P-384, for both hashes and for
 * the ECDSA digest of the hash data; signatures are IEEE P1363 (RFC 4754 §7).
 */
function ecdsaKey(key: KeyObject): SuiteKey | undefined {
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ec') return undefined
  const curve = key.asymmetricKeyDetails?.namedCurve
  const profile =
    curve === 'prime256v1'
      ? ({ hash: 'sha256', rdfcDigest: 'SHA-256', signatureLength: 64 } as const)
      : curve === 'secp384r1'
        ? ({ hash: 'sha384', rdfcDigest: 'SHA-384', signatureLength: 96 } as const)
        : undefined
  if (profile === undefined) return undefined
  return {
    ...profile,
    verify: (hashData, signature) =>
      verify(profile.hash, hashData, { key, dsaEncoding: 'ieee-p1363' }, signature),
  }
}

export const cryptosuites: ReadonlyMap<string, Cryptosuite> = new Map<string, Cryptosuite>([
  ['eddsa-rdfc-2022', { name: 'eddsa-rdfc-2022', canonicalization: 'rdfc', keyUse: eddsaKey }],
  ['eddsa-jcs-2022', { name: 'eddsa-jcs-2022', canonicalization: 'jcs', keyUse: eddsaKey }],
  ['ecdsa-rdfc-2019', { name: 'ecdsa-rdfc-2019', canonicalization: 'rdfc', keyUse: ecdsaKey }],
  ['ecdsa-jcs-2019', { name: 'ecdsa-jcs-2019', canonicalization: 'jcs', keyUse: ecdsaKey }],
])

export const allCryptosuites: readonly CryptosuiteName[] = [
  'eddsa-rdfc-2022',
  'eddsa-jcs-2022',
  'ecdsa-rdfc-2019',
  'ecdsa-jcs-2019',
]
