// Verifies a signed JWT of the federation (entity statement, trust mark, delegation) with a given key set.
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, errors } from 'jose'
import type { z } from 'zod'
import { KakehashiError } from '../../errors.ts'
import { parseJson } from '../../lib/parse-json.ts'
import type { Clock } from '../../util/clock.ts'
import { toSeconds } from '../../util/clock.ts'
import type { Jwks } from './z-entity-statement.ts'

/** Asymmetric JWS algorithms only: never `none`, never a MAC a verifier would have to share. */
export const FEDERATION_ALGORITHMS = [
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'RS256',
  'RS384',
  'RS512',
  'EdDSA',
  'Ed25519',
]

/** Largest signed JWT accepted, in bytes: statements carry metadata and keys, not documents. */
export const DEFAULT_MAX_STATEMENT_BYTES = 64 * 1024
const MAX_JSON_DEPTH = 16
/** Tolerance for clocks that disagree a little on `iat` and `exp`, in seconds. */
export const CLOCK_TOLERANCE_SEC = 60

export interface DecodedJwt<T> {
  jwt: string
  header: { alg: string; kid: string; typ: string }
  claims: T
}

/**
 * Decodes `jwt` without trusting it: size, compact form, `typ`, an allowed `alg`, a `kid`, and the
 * claims against `schema`. Every failure is `oidfed.malformed` (or `oidfed.too_large`).
 */
export function decodeFederationJwt<S extends z.ZodType>(
  jwt: string,
  expectedTyp: string,
  schema: S,
  what: string,
  maxBytes = DEFAULT_MAX_STATEMENT_BYTES,
): DecodedJwt<z.infer<S>> {
  if (Buffer.byteLength(jwt, 'utf8') > maxBytes) {
    throw new KakehashiError('oidfed.too_large', `${what} exceeds ${maxBytes} bytes`, { maxBytes })
  }
  const parts = jwt.split('.')
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw new KakehashiError('oidfed.malformed', `${what} is not a compact JWS`)
  }
  let header: Record<string, unknown>
  try {
    header = decodeProtectedHeader(jwt) as Record<string, unknown>
  } catch {
    throw new KakehashiError('oidfed.malformed', `${what} has an unreadable header`)
  }
  if (header.typ !== expectedTyp) {
    throw new KakehashiError(
      'oidfed.malformed',
      `${what} has typ ${String(header.typ)}, not ${expectedTyp}`,
    )
  }
  if (typeof header.alg !== 'string' || !FEDERATION_ALGORITHMS.includes(header.alg)) {
    throw new KakehashiError('oidfed.malformed', `${what} uses alg ${String(header.alg)}, refused`)
  }
  if (typeof header.kid !== 'string' || header.kid === '') {
    throw new KakehashiError('oidfed.malformed', `${what} names no kid`)
  }
  const json = parseJson(
    Buffer.from(parts[1] as string, 'base64url').toString('utf8'),
    MAX_JSON_DEPTH,
  )
  if (!json.ok) throw new KakehashiError('oidfed.malformed', `${what}: ${json.message}`)
  const parsed = schema.safeParse(json.value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new KakehashiError(
      'oidfed.malformed',
      `${what}: ${issue?.path.join('.') || '(claims)'}: ${issue?.message ?? 'invalid'}`,
    )
  }
  return {
    jwt,
    header: { alg: header.alg, kid: header.kid, typ: header.typ },
    claims: parsed.data,
  }
}

/** Verifies the signature of `jwt` with a key of `jwks` (selected by `kid`); `oidfed.signature_invalid` otherwise. */
export async function verifyFederationSignature(
  jwt: string,
  jwks: Jwks,
  what: string,
): Promise<void> {
  try {
    await compactVerify(jwt, createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]), {
      algorithms: FEDERATION_ALGORITHMS,
    })
  } catch (error) {
    const reason =
      error instanceof errors.JWKSNoMatchingKey
        ? 'no key of the signer matches its kid'
        : error instanceof errors.JWSSignatureVerificationFailed
          ? 'the signature does not verify'
          : error instanceof errors.JOSEError
            ? error.code
            : 'the signature cannot be checked'
    throw new KakehashiError('oidfed.signature_invalid', `${what}: ${reason}`, undefined, {
      cause: error,
    })
  }
}

/** `iat` not in the future and `exp` (when required or present) not past, within the tolerance. */
export function checkJwtTime(
  claims: { iat: number; exp?: number | undefined },
  clock: Clock,
  what: string,
): void {
  const now = toSeconds(clock.now())
  if (claims.iat > now + CLOCK_TOLERANCE_SEC) {
    throw new KakehashiError('oidfed.not_yet_valid', `${what} is issued in the future`, {
      iat: claims.iat,
    })
  }
  if (claims.exp !== undefined && claims.exp <= now - CLOCK_TOLERANCE_SEC) {
    throw new KakehashiError(
      'oidfed.expired',
      `${what} expired at ${new Date(claims.exp * 1000).toISOString()}`,
      { exp: claims.exp },
    )
  }
}
