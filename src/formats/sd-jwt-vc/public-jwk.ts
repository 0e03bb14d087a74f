// Copies the public members of an asymmetric JWK, so a key is never imported with private parts.
import type { JWK } from 'jose'

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

export const hasPrivateMembers = (jwk: Record<string, unknown>): boolean =>
  privateMembers.some((name) => Object.hasOwn(jwk, name))

/** The public key of an EC, OKP or RSA JWK; undefined for any other key type or missing members. */
export function publicJwk(jwk: Record<string, unknown>): JWK | undefined {
  const str = (name: string): string | undefined =>
    typeof jwk[name] === 'string' ? (jwk[name] as string) : undefined
  const crv = str('crv')
  const x = str('x')
  switch (jwk.kty) {
    case 'EC': {
      const y = str('y')
      return crv && x && y ? { kty: 'EC', crv, x, y } : undefined
    }
    case 'OKP':
      return crv && x ? { kty: 'OKP', crv, x } : undefined
    case 'RSA': {
      const n = str('n')
      const e = str('e')
      return n && e ? { kty: 'RSA', n, e } : undefined
    }
    default:
      return undefined
  }
}
