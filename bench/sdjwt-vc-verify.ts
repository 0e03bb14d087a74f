// sdjwt-vc.verify: the whole pipeline on a sandbox SD-JWT VC, against the raw ES256 verification rate.
import type { Bridge } from '../src/bridge/open-bridge.ts'
import { issueSandboxCredential } from '../src/sandbox/issue-sandbox-credential.ts'
import type { VerifyRequest } from '../src/verify/verify-credential.ts'
import { crosswalkShareRatios } from './crosswalk-share.ts'
import { sdJwtVcFloor } from './floors.ts'
import { type BenchResult, ecdsaVerifyFigures, peakRssMiB } from './measure.ts'
import { withSandboxRequest } from './with-sandbox-request.ts'

/** A Japanese diploma for an EU admissions office, as an SD-JWT VC with key binding. */
const withSdJwtVc = <T>(
  run: (bridge: Bridge, request: VerifyRequest & { credential: string }) => Promise<T>,
): Promise<T> =>
  withSandboxRequest(
    'credential',
    async (sandbox) => {
      const nonce = 'bench-nonce'
      const audience = 'https://admissions.example.eu'
      const issued = await issueSandboxCredential(sandbox, 'jp-university', { nonce, audience })
      return {
        credential: issued.credential,
        relyingPartyFramework: 'eu.academic',
        nonce,
        audience,
      }
    },
    run,
  )

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
