// Where the bridge keeps its state and how it presents itself, from flags and the environment.
import { resolve } from 'node:path'
import { KakehashiError } from '../errors.ts'
import type { StaleSourcePolicy } from '../registry/queries/source-freshness.ts'

export interface BridgeConfig {
  /** Holds the embedded database (unless `databaseUrl`), the sandbox keys and the operator token. */
  dataDir: string
  /** A PostgreSQL server; the embedded PGlite store is used when absent. */
  databaseUrl?: string
  /** The URL this bridge is reached at: sandbox status lists are published under it. */
  publicUrl: string
  host: string
  port: number
  /** Create and serve the sandbox EU and Japanese ecosystems. */
  sandbox: boolean
  /**
   * Whether a fact from a source past its NextUpdate still counts (`accept`) or answers "stale"
   * (`refuse`, the default): `KAKEHASHI_STALE_SOURCES`.
   */
  staleSources: StaleSourcePolicy
  /**
   * While serving, sync the sources file every this many seconds (`KAKEHASHI_SYNC_INTERVAL_SEC`,
   * an hour by default); 0 turns scheduled syncs off.
   */
  syncIntervalSec: number
}

export const DEFAULT_SYNC_INTERVAL_SEC = 3600

export const DEFAULT_PORT = 8787

export function resolveBridgeConfig(
  flags: { dataDir?: string; port?: number; host?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): BridgeConfig {
  const port = flags.port ?? (env.PORT ? Number(env.PORT) : DEFAULT_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new TypeError(`invalid port: ${String(port)}`)
  const config: BridgeConfig = {
    dataDir: resolve(flags.dataDir ?? env.KAKEHASHI_DATA_DIR ?? '.kakehashi'),
    publicUrl: (env.KAKEHASHI_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    port,
    sandbox: env.KAKEHASHI_SANDBOX !== '0',
    staleSources: staleSourcesFrom(env.KAKEHASHI_STALE_SOURCES),
    syncIntervalSec: syncIntervalFrom(env.KAKEHASHI_SYNC_INTERVAL_SEC),
  }
  if (env.DATABASE_URL) config.databaseUrl = env.DATABASE_URL
  return config
}

function staleSourcesFrom(raw: string | undefined): StaleSourcePolicy {
  if (raw === undefined || raw === '' || raw === 'refuse') return 'refuse'
  if (raw === 'accept') return 'accept'
  throw new KakehashiError(
    'config.invalid',
    `KAKEHASHI_STALE_SOURCES must be refuse or accept, not ${JSON.stringify(raw)}`,
  )
}

/** Whole seconds, 0 (off) or at least 10: a shorter interval would only hammer the publishers. */
function syncIntervalFrom(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_SYNC_INTERVAL_SEC
  const seconds = Number(raw)
  if (!Number.isInteger(seconds) || (seconds !== 0 && seconds < 10) || seconds > 30 * 86_400)
    throw new KakehashiError(
      'config.invalid',
      `KAKEHASHI_SYNC_INTERVAL_SEC must be 0 or whole seconds from 10 to 2592000, not ${JSON.stringify(raw)}`,
    )
  return seconds
}
