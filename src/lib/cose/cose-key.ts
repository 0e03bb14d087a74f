// COSE_Key (RFC 9052 §7, RFC 9053 §7) to a Node public key, through its JWK form (RFC 7518 §6, RFC 8037).
import type { KeyObject } from 'node:crypto'
import { publicKeyOfJwk } from '../jws/public-key-cache.ts'
import { CoseError } from './cose-error.ts'

const KeyParameter = { kty: 1, crv: -1, x: -2, y: -3 } as const
const KeyType = { OKP: 1, EC2: 2 } as const
const ec2Curves = new Map<unknown, { crv: string; size: number }>([
  [1, { crv: 'P-256', size: 32 }],
  [2, { crv: 'P-384', size: 48 }],
  [3, { crv: 'P-521', size: 66 }],
])
const okpCurves = new Map<unknown, { crv: string; size: number }>([
  [6, { crv: 'Ed25519', size: 32 }],
])

const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')

/** The public JWK of an EC2 (uncompressed point) or OKP Ed25519 COSE_Key; anything else is refused. */
export function coseKeyToJwk(coseKey: unknown): Record<string, string> {
  if (!(coseKey instanceof Map)) throw new CoseError('cose.malformed', 'COSE_Key is not a map')
  const kty = coseKey.get(KeyParameter.kty)
  const x = coseKey.get(KeyParameter.x)
  if (kty === KeyType.EC2) {
    const curve = ec2Curves.get(coseKey.get(KeyParameter.crv))
    const y = coseKey.get(KeyParameter.y)
    if (curve === undefined)
      throw new CoseError('cose.key_unsupported', 'EC2 key on an unsupported curve')
    // A boolean y is point compression (RFC 9053 §7.1.1); JWK has no form for it.
    if (!(x instanceof Uint8Array) || !(y instanceof Uint8Array))
      throw new CoseError('cose.key_unsupported', 'EC2 key coordinates are not both byte strings')
    if (x.length !== curve.size || y.length !== curve.size)
      throw new CoseError(
        'cose.malformed',
        `EC2 ${curve.crv} coordinates must be ${curve.size} bytes`,
      )
    return { kty: 'EC', crv: curve.crv, x: b64u(x), y: b64u(y) }
  }
  if (kty === KeyType.OKP) {
    const curve = okpCurves.get(coseKey.get(KeyParameter.crv))
    if (curve === undefined)
      throw new CoseError('cose.key_unsupported', 'OKP key on an unsupported curve')
    if (!(x instanceof Uint8Array) || x.length !== curve.size)
      throw new CoseError('cose.malformed', `OKP ${curve.crv} key must be ${curve.size} bytes`)
    return { kty: 'OKP', crv: curve.crv, x: b64u(x) }
  }
  throw new CoseError('cose.key_unsupported', `COSE key type ${String(kty)} is not supported`)
}

/** The public key of a COSE_Key, cached by its JWK (importing costs as much as a verification). */
export function coseKeyToPublicKey(coseKey: unknown): KeyObject {
  const jwk = coseKeyToJwk(coseKey)
  try {
    return publicKeyOfJwk(jwk)
  } catch {
    throw new CoseError(
      'cose.malformed',
      'COSE_Key is not a valid public key (point not on the curve?)',
    )
  }
}
