// The sandbox universities' W3C Bitstring Status Lists (revocation): indices handed out at issuance, published as signed list credentials.
import { gzipSync } from 'node:zlib'
import { KakehashiError } from '../errors.ts'
import { VCDM2_CONTEXT } from '../formats/w3c-vc/data-model.ts'
import type { BitstringStatusListSource } from '../status/bitstring-status-list/index.ts'
import { minimumNumberOfEntries } from '../status/bitstring-status-list/index.ts'
import type { Store } from '../store/store.ts'
import type { Clock } from '../util/clock.ts'
import type { SandboxKeyring } from './sandbox-keyring.ts'
import { allocateStatusIndex, ownSandboxPath, setSandboxStatus } from './sandbox-status-lists.ts'
import type { SandboxW3cSecuring } from './sandbox-w3c-credentials.ts'
import type { SandboxW3cKeys } from './sandbox-w3c-keys.ts'
import { isoSeconds, signDataIntegrity, signVcJwt } from './secure-sandbox-w3c.ts'

/** The Recommendation's minimum (§3.2 step 2): 16 KB of bits, so an index says little about its holder. */
export const SANDBOX_BITSTRING_LIST_SIZE = minimumNumberOfEntries
/** `ttl` of the published lists, and how long each list credential is valid. */
const LIST_TTL_MS = 300_000
const LIST_LIFETIME_MS = 24 * 3600_000

export type SandboxBitstringStatus = 'valid' | 'invalid'

/**
 * One index space per university for all its W3C credentials, kept in the sandbox status table
 * under an id no issuer id can take (issuer ids have no dot).
 */
export const bitstringListId = (issuerId: string): string => `${issuerId}.w3c`

/**
 * The list is published twice, once per securing mechanism: a list must be issued by the
 * credential's own issuer, and the university issues Data Integrity credentials as its did:key
 * and `vc+jwt` ones as its did:jwk.
 */
const securingPaths: Record<SandboxW3cSecuring, string> = {
  'data-integrity': 'di',
  jose: 'jose',
}

export const sandboxBitstringListUrl = (
  publicUrl: string,
  issuerId: string,
  securing: SandboxW3cSecuring,
): string =>
  `${publicUrl.replace(/\/+$/, '')}/sandbox/bitstring/${issuerId}/${securingPaths[securing]}`

export const allocateBitstringIndex = (store: Store, issuerId: string): Promise<number> =>
  allocateStatusIndex(store, bitstringListId(issuerId), SANDBOX_BITSTRING_LIST_SIZE)

/** Revokes (`invalid`) or reinstates (`valid`) a W3C credential; the lists serve revocation only. */
export async function setSandboxBitstringStatus(
  store: Store,
  issuerId: string,
  idx: number,
  status: SandboxBitstringStatus,
): Promise<void> {
  if (status !== 'valid' && status !== 'invalid')
    throw new KakehashiError(
      'usage.invalid',
      `the W3C status lists serve revocation only: valid or invalid, not ${String(status)}`,
    )
  await setSandboxStatus(store, bitstringListId(issuerId), idx, status)
}

/** A `BitstringStatusListEntry` for index `idx` (§2.1): the index as a base-10 string. */
export const bitstringStatusEntry = (url: string, idx: number): Record<string, unknown> => ({
  id: `${url}#${idx}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: String(idx),
  statusListCredential: url,
})

/** §3.3: the bits (index 0 the left-most), GZIP, then multibase base64url without padding. */
async function encodedListOf(store: Store, issuerId: string): Promise<string> {
  const { rows } = await store.query<{ idx: number }>(
    'SELECT idx FROM sandbox_status WHERE issuer_id = $1 AND status <> 0',
    [bitstringListId(issuerId)],
  )
  const bits = new Uint8Array(SANDBOX_BITSTRING_LIST_SIZE / 8)
  for (const row of rows) {
    const idx = Number(row.idx)
    if (idx >= SANDBOX_BITSTRING_LIST_SIZE) continue
    bits[idx >> 3] = (bits[idx >> 3] as number) | (0x80 >> (idx & 7))
  }
  return `u${gzipSync(bits).toString('base64url')}`
}

function w3cKeysOf(keyring: SandboxKeyring, issuerId: string): SandboxW3cKeys {
  const keys = keyring.get(issuerId).w3c
  if (keys === undefined)
    throw new KakehashiError(
      'usage.invalid',
      `the sandbox issuer ${issuerId} issues no W3C credential`,
    )
  return keys
}

/**
 * The issuer's current list as a `BitstringStatusListCredential` (§2.2), signed like its
 * credentials: JSON text with a Data Integrity proof, or a compact `vc+jwt`.
 */
export async function createSandboxStatusListCredential(
  store: Store,
  keyring: SandboxKeyring,
  issuerId: string,
  securing: SandboxW3cSecuring,
  url: string,
  clock: Clock,
): Promise<string> {
  const keys = w3cKeysOf(keyring, issuerId)
  const nowMs = Math.floor(clock.now() / 1000) * 1000
  const credential = {
    '@context': [VCDM2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: securing === 'data-integrity' ? keys.didKey : keys.didJwk,
    validFrom: isoSeconds(nowMs),
    validUntil: isoSeconds(nowMs + LIST_LIFETIME_MS),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: await encodedListOf(store, issuerId),
      ttl: LIST_TTL_MS,
    },
  }
  if (securing === 'jose') return signVcJwt(credential, keys)
  return JSON.stringify(await signDataIntegrity(credential, keys, nowMs))
}

const listPath = /^\/sandbox\/bitstring\/([a-z0-9-]+)\/(di|jose)$/
const securingOfPath = new Map<string, SandboxW3cSecuring>(
  Object.entries(securingPaths).map(([securing, path]) => [path, securing as SandboxW3cSecuring]),
)

/** The securing mechanism a list URL's last path segment (`di`, `jose`) names. */
export const securingOfListPath = (segment: string): SandboxW3cSecuring | undefined =>
  securingOfPath.get(segment)

/**
 * Answers the bridge's own sandbox list URLs from the store, with no network round trip; every
 * other URL goes to `fallback`. "Own" is as for the Token Status Lists: the sandbox path under the
 * public URL, or under a loopback host on any port. The answer is verified like any fetched list
 * (its proof, by a key of the credential's own issuer), so it cannot vouch for a foreign credential.
 */
export class SandboxBitstringStatusListSource implements BitstringStatusListSource {
  readonly #publicOrigin: string

  constructor(
    private readonly store: Store,
    private readonly keyring: SandboxKeyring,
    publicUrl: string,
    private readonly clock: Clock,
    private readonly fallback: BitstringStatusListSource,
  ) {
    this.#publicOrigin = new URL(publicUrl).origin
  }

  #listOf(url: string): { issuerId: string; securing: SandboxW3cSecuring } | undefined {
    const path = ownSandboxPath(url, this.#publicOrigin)
    const match = path === undefined ? null : listPath.exec(path)
    const issuerId = match?.[1]
    const securing = securingOfListPath(match?.[2] ?? '')
    if (issuerId === undefined || securing === undefined || !this.keyring.has(issuerId))
      return undefined
    return this.keyring.get(issuerId).w3c === undefined ? undefined : { issuerId, securing }
  }

  answersLocally(url: string): boolean {
    return this.#listOf(url) !== undefined
  }

  async fetchStatusListCredential(url: string): Promise<string> {
    const list = this.#listOf(url)
    if (list === undefined) return this.fallback.fetchStatusListCredential(url)
    return createSandboxStatusListCredential(
      this.store,
      this.keyring,
      list.issuerId,
      list.securing,
      url,
      this.clock,
    )
  }
}
