// The bridge's `registry sync`: reads the sources file, runs one sync at a time, refreshes the registry.
import { join } from 'node:path'
import { KakehashiError } from '../errors.ts'
import type { RegistryCache } from '../registry/registry-snapshot.ts'
import type { Store } from '../store/store.ts'
import type { ProgressListener } from '../sync/source-outcome.ts'
import { readSourcesConfig, type SourcesConfig } from '../sync/sources-config.ts'
import { type SyncReport, syncSources } from '../sync/sync-sources.ts'
import type { Clock } from '../util/clock.ts'

export interface SyncRequest {
  /** A sources file; `KAKEHASHI_SOURCES`, then `<data dir>/sources.json`, when absent. */
  configPath?: string
  /** A configuration given whole (the command line's `--lotl …` shorthand). */
  config?: SourcesConfig
  only?: readonly string[]
  /** `operator:<name>`: recorded on every log entry the sync makes. */
  actor: string
  onProgress?: ProgressListener
}

export const defaultSourcesPath = (dataDir: string, env: NodeJS.ProcessEnv = process.env): string =>
  env.KAKEHASHI_SOURCES ?? join(dataDir, 'sources.json')

/** One sync at a time per bridge: a second request waits for the first rather than interleaving. */
export function bridgeSync(deps: {
  store: Store
  registry: RegistryCache
  clock: Clock
  dataDir: string
  allowPrivate: boolean
}): (request: SyncRequest) => Promise<SyncReport> {
  let running: Promise<unknown> = Promise.resolve()
  return (request) => {
    const run = running.then(async () => {
      const config =
        request.config ??
        (await readSourcesConfig(request.configPath ?? defaultSourcesPath(deps.dataDir)).catch(
          (error: unknown) => {
            if (error instanceof KakehashiError && request.configPath === undefined) {
              throw new KakehashiError(
                'sources.config_invalid',
                `${error.message}: write a sources file (see docs/sources.md) or pass --config`,
                error.detail,
              )
            }
            throw error
          },
        ))
      try {
        return await syncSources({
          store: deps.store,
          clock: deps.clock,
          config,
          actor: request.actor,
          allowPrivate: deps.allowPrivate,
          ...(request.only === undefined ? {} : { only: request.only }),
          ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
        })
      } finally {
        deps.registry.invalidate()
      }
    })
    running = run.catch(() => undefined)
    return run
  }
}
