// sdjwt-vc.verify: the whole pipeline on a sandbox SD-JWT VC, against the raw ES256 verification rate.
import { resolveBridgeConfig } from '../src/bridge/bridge-config.ts'
import { type Bridge, openBridge } from '../src/bridge/open-bridge.ts'
import { issueSandboxCredential } from '../src/sandbox/issue-sandbox-credential.ts'
import type { VerifyRequest } from '../src/verify/verify-credential.ts'
import { crosswalkShareRatios } from './crosswalk-share.ts'
import { sdJwtVcFloor } from './floors.ts'
import { type BenchResult, ecdsaVerifyFigures, peakRssMiB } from './measure.ts'

/** A Japanese diploma for an EU admissions office, as an SD-JWT VC with key binding. */
async function withSdJwtVc<T>(
  run: (bridge: Bridge, request: VerifyRequest & { credential: string }) => Promise<T>,
): Promise<T> {
  const config = { ...resolveBridgeConfig({}, {}), sandbox: true }
  const bridge = await openBridge(config, { inMemory: true })
  try {
    const nonce = 'bench-nonce'
    const audience = 'https://admissions.example.eu'
    if (bridge.sandbox === undefined) throw new Error('the benchmark needs the sandbox')
    const issued = await issueSandboxCredential(bridge.sandbox, 'jp-university', {
      nonce,
      audience,
    })
    const request = {
      credential: issued.credential,
      relyingPartyFramework: 'eu.academic',
      nonce,
      audience,
    }
    const first = await bridge.verify(request)
    if (first.verdict !== 'accepted')
      throw new Error(`benchmark credential rejected: ${first.errors.join(', ')}`)
    const result = await run(bridge, request)
    const last = await bridge.verify(request)
    if (last.verdict !== 'accepted') throw new Error('benchmark credential rejected after the run')
    return result
  } finally {
    await bridge.close()
  }
}

export function sdJwtVcVerify(): Promise<BenchResult> {
  return withSdJwtVc(async (bridge, request) => ({
    name: 'sdjwt-vc.verify',
    description:
      'complete pipeline, SD-JWT VC with key binding, x5c trust and status list from cache, single core',
    // Two signatures (issuer, key binding) per verification.
    ...(await ecdsaVerifyFigures(
      () => bridge.verify(request),
      sdJwtVcFloor(request.credential),
      2,
    )),
    peakRssMiB: peakRssMiB(),
  }))
}

/** The meaning step (the Japanese diploma in ELM terms) over the whole verification; target < 0.05. */
export const sdJwtVcShare = (): Promise<number[]> =>
  withSdJwtVc((bridge, request) => crosswalkShareRatios(bridge.verify, request))
