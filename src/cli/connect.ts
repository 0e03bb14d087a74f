// Opens the bridge a command works on: in this process, or the one already serving the data directory.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type BridgeConfig, resolveBridgeConfig } from '../bridge/bridge-config.ts'
import { readBridgeLock } from '../bridge/bridge-lock.ts'
import { openBridge } from '../bridge/open-bridge.ts'
import { type BridgeApi, localBridgeApi } from './bridge-api.ts'
import { remoteBridgeApi } from './remote-bridge-api.ts'

export interface ConnectFlags {
  dataDir?: string
}

export async function connect(
  flags: ConnectFlags,
): Promise<{ api: BridgeApi; config: BridgeConfig; remote?: string }> {
  const config = resolveBridgeConfig(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {})
  // The embedded store admits one process: when a bridge already serves it, ask that bridge.
  if (config.databaseUrl === undefined) {
    const lock = await readBridgeLock(config.dataDir)
    if (lock) {
      const token = await readFile(join(config.dataDir, 'operator-token'), 'utf8').then(
        (t) => t.trim(),
        () => process.env.KAKEHASHI_OPERATOR_TOKEN,
      )
      return { api: remoteBridgeApi(lock.url, token), config, remote: lock.url }
    }
  }
  return { api: localBridgeApi(await openBridge(config)), config }
}
