// sdjwt-vc.verify: the whole pipeline on a sandbox SD-JWT VC, against the raw ES256 verification rate.
import { resolveBridgeConfig } from '../src/bridge/bridge-config.ts'
import { openBridge } from '../src/bridge/open-bridge.ts'
import { issueSandboxCredential } from '../src/sandbox/issue-sandbox-credential.ts'
import { crosswalkShare } from './crosswalk-map.ts'
import { sdJwtVcFloor } from './floors.ts'
import { type BenchResult, ecdsaVerifyFigures, peakRssMiB } from './measure.ts'

export async function sdJwtVcVerify(): Promise<BenchResult> {
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
    // Two signatures (issuer, key binding) per verification.
    const figures = await ecdsaVerifyFigures(
      () => bridge.verify(request),
      sdJwtVcFloor(issued.credential),
      2,
    )
    const last = await bridge.verify(request)
    if (last.verdict !== 'accepted') throw new Error('benchmark credential rejected after the run')
    const share = await crosswalkShare(bridge.verify, request)
    return {
      name: 'sdjwt-vc.verify',
      description:
        'complete pipeline, SD-JWT VC with key binding, x5c trust and status list from cache, single core',
      ...figures,
      // The meaning step (the Japanese diploma in ELM terms) over the whole verification; target < 0.05.
      ...share,
      peakRssMiB: peakRssMiB(),
    }
  } finally {
    await bridge.close()
  }
}
