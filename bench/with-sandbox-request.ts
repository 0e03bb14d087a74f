// The frame of a verification benchmark: the embedded bridge with its sandbox, and a request it must accept before and after.
import { resolveBridgeConfig } from '../src/bridge/bridge-config.ts'
import { type Bridge, openBridge } from '../src/bridge/open-bridge.ts'
import type { VerificationReport } from '../src/report/verification-report.ts'
import type { SandboxContext } from '../src/sandbox/issue-sandbox-credential.ts'
import type { VerifyRequest } from '../src/verify/verify-credential.ts'

/**
 * Opens the bridge in memory with the sandbox, makes the request with the sandbox's issuers, and
 * runs `run` between two verifications of it that must accept (so no figure is measured on a
 * rejection); `first` is the first one's report. The bridge is closed whatever happens.
 */
export async function withSandboxRequest<R extends VerifyRequest, T>(
  /** What the request carries, for the error when it is rejected. */
  what: string,
  makeRequest: (sandbox: SandboxContext) => Promise<R>,
  run: (bridge: Bridge, request: R, first: VerificationReport) => Promise<T>,
): Promise<T> {
  const config = { ...resolveBridgeConfig({}, {}), sandbox: true }
  const bridge = await openBridge(config, { inMemory: true })
  try {
    if (bridge.sandbox === undefined) throw new Error('the benchmark needs the sandbox')
    const request = await makeRequest(bridge.sandbox)
    const first = await bridge.verify(request)
    if (first.verdict !== 'accepted')
      throw new Error(`benchmark ${what} rejected: ${first.errors.join(', ')}`)
    const result = await run(bridge, request, first)
    const last = await bridge.verify(request)
    if (last.verdict !== 'accepted') throw new Error(`benchmark ${what} rejected after the run`)
    return result
  } finally {
    await bridge.close()
  }
}
