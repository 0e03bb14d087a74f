// w3c-di.verify and w3c-jose.verify: the whole pipeline on sandbox Open Badges 3.0 diplomas, against raw signatures and the reference verifier.
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import type { Bridge } from '../src/bridge/open-bridge.ts'
import { issueSandboxW3c, type SandboxW3cFormat } from '../src/sandbox/issue-sandbox-w3c.ts'
import { crosswalkShareRatios } from './crosswalk-share.ts'
import { vcJwtFloor } from './floors.ts'
import {
  type BenchResult,
  ecdsaVerifyFigures,
  measureAlternating,
  peakRssMiB,
  rawEd25519Verify,
  round,
} from './measure.ts'
import { withSandboxRequest } from './with-sandbox-request.ts'

/** A Japanese diploma for an EU admissions office: the sandbox university's Open Badges 3.0 credential. */
const withDiploma = <T>(
  format: SandboxW3cFormat,
  run: (
    bridge: Bridge,
    request: { credential: string; relyingPartyFramework: string },
  ) => Promise<T>,
): Promise<T> =>
  withSandboxRequest(
    'diploma',
    async (sandbox) => {
      const issued = await issueSandboxW3c(sandbox, 'jp-university', format)
      return { credential: issued.credential, relyingPartyFramework: 'eu.academic' }
    },
    run,
  )

/** The reference's rate on `credential`, measured in a worker thread (see reference-vc-worker.ts). */
async function referenceOpsPerSecOn(credential: Record<string, unknown>): Promise<number> {
  const worker = new Worker(new URL('./reference-vc-worker.mjs', import.meta.url), {
    workerData: { credential },
  })
  try {
    const [opsPerSec] = (await once(worker, 'message')) as [number]
    return opsPerSec
  } finally {
    await worker.terminate()
  }
}

export function w3cDiVerify(): Promise<BenchResult> {
  return withDiploma('ldp_vc', async (bridge, request) => {
    const { raw, pipeline: opsPerSec } = await measureAlternating({
      raw: rawEd25519Verify(),
      pipeline: () => bridge.verify(request),
    })
    const referenceOpsPerSec = await referenceOpsPerSecOn(JSON.parse(request.credential))
    return {
      name: 'w3c-di.verify',
      description:
        'complete pipeline, Open Badges 3.0 diploma with an eddsa-rdfc-2022 proof (safe-mode RDFC-1.0), did:key issuer in the registry, Bitstring Status List from cache, single core',
      opsPerSec: round(opsPerSec),
      rawEd25519VerifyPerSec: round(raw),
      referenceOpsPerSec: round(referenceOpsPerSec),
      reference:
        '@digitalbazaar/vc verifyCredential with jsonld as published (in a worker thread), same credential and contexts, no status check',
      ratioToRaw: round(opsPerSec / raw, 3),
      ratio: round(opsPerSec / referenceOpsPerSec, 3),
      target: 2,
      peakRssMiB: peakRssMiB(),
    }
  })
}

export function w3cJoseVerify(): Promise<BenchResult> {
  return withDiploma('vc+jwt', async (bridge, request) => ({
    name: 'w3c-jose.verify',
    description:
      'complete pipeline, Open Badges 3.0 diploma as vc+jwt (ES256), did:jwk issuer in the registry, Bitstring Status List from cache, single core',
    // One signature per verification.
    ...(await ecdsaVerifyFigures(() => bridge.verify(request), vcJwtFloor(request.credential), 1)),
    peakRssMiB: peakRssMiB(),
  }))
}

/** The meaning step (the Japanese diploma in ELM terms) over the whole verification; target < 0.05. */
export const w3cDiShare = (): Promise<number[]> =>
  withDiploma('ldp_vc', (bridge, request) => crosswalkShareRatios(bridge.verify, request))

/** The same, for the diploma as vc+jwt. */
export const w3cJoseShare = (): Promise<number[]> =>
  withDiploma('vc+jwt', (bridge, request) => crosswalkShareRatios(bridge.verify, request))
