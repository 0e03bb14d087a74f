// Test fixtures: an ES256 status list signer and Status List Tokens built from it.

import type { webcrypto } from 'node:crypto'
import { CompactSign, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose'
import { encodeStatusList } from '../encode-status-list.ts'
import type { StatusListBits } from '../status-types.ts'

export interface Signer {
  publicKey: webcrypto.CryptoKey
  privateKey: webcrypto.CryptoKey
}

export async function newSigner(): Promise<Signer> {
  return generateKeyPair('ES256', { extractable: true })
}

export interface TokenOptions {
  sub: string
  statuses?: number[]
  bits?: StatusListBits
  iat?: number
  exp?: number
  ttl?: number
  typ?: string
  /** Replaces claims wholesale (after the defaults), `undefined` values removing them. */
  claims?: Record<string, unknown>
}

export async function signStatusListToken(signer: Signer, options: TokenOptions): Promise<string> {
  const payload: Record<string, unknown> = {
    sub: options.sub,
    iat: options.iat,
    status_list: {
      bits: options.bits ?? 2,
      lst: encodeStatusList(options.statuses ?? [0, 1, 2, 3], options.bits ?? 2),
    },
  }
  if (options.exp !== undefined) payload.exp = options.exp
  if (options.ttl !== undefined) payload.ttl = options.ttl
  for (const [name, value] of Object.entries(options.claims ?? {})) {
    if (value === undefined) delete payload[name]
    else payload[name] = value
  }
  return new SignJWT(payload as JWTPayload)
    .setProtectedHeader({
      alg: 'ES256',
      typ: options.typ ?? 'statuslist+jwt',
      jwk: await exportJWK(signer.publicKey),
    })
    .sign(signer.privateKey)
}

/** Signs arbitrary payload bytes, for payloads SignJWT would refuse to produce. */
export async function signRaw(
  signer: Signer,
  payload: Uint8Array,
  typ = 'statuslist+jwt',
): Promise<string> {
  return new CompactSign(payload).setProtectedHeader({ alg: 'ES256', typ }).sign(signer.privateKey)
}
