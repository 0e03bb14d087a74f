// The `_sd_alg` hash algorithms (IANA Named Information names) and the SD-JWT digest over them.
import { hash } from 'node:crypto'

// The SHA-2 family RFC 9901 names, and SHA-3, which the EUDI PID issuer uses (`sha3-256`).
const nodeHashNames = {
  'sha-256': 'sha256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
  'sha3-256': 'sha3-256',
  'sha3-384': 'sha3-384',
  'sha3-512': 'sha3-512',
} as const

export type SdHashAlgorithm = keyof typeof nodeHashNames

/** RFC 9901 §4.1.1: when `_sd_alg` is absent the digests are SHA-256. */
export const defaultSdHashAlgorithm: SdHashAlgorithm = 'sha-256'

export const supportedSdHashAlgorithms = Object.keys(nodeHashNames) as SdHashAlgorithm[]

export const isSupportedSdHashAlgorithm = (value: unknown): value is SdHashAlgorithm =>
  typeof value === 'string' && Object.hasOwn(nodeHashNames, value)

/** base64url(hash(ASCII(text))): the digest of a disclosure (§4.2.3) and the `sd_hash` (§4.3.1). */
export function sdDigest(text: string, alg: SdHashAlgorithm): string {
  return hash(nodeHashNames[alg], text, 'base64url')
}
