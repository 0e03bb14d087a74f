// Copies the public members of an asymmetric JWK, so a key is never imported with private parts.
import type { JWK } from 'jose'

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

export const hasPrivateMembers = (jwk: Record<string, unknown>): boolean =>
  privateMembers.some((name) => Object.hasOwn(jwk, name))

/** The public key of an EC, OKP or RSA JWK; undefined for any other key type or missing members. */
export function publicJwk(jwk: Record<string, unknown>): JWK | undefined {
  const crv = stringMember(jwk, 'crv')
  const x = stringMember(jwk, 'x')
  switch (jwk.kty) {
    case 'EC': {
      const y = stringMember(jwk, 'y')
      return crv && x && y ? { kty: 'EC', crv, x, y } : undefined
    }
    case 'OKP':
      return crv && x ? { kty: 'OKP', crv, x } : undefined
    case 'RSA': {
      const n = stringMember(jwk, 'n')
      const e = stringMember(jwk, 'e')
      return n && e ? { kty: 'RSA', n, e } : undefined
    }
    default:
      return undefined
  }
}

const stringMember = (jwk: Record<string, unknown>, name: string): string | undefined => {
  const value = jwk[name]
  return typeof value === 'string' ? value : undefined
}
