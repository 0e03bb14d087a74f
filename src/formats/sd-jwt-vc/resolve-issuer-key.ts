// Finds the key the issuer JWT must verify with: the one given by value, or that of `x5c[0]`.
import type { VerifyLimits } from '../../config.ts'
import { decodeBase64 } from '../../lib/base64.ts'
import { publicJwk } from '../../lib/jws/public-jwk.ts'
import { publicKeyOfCertificate } from '../../lib/jws/public-key-cache.ts'
import { isPlainObject } from '../../lib/parse-json.ts'
import type { IssuerKey } from './types.ts'

export type ResolvedIssuerKey = {
  key: IssuerKey
  source: 'x5c' | 'issuerKey'
  /** The `x5c` certificates as DER, whichever key was used. */
  x5c: Uint8Array[]
}

export type ResolveIssuerKeyResult =
  | ({ ok: true } & ResolvedIssuerKey)
  | {
      ok: false
      code: 'trust.key_unresolved' | 'trust.chain_invalid' | 'input.too_large'
      message: string
    }

/** Decodes `x5c` (RFC 7515 §4.1.6: base64 DER, leaf first) and picks the verification key. */
export function resolveIssuerKey(
  header: Record<string, unknown>,
  issuerKey: IssuerKey | undefined,
  limits: VerifyLimits,
): ResolveIssuerKeyResult {
  let x5c: Uint8Array[] = []
  if (Object.hasOwn(header, 'x5c')) {
    const raw = header.x5c
    if (!Array.isArray(raw) || raw.length === 0) {
      return {
        ok: false,
        code: 'trust.chain_invalid',
        message: '`x5c` is not a non-empty array',
      }
    }
    if (raw.length > limits.maxX5cCertificates) {
      return {
        ok: false,
        code: 'input.too_large',
        message: `\`x5c\` holds ${raw.length} certificates, more than the limit of ${limits.maxX5cCertificates}`,
      }
    }
    const decoded: Uint8Array[] = []
    for (const [index, entry] of raw.entries()) {
      const der = typeof entry === 'string' ? decodeBase64(entry) : undefined
      if (der === undefined) {
        return {
          ok: false,
          code: 'trust.chain_invalid',
          message: `x5c[${index}] is not a base64 (RFC 7515 §4.1.6, not base64url) DER certificate`,
        }
      }
      decoded.push(der)
    }
    x5c = decoded
  }

  if (issuerKey !== undefined) {
    // A JWK always has `kty`; a CryptoKey or KeyObject never does.
    if (isPlainObject(issuerKey) && Object.hasOwn(issuerKey, 'kty')) {
      const jwk = publicJwk(issuerKey)
      if (jwk === undefined) {
        return {
          ok: false,
          code: 'trust.key_unresolved',
          message: 'the issuer key given by value is not an EC, OKP or RSA public JWK',
        }
      }
      return { ok: true, key: jwk, source: 'issuerKey', x5c }
    }
    return { ok: true, key: issuerKey, source: 'issuerKey', x5c }
  }

  const leaf = x5c[0]
  if (leaf === undefined) {
    return {
      ok: false,
      code: 'trust.key_unresolved',
      message: 'the issuer JWT has no `x5c`, and no other way to find the issuer key is enabled',
    }
  }
  try {
    return { ok: true, key: publicKeyOfCertificate(leaf), source: 'x5c', x5c }
  } catch (error) {
    return {
      ok: false,
      code: 'trust.chain_invalid',
      message: `x5c[0] is not an X.509 certificate: ${(error as Error).message}`,
    }
  }
}
