// crosswalk.map: sandbox diplomas and identities mapped into the relying party's vocabulary, against reading the same terms raw.
import { resolveBridgeConfig } from '../src/bridge/bridge-config.ts'
import { type Bridge, openBridge } from '../src/bridge/open-bridge.ts'
import { applyCrosswalkChain } from '../src/crosswalk/apply-crosswalk.ts'
import { selectCrosswalks, shippedCrosswalks } from '../src/crosswalk/crosswalk-catalogue.ts'
import { compileLocation } from '../src/crosswalk/json-location.ts'
import { zSessionTranscript } from '../src/formats/mdoc/session-transcript-json.ts'
import { issueSandboxCredential } from '../src/sandbox/issue-sandbox-credential.ts'
import { issueSandboxMdoc } from '../src/sandbox/issue-sandbox-mdoc.ts'
import { issueSandboxW3c } from '../src/sandbox/issue-sandbox-w3c.ts'
import { type BenchResult, measure, peakRssMiB, round } from './measure.ts'

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
