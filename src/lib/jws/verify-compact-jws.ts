// Checks the signature of a compact JWS (`<header>.<payload>.<signature>`) whose `alg` the caller already vetted.
import type { KeyObject } from 'node:crypto'
import { JwsKeyMismatch, verifyJwsSignature } from './verify-jws-signature.ts'

export type CompactJwsSignatureResult =
  | { ok: true }
  | { ok: false; reason: 'signature' | 'key' | 'malformed'; message: string }

export function verifyCompactJwsSignature(
  jws: string,
  alg: string,
  key: KeyObject,
): CompactJwsSignatureResult {
  const last = jws.lastIndexOf('.')
  const first = jws.indexOf('.')
  if (first <= 0 || last === first || jws.indexOf('.', first + 1) !== last) {
    return { ok: false, reason: 'malformed', message: 'not a compact JWS of three parts' }
  }
  try {
    return verifyJwsSignature(alg, key, jws.slice(0, last), jws.slice(last + 1))
      ? { ok: true }
      : { ok: false, reason: 'signature', message: `the ${alg} signature does not verify` }
  } catch (error) {
    if (error instanceof JwsKeyMismatch) return { ok: false, reason: 'key', message: error.message }
    throw error
  }
}
