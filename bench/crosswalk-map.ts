// crosswalk.map: sandbox diplomas and identities mapped into the relying party's vocabulary, against reading the same terms raw.
import { resolveBridgeConfig } from '../src/bridge/bridge-config.ts'
import { type Bridge, openBridge } from '../src/bridge/open-bridge.ts'
import { applyCrosswalkChain } from '../src/crosswalk/apply-crosswalk.ts'
import { selectCrosswalks, shippedCrosswalks } from '../src/crosswalk/crosswalk-catalogue.ts'
import { compileLocation } from '../src/crosswalk/json-location.ts'
import { zSessionTranscript } from '../src/formats/mdoc/session-transcript-json.ts'
import type { VerificationReport } from '../src/report/verification-report.ts'
import { issueSandboxCredential } from '../src/sandbox/issue-sandbox-credential.ts'
import { issueSandboxMdoc } from '../src/sandbox/issue-sandbox-mdoc.ts'
import { issueSandboxW3c } from '../src/sandbox/issue-sandbox-w3c.ts'
import type { VerifyRequest } from '../src/verify/verify-credential.ts'
import { type BenchResult, benchSeconds, measure, peakRssMiB, round } from './measure.ts'

/** What the meaning step adds to a verification: the median over pairs of blocks, and its quartiles. */
export interface CrosswalkShare {
  crosswalkShare: number
  crosswalkShareQuartiles: [number, number]
  crosswalkSharePairs: number
}

/**
 * What the meaning step adds to a verification, as a fraction of the time without it: the same
 * request verified with and without it in adjacent blocks of about 5 ms in one process (in the
 * order with, without, without, with, …), for as long as a benchmark runs; each pair of blocks
 * gives one ratio, and the median of the ratios is the figure. Two blocks a few milliseconds
 * apart see the same state of a shared machine, so its drift cancels; the median, unlike a sum,
 * does not move with the few blocks another tenant or a garbage collection lengthened (the
 * meaning step's own share of collections is under half a percent: it allocates about a tenth
 * of a verification's bytes, and collections take about four percent of the time). Each block is
 * long enough that a verification follows one of its own kind, as in service, so what the
 * meaning step leaves in the caches is paid for by its own side. The target is under 0.05.
 */
export async function crosswalkShare(
  verify: (request: VerifyRequest) => Promise<VerificationReport>,
  request: VerifyRequest,
): Promise<CrosswalkShare> {
  const first = await verify(request)
  if (first.meaning === undefined)
    throw new Error(`no crosswalk for ${request.relyingPartyFramework}`)
  const without = { ...request, meaning: false }
  // Blocks of about 5 ms (at most 32 verifications): long enough for a verification to follow its
  // own kind, short enough that a slow credential still gives hundreds of them.
  const probe = process.hrtime.bigint()
  for (let i = 0; i < 8; i++) await verify(request)
  const perVerifyNs = Number(process.hrtime.bigint() - probe) / 8
  const block = Math.min(32, Math.max(2, Math.round(5e6 / perVerifyNs)))
  const timed = async (r: VerifyRequest): Promise<number> => {
    // The first of a block follows the other kind: it is run, not counted.
    await verify(r)
    const start = process.hrtime.bigint()
    for (let i = 0; i < block; i++) await verify(r)
    return Number(process.hrtime.bigint() - start)
  }
  for (let i = 0; i < 4 * block; i++) await verify(i % 2 === 0 ? request : without)
  const ratios: number[] = []
  const budget = BigInt(Math.round(benchSeconds * 2 * 1e9))
  const start = process.hrtime.bigint()
  for (let pair = 0; process.hrtime.bigint() - start < budget; pair++) {
    let withNs: number
    let withoutNs: number
    if (pair % 2 === 0) {
      withNs = await timed(request)
      withoutNs = await timed(without)
    } else {
      withoutNs = await timed(without)
      withNs = await timed(request)
    }
    ratios.push(withNs / withoutNs - 1)
  }
  ratios.sort((a, b) => a - b)
  const at = (fraction: number): number =>
    round(ratios[Math.min(ratios.length - 1, Math.floor(ratios.length * fraction))] as number, 4)
  return {
    crosswalkShare: at(0.5),
    crosswalkShareQuartiles: [at(0.25), at(0.75)],
    crosswalkSharePairs: ratios.length,
  }
}

interface Sample {
  credentialType: string
  relyingPartyFramework: string
  source: Record<string, unknown>
}

async function samples(bridge: Bridge): Promise<Sample[]> {
  if (bridge.sandbox === undefined) throw new Error('the benchmark needs the sandbox')
  const badge = await issueSandboxW3c(bridge.sandbox, 'jp-university', 'ldp_vc')
  const { proof: _, ...diploma } = JSON.parse(badge.credential) as Record<string, unknown>
  const sdJwt = await issueSandboxCredential(bridge.sandbox, 'jp-university', { keyBinding: false })
  const sdJwtReport = await bridge.verify({ credential: sdJwt.credential })
  const mdoc = await issueSandboxMdoc(bridge.sandbox, 'eu-pid-provider')
  const mdocReport = await bridge.verify({
    credential: mdoc.deviceResponse,
    sessionTranscript: zSessionTranscript.parse(mdoc.sessionTranscript),
  })
  return [
    {
      credentialType: 'OpenBadgeCredential',
      relyingPartyFramework: 'eu.academic',
      source: diploma,
    },
    {
      credentialType: sdJwtReport.credentialType ?? '',
      relyingPartyFramework: 'eu.academic',
      source: sdJwtReport.claims ?? {},
    },
    {
      credentialType: mdocReport.credentialType ?? '',
      relyingPartyFramework: 'jp.mynumber',
      source: mdocReport.claims ?? {},
    },
  ]
}

export async function crosswalkMap(): Promise<BenchResult> {
  const config = { ...resolveBridgeConfig({}, {}), sandbox: true }
  const bridge = await openBridge(config, { inMemory: true })
  try {
    const catalogue = shippedCrosswalks()
    const chains = (await samples(bridge)).map((sample) => {
      const chain = selectCrosswalks(catalogue, sample.credentialType, sample.relyingPartyFramework)
      if (chain === undefined) throw new Error(`no crosswalk for ${sample.credentialType}`)
      return { chain, source: sample.source }
    })
    const mapped = chains.reduce(
      (sum, { chain, source }) =>
        sum +
        applyCrosswalkChain(chain, source).claims.filter((c) => c.outcome === 'mapped').length,
      0,
    )
    // The raw floor: reading the first document's source terms by parsed JSON Pointers, and no more.
    const locations = chains.map(({ chain, source }) => ({
      source,
      from: (chain[0]?.claims ?? []).flatMap((claim) => claim.from.map(compileLocation)),
    }))
    const rawOpsPerSec = await measure(() => {
      const read: unknown[] = []
      for (const { source, from } of locations)
        for (const location of from) read.push(location.read(source))
      return read
    })
    const opsPerSec = await measure(() => {
      for (const { chain, source } of chains) applyCrosswalkChain(chain, source)
    })
    return {
      name: 'crosswalk.map',
      description: `a Japanese Open Badges diploma and SD-JWT diploma into ELM terms, an EUDI PID mdoc into Japanese identity terms (${chains.length} credentials, ${mapped} mapped claims a round), single core`,
      opsPerSec: round(opsPerSec),
      claimsPerSec: round(opsPerSec * mapped),
      rawOpsPerSec: round(rawOpsPerSec),
      raw: 'the same source terms read by JSON Pointer, with no transformation, provenance or exactness',
      ratio: round(opsPerSec / rawOpsPerSec, 3),
      peakRssMiB: peakRssMiB(),
    }
  } finally {
    await bridge.close()
  }
}
