// The reader's ephemeral private key as JSON (HTTP bodies, CLI options): a private EC JWK, the one kind device MAC keys agree with.
import { createPrivateKey, type KeyObject } from 'node:crypto'

/** The key, or `undefined` when `jwk` is no private EC (or X25519) JWK; the caller says why, never logging it. */
export function readerKeyFromJwk(jwk: unknown): KeyObject | undefined {
  try {
    const key = createPrivateKey({ key: jwk as never, format: 'jwk' })
    return key.asymmetricKeyType === 'ec' || key.asymmetricKeyType === 'x25519' ? key : undefined
  } catch {
    return undefined
  }
}
