// The composition root: one store, one registry cache, one verifier, and the sandbox, wired together.
import { mkdir } from 'node:fs/promises'
import {
  defaultLimits,
  limitsFromEnv,
  policyFromEnv,
  type VerifyLimits,
  type VerifyPolicy,
} from '../config.ts'
import { RegistryCache } from '../registry/registry-snapshot.ts'
import type { VerificationReport } from '../report/verification-report.ts'
import type { SandboxContext } from '../sandbox/issue-sandbox-credential.ts'
import { SandboxBitstringStatusListSource } from '../sandbox/sandbox-bitstring-lists.ts'
import { SandboxKeyring } from '../sandbox/sandbox-keyring.ts'
import { SandboxStatusListSource } from '../sandbox/sandbox-status-lists.ts'
import { seedSandbox } from '../sandbox/seed-sandbox.ts'
import {
  type BitstringStatusListSource,
  HttpBitstringStatusListSource,
} from '../status/bitstring-status-list/index.ts'
import type { StatusListSource } from '../status/token-status-list/check-token-status.ts'
import { HttpStatusListSource } from '../status/token-status-list/http-status-list-source.ts'
import { StatusListCache } from '../status/token-status-list/status-list-cache.ts'
import { openStore } from '../store/open-store.ts'
import type { Store } from '../store/store.ts'
import type { SyncReport } from '../sync/sync-sources.ts'
import { type Clock, systemClock } from '../util/clock.ts'
import { type VerifyRequest, verifyCredential } from '../verify/verify-credential.ts'
import { createW3cDeps } from '../verify/w3c-deps.ts'
import type { BridgeConfig } from './bridge-config.ts'
import { bridgeSync, type SyncRequest } from './bridge-sync.ts'
import { loadOperatorContexts, operatorContextsPath } from './operator-contexts.ts'

export interface Bridge {
  readonly config: BridgeConfig
  /** The data directory in use; absent for an in-memory bridge, which writes no files. */
  readonly dataDir?: string
  readonly store: Store
  readonly registry: RegistryCache
  readonly clock: Clock
  readonly policy: VerifyPolicy
  readonly limits: VerifyLimits
  /** Present when the sandbox ecosystems are enabled. */
  readonly sandbox?: SandboxContext
  verify(request: VerifyRequest): Promise<VerificationReport>
  /** Fetches, verifies and imports every configured source (`registry sync`). */
  sync(request: SyncRequest): Promise<SyncReport>
  close(): Promise<void>
}

export interface BridgeOptions {
  clock?: Clock
  policy?: VerifyPolicy
  limits?: VerifyLimits
  /** Keep everything in memory (tests): no data directory is written. */
  inMemory?: boolean
  /** Store schema on PostgreSQL (tests share one database). */
  schema?: string
}

export async function openBridge(
  config: BridgeConfig,
  options: BridgeOptions = {},
): Promise<Bridge> {
  const clock = options.clock ?? systemClock
  const policy = options.policy ?? policyFromEnv()
  const limits = options.limits ?? (options.inMemory ? defaultLimits : limitsFromEnv())
  const dataDir = options.inMemory ? undefined : config.dataDir
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const store = await openStore({
    ...(dataDir !== undefined ? { dataDir } : {}),
    ...(config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl } : {}),
    ...(options.schema !== undefined ? { schema: options.schema } : {}),
  })
  try {
    const registry = new RegistryCache(store, { clock })
    const http = new HttpStatusListSource({ policy, limits })
    let statusSource: StatusListSource = http
    const httpBitstring = new HttpBitstringStatusListSource({ policy, limits })
    let bitstringSource: BitstringStatusListSource = httpBitstring
    let sandbox: SandboxContext | undefined
    if (config.sandbox) {
      const keyring = await SandboxKeyring.load(dataDir)
      const seeded = await seedSandbox(store, await registry.get(), keyring, clock)
      if (seeded.length > 0) registry.invalidate()
      sandbox = { store, keyring, publicUrl: config.publicUrl, clock }
      statusSource = new SandboxStatusListSource(store, keyring, config.publicUrl, clock, http)
      bitstringSource = new SandboxBitstringStatusListSource(
        store,
        keyring,
        config.publicUrl,
        clock,
        httpBitstring,
      )
    }
    const w3c = createW3cDeps({
      policy,
      limits,
      clock,
      didMethods: ['key', 'jwk', 'web'],
      statusSource: bitstringSource,
      ...(dataDir !== undefined
        ? { extraContexts: await loadOperatorContexts(operatorContextsPath(dataDir)) }
        : {}),
    })
    const statusCache = new StatusListCache({ clock, policy })
    const deps = {
      registry,
      statusCache,
      statusSource,
      clock,
      policy,
      limits,
      staleSources: config.staleSources,
      w3c,
    }
    return {
      config,
      ...(dataDir !== undefined ? { dataDir } : {}),
      store,
      registry,
      clock,
      policy,
      limits,
      ...(sandbox ? { sandbox } : {}),
      verify: (request) => verifyCredential(request, deps),
      sync: bridgeSync({
        store,
        registry,
        clock,
        dataDir: config.dataDir,
        allowPrivate: policy.allowPrivateFetch,
      }),
      close: () => store.close(),
    }
  } catch (error) {
    await store.close()
    throw error
  }
}
