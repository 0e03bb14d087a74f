// Shared by the sandbox W3C tests: a test bridge on a clock they can move past a status list's ttl, and failure lines.
import { type MovableClock, movableClock, openTestBridge } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import type { VerificationReport } from '../../report/verification-report.ts'

/** Longer than the `ttl` of the sandbox Bitstring Status Lists (300 s), in seconds. */
const PAST_LIST_TTL_SEC = 301

export interface W3cTestBridge {
  bridge: Bridge
  clock: MovableClock
  verify(credential: string, relyingPartyFramework?: string): Promise<VerificationReport>
  /** A status change shows once the verifier's cached list expires: move past its ttl. */
  afterStatusChange(): void
}

export async function openW3cTestBridge(): Promise<W3cTestBridge> {
  const clock = movableClock()
  const bridge = await openTestBridge({ clock })
  return {
    bridge,
    clock,
    verify: (credential, relyingPartyFramework) =>
      bridge.verify({ credential, ...(relyingPartyFramework ? { relyingPartyFramework } : {}) }),
    afterStatusChange: () => clock.advance(PAST_LIST_TTL_SEC),
  }
}

/** The failing checks of a report, as `check: code message` lines, for assertion messages. */
export const failures = (report: VerificationReport): string =>
  report.checks
    .filter((c) => c.status === 'failed')
    .map((c) => `${c.check}: ${c.code} ${c.message}`)
    .join('\n')
