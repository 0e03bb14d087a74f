// Where the bridge keeps its state and how it presents itself, from flags and the environment.
import { resolve } from 'node:path'

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
}

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
  }
  if (env.DATABASE_URL) config.databaseUrl = env.DATABASE_URL
  return config
}
