// Test bridges: in-memory store, sandbox ecosystems, and a clock the test can move.
import { resolveBridgeConfig } from '../../src/bridge/bridge-config.ts'
import { type Bridge, type BridgeOptions, openBridge } from '../../src/bridge/open-bridge.ts'
import { defaultPolicy, type VerifyPolicy } from '../../src/config.ts'
import type { SandboxContext } from '../../src/sandbox/issue-sandbox-credential.ts'
import type { Clock } from '../../src/util/clock.ts'

export interface MovableClock extends Clock {
  set(at: number | string): void
  advance(seconds: number): void
}

export function movableClock(start: number | string = Date.now()): MovableClock {
  let now = typeof start === 'number' ? start : Date.parse(start)
  return {
    now: () => now,
    set: (at) => {
      now = typeof at === 'number' ? at : Date.parse(at)
    },
    advance: (seconds) => {
      now += seconds * 1000
    },
  }
}

export async function openTestBridge(
  options: { clock?: Clock; policy?: Partial<VerifyPolicy> } & Omit<
    BridgeOptions,
    'policy' | 'clock'
  > = {},
): Promise<Bridge> {
  const config = { ...resolveBridgeConfig({}, {}), sandbox: true }
  const { clock, policy, ...rest } = options
  return openBridge(config, {
    inMemory: true,
    ...rest,
    ...(clock ? { clock } : {}),
    policy: { ...defaultPolicy, ...policy },
  })
}

/** The sandbox of a bridge opened with it (every test bridge is). */
export function sandboxOf(bridge: Bridge): SandboxContext {
  if (bridge.sandbox === undefined) throw new Error('this bridge was opened without the sandbox')
  return bridge.sandbox
}
