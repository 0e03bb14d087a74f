// Every size, count, time and policy limit of verification, with its default; all are configurable.

export interface VerifyLimits {
  /** Largest credential or presentation accepted, in bytes. */
  maxInputBytes: number
  maxDisclosures: number
  /** Deepest nesting of JSON objects and arrays in a payload or disclosure. */
  maxJsonDepth: number
  maxX5cCertificates: number
  /** Largest status list token fetched, in bytes. */
  maxStatusListBytes: number
  /** Largest decompressed status list, in bytes. */
  maxStatusListInflatedBytes: number
  /** Deepest nesting of CBOR arrays, maps and tags (mdoc), embedded items included. */
  maxCborDepth: number
  /** Most CBOR data items in one input, embedded items included. */
  maxCborItems: number
  /** Most data elements one mdoc document may return. */
  maxMdocElements: number
}

export interface VerifyPolicy {
  /** Tolerated clock difference for `iat`/`nbf`/`exp`, in seconds. */
  clockSkewSec: number
  /** How old a Key Binding JWT may be, in seconds. */
  kbMaxAgeSec: number
  /** JWS algorithms accepted for issuer, key binding and status list signatures. */
  allowedAlgorithms: readonly string[]
  /** Timeout of one status list fetch, in milliseconds. */
  fetchTimeoutMs: number
  /** Longest a status list is cached, in seconds, whatever its `ttl` says. */
  statusListMaxCacheSec: number
  /** Let fetches reach loopback and private addresses (tests, local sandboxes). */
  allowPrivateFetch: boolean
}

export const defaultLimits: VerifyLimits = {
  maxInputBytes: 256 * 1024,
  maxDisclosures: 512,
  maxJsonDepth: 32,
  maxX5cCertificates: 8,
  maxStatusListBytes: 2 * 1024 * 1024,
  maxStatusListInflatedBytes: 16 * 1024 * 1024,
  maxCborDepth: 32,
  maxCborItems: 50_000,
  maxMdocElements: 512,
}

export const defaultPolicy: VerifyPolicy = {
  clockSkewSec: 60,
  kbMaxAgeSec: 300,
  allowedAlgorithms: ['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'PS256', 'PS384', 'PS512'],
  fetchTimeoutMs: 5000,
  statusListMaxCacheSec: 3600,
  allowPrivateFetch: false,
}

/** Reads the environment's overrides: `KAKEHASHI_ALLOW_PRIVATE_FETCH=1`, `KAKEHASHI_CLOCK_SKEW_SEC`, … */
export function policyFromEnv(env: NodeJS.ProcessEnv = process.env): VerifyPolicy {
  const int = (name: string, fallback: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < 0)
      throw new TypeError(`${name} must be a non-negative integer`)
    return value
  }
  return {
    ...defaultPolicy,
    clockSkewSec: int('KAKEHASHI_CLOCK_SKEW_SEC', defaultPolicy.clockSkewSec),
    kbMaxAgeSec: int('KAKEHASHI_KB_MAX_AGE_SEC', defaultPolicy.kbMaxAgeSec),
    fetchTimeoutMs: int('KAKEHASHI_FETCH_TIMEOUT_MS', defaultPolicy.fetchTimeoutMs),
    allowPrivateFetch: env.KAKEHASHI_ALLOW_PRIVATE_FETCH === '1',
  }
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): VerifyLimits {
  const out = { ...defaultLimits }
  for (const key of Object.keys(out) as (keyof VerifyLimits)[]) {
    const name = `KAKEHASHI_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isInteger(value) || value <= 0)
      throw new TypeError(`${name} must be a positive integer`)
    out[key] = value
  }
  return out
}
