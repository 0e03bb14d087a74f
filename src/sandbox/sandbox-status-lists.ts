// The sandbox issuers' Token Status Lists: indices handed out at issuance, published as signed tokens.
import { randomInt } from 'node:crypto'
import { importJWK, SignJWT } from 'jose'
import { KakehashiError } from '../errors.ts'
import { RecentlyUsed } from '../lib/recently-used.ts'
import type { StatusListSource } from '../status/token-status-list/check-token-status.ts'
import { encodeStatusList } from '../status/token-status-list/encode-status-list.ts'
import type { Store } from '../store/store.ts'
import { type Clock, toSeconds } from '../util/clock.ts'
import type { SandboxKeyring } from './sandbox-keyring.ts'

/** 2 bits an entry, so that SUSPENDED (0x02) can be shown as well as INVALID (0x01). */
export const SANDBOX_STATUS_BITS = 2
/** Large enough that an index says little about who holds it. */
export const SANDBOX_STATUS_LIST_SIZE = 16_384
const STATUS_TOKEN_TTL_SEC = 300
const STATUS_TOKEN_LIFETIME_SEC = 24 * 3600

export const statusValues = { valid: 0, invalid: 1, suspended: 2 } as const
export type SandboxStatus = keyof typeof statusValues

export const sandboxStatusListUri = (publicUrl: string, issuerId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/sandbox/status/${issuerId}`

/**
 * A random free index: sequential ones would tell a verifier the order of issuance. `listId` is
 * the issuer id for its Token Status List; other lists of the issuer use ids of their own.
 */
export async function allocateStatusIndex(
  store: Store,
  listId: string,
  listSize: number = SANDBOX_STATUS_LIST_SIZE,
): Promise<number> {
  for (let attempt = 0; attempt < 32; attempt++) {
    const idx = randomInt(listSize)
    const { rows } = await store.query<{ idx: number }>(
      'INSERT INTO sandbox_status (issuer_id, idx, status) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING idx',
      [listId, idx],
    )
    if (rows.length === 1) return idx
  }
  throw new KakehashiError('input.limit_exceeded', `the sandbox status list ${listId} is full`)
}

export async function setSandboxStatus(
  store: Store,
  issuerId: string,
  idx: number,
  status: SandboxStatus,
): Promise<void> {
  const { rows } = await store.query(
    'UPDATE sandbox_status SET status = $3 WHERE issuer_id = $1 AND idx = $2 RETURNING idx',
    [issuerId, idx, statusValues[status]],
  )
  if (rows.length === 0) {
    throw new KakehashiError(
      'registry.not_found',
      `${issuerId} has issued no credential with status index ${idx}`,
    )
  }
}

/** Signs the issuer's current status list as a Status List Token (`typ: statuslist+jwt`). */
export async function createSandboxStatusListToken(
  store: Store,
  keyring: SandboxKeyring,
  issuerId: string,
  uri: string,
  clock: Clock,
): Promise<string> {
  const keys = keyring.get(issuerId)
  const { rows } = await store.query<{ idx: number; status: number }>(
    'SELECT idx, status FROM sandbox_status WHERE issuer_id = $1 AND status <> 0',
    [issuerId],
  )
  const statuses = new Uint8Array(SANDBOX_STATUS_LIST_SIZE)
  for (const row of rows) statuses[Number(row.idx)] = Number(row.status)
  const iat = toSeconds(clock.now())
  const key = await importJWK(keys.issuerPrivateJwk, 'ES256')
  return new SignJWT({
    status_list: {
      bits: SANDBOX_STATUS_BITS,
      lst: encodeStatusList(statuses, SANDBOX_STATUS_BITS),
    },
    ttl: STATUS_TOKEN_TTL_SEC,
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'statuslist+jwt', x5c: [keys.issuerCertBase64] })
    .setSubject(uri)
    .setIssuedAt(iat)
    .setExpirationTime(iat + STATUS_TOKEN_LIFETIME_SEC)
    .sign(key)
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The path of `uri` when it names this bridge: the public origin, or a loopback host on any port
 * (a credential issued while the bridge listened elsewhere still names this data directory's
 * lists), with no query or fragment. Undefined for every other URI.
 */
export function ownSandboxPath(uri: string, publicOrigin: string): string | undefined {
  // Asked on every status check of a sandbox credential; a URL parse is most of its cost.
  const key = `${publicOrigin} ${uri}`
  let path = ownPaths.get(key)
  if (path === undefined) {
    path = parseOwnPath(uri, publicOrigin) ?? null
    if (uri.length <= 2048) ownPaths.set(key, path)
  }
  return path ?? undefined
}
const ownPaths = new RecentlyUsed<string | null>(1024)

function parseOwnPath(uri: string, publicOrigin: string): string | undefined {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return undefined
  }
  if (url.search !== '' || url.hash !== '') return undefined
  if (url.origin !== publicOrigin && !loopbackHosts.has(url.hostname)) return undefined
  return url.pathname
}
const statusPath = /^\/sandbox\/status\/([a-z0-9-]+)$/

/**
 * Answers the bridge's own sandbox status URIs from the store, without a network round trip;
 * every other URI goes to `fallback`. "Own" is the sandbox path under the public URL, or under a
 * loopback host on any port: a credential issued while the bridge listened elsewhere still names
 * this data directory's lists. Answering is safe either way: the token is signed with the sandbox
 * issuer's key and verified like any other, so a foreign credential cannot pass with our list.
 */
export class SandboxStatusListSource implements StatusListSource {
  readonly #publicOrigin: string

  constructor(
    private readonly store: Store,
    private readonly keyring: SandboxKeyring,
    publicUrl: string,
    private readonly clock: Clock,
    private readonly fallback: StatusListSource,
  ) {
    this.#publicOrigin = new URL(publicUrl).origin
  }

  #issuerOf(uri: string): string | undefined {
    const path = ownSandboxPath(uri, this.#publicOrigin)
    const issuerId = path === undefined ? undefined : statusPath.exec(path)?.[1]
    return issuerId !== undefined && this.keyring.has(issuerId) ? issuerId : undefined
  }

  answersLocally(uri: string): boolean {
    return this.#issuerOf(uri) !== undefined
  }

  async fetchStatusListToken(uri: string): Promise<string> {
    const issuerId = this.#issuerOf(uri)
    if (issuerId === undefined) return this.fallback.fetchStatusListToken(uri)
    return createSandboxStatusListToken(this.store, this.keyring, issuerId, uri, this.clock)
  }
}
