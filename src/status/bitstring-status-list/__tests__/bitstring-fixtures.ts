// Test fixtures: bitstrings built with node:zlib, list credentials around them, a counting source and a verifier stub.
import { gzipSync } from 'node:zlib'
import { defaultPolicy, type VerifyPolicy } from '../../../config.ts'
import { type Check, CheckList } from '../../../report/check-list.ts'
import type { Clock } from '../../../util/clock.ts'
import { BitstringStatusListCache } from '../bitstring-status-list-cache.ts'
import type { BitstringStatusListSource } from '../bitstring-status-list-source.ts'
import {
  type CheckBitstringStatusDeps,
  checkBitstringStatus,
  type VerifyListCredential,
} from '../check-bitstring-status.ts'

export const issuer = 'did:example:issuer'
export const start = Date.parse('2026-03-01T00:00:00Z')

/** A zeroed bitstring of `bitLength` bits (a multiple of 8). */
export const zeroBits = (bitLength = 131_072): Uint8Array => new Uint8Array(bitLength / 8)

/** Writes `value` in `size` bits at entry `index`, its first bit the most significant (left-most). */
export function setEntry(bytes: Uint8Array, index: number, value: number, size = 1): Uint8Array {
  for (let b = 0; b < size; b++) {
    const bit = index * size + b
    const on = (value >> (size - 1 - b)) & 1
    const mask = 0x80 >> (bit % 8)
    const at = Math.floor(bit / 8)
    bytes[at] = on ? (bytes[at] as number) | mask : (bytes[at] as number) & ~mask
  }
  return bytes
}

/** §3.3 step 3: GZIP, then multibase base64url without padding (`u`). */
export const encodeList = (bytes: Uint8Array): string => `u${gzipSync(bytes).toString('base64url')}`

export function listCredential(
  url: string,
  encodedList: string,
  options: {
    statusPurpose?: string | string[]
    ttl?: number
    validFrom?: string
    validUntil?: string
    issuer?: string
  } = {},
): Record<string, unknown> {
  const credential: Record<string, unknown> = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer ?? issuer,
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.statusPurpose ?? 'revocation',
      encodedList,
      ...(options.ttl !== undefined ? { ttl: options.ttl } : {}),
    },
  }
  if (options.validFrom !== undefined) credential.validFrom = options.validFrom
  if (options.validUntil !== undefined) credential.validUntil = options.validUntil
  return credential
}

/** Serves list credentials from memory, counting fetches; a URL without a list fails to fetch. */
export class MemorySource implements BitstringStatusListSource {
  readonly lists = new Map<string, string>()
  readonly fetches = new Map<string, number>()

  publish(url: string, credential: Record<string, unknown> | string): string {
    this.lists.set(url, typeof credential === 'string' ? credential : JSON.stringify(credential))
    return url
  }

  async fetchStatusListCredential(url: string): Promise<string> {
    this.fetches.set(url, (this.fetches.get(url) ?? 0) + 1)
    await new Promise((resolve) => setImmediate(resolve))
    const text = this.lists.get(url)
    if (text === undefined) throw new Error('connection refused')
    return text
  }

  answersLocally(): boolean {
    return false
  }
}

/**
 * Stands in for the securing mechanism's verifier: the proof is taken as verified and the issuer
 * read from the credential. What proofs are is not this module's concern.
 */
export const acceptingVerifier: VerifyListCredential = async (fetched) => {
  const credential = JSON.parse(fetched) as Record<string, unknown>
  const named = credential.issuer
  const id =
    typeof named === 'string' ? named : ((named as Record<string, unknown> | undefined)?.id ?? '')
  return { ok: true, credential, issuer: String(id) }
}

export function movableClock(ms = start): Clock & { set(ms: number): void } {
  let now = ms
  return { now: () => now, set: (next) => (now = next) }
}

export const policy: VerifyPolicy = { ...defaultPolicy, statusListMaxCacheSec: 3600 }

export function depsFor(
  source: MemorySource,
  overrides: Partial<CheckBitstringStatusDeps> = {},
): CheckBitstringStatusDeps {
  const clock = overrides.clock ?? movableClock()
  return {
    issuer,
    clock,
    policy,
    limits: { maxStatusListInflatedBytes: 1024 * 1024 },
    cache: new BitstringStatusListCache({ clock, policy, maxEntries: 16 }),
    source,
    verifyListCredential: acceptingVerifier,
    ...overrides,
  }
}

export async function checksOf(
  credentialStatus: unknown,
  deps: CheckBitstringStatusDeps,
): Promise<Check[]> {
  const checks = new CheckList()
  await checkBitstringStatus(credentialStatus, deps, checks)
  return checks.toArray()
}

export async function checkOne(
  credentialStatus: unknown,
  deps: CheckBitstringStatusDeps,
): Promise<Check> {
  const all = await checksOf(credentialStatus, deps)
  if (all.length !== 1) throw new Error(`expected one status.check, got ${all.length}`)
  return all[0] as Check
}

export const entry = (
  url: string,
  statusListIndex: string | number,
  more: Record<string, unknown> = {},
): Record<string, unknown> => ({
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex,
  statusListCredential: url,
  ...more,
})
