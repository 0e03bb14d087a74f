// mdoc.verify: the whole pipeline on a sandbox mdoc DeviceResponse, against the raw ES256 verification rate.
import { resolveBridgeConfig } from '../src/bridge/bridge-config.ts'
import { openBridge } from '../src/bridge/open-bridge.ts'
import { encodeSessionTranscript } from '../src/formats/mdoc/index.ts'
import { JP_MYNUMBER_SANDBOX_NAMESPACE } from '../src/formats/mdoc/profiles/index.ts'
import { zSessionTranscript } from '../src/formats/mdoc/session-transcript-json.ts'
import { issueSandboxMdoc } from '../src/sandbox/issue-sandbox-mdoc.ts'
import { crosswalkShare } from './crosswalk-map.ts'
import { mdocFloor } from './floors.ts'
import { type BenchResult, ecdsaVerifyFigures, peakRssMiB } from './measure.ts'

/** What an EU hotel's check-in asks a Japanese guest's wallet for: ten elements. */
const requested = {
  [JP_MYNUMBER_SANDBOX_NAMESPACE]: [
    'full_name_unicode',
    'full_name_kana',
    'family_name_latin1',
    'given_name_latin1',
    'birth_date',
    'sex',
    'resident_address_unicode',
    'nationality',
    'age_over_18',
    'expiry_date',
  ],
}

export async function mdocVerify(): Promise<BenchResult> {
  const config = { ...resolveBridgeConfig({}, {}), sandbox: true }
  const bridge = await openBridge(config, { inMemory: true })
  try {
    if (bridge.sandbox === undefined) throw new Error('the benchmark needs the sandbox')
    const issued = await issueSandboxMdoc(bridge.sandbox, 'jp-mynumber-idp', {
      elements: requested,
    })
    const request = {
      // Bytes, as a relying party holds a DeviceResponse after decoding the vp_token.
      credential: Buffer.from(issued.deviceResponse, 'base64url'),
      relyingPartyFramework: 'eu.eudi.pid',
      sessionTranscript: zSessionTranscript.parse(issued.sessionTranscript),
    }
    const first = await bridge.verify(request)
    if (first.verdict !== 'accepted')
      throw new Error(`benchmark mdoc rejected: ${first.errors.join(', ')}`)
    const elements = first.elements?.length ?? 0
    // Two signatures (issuerAuth, deviceSignature) per verification.
    const figures = await ecdsaVerifyFigures(
      () => bridge.verify(request),
      mdocFloor(request.credential, encodeSessionTranscript(request.sessionTranscript)),
      2,
    )
    const last = await bridge.verify(request)
    if (last.verdict !== 'accepted') throw new Error('benchmark mdoc rejected after the run')
    const share = await crosswalkShare(bridge.verify, request)
    return {
      name: 'mdoc.verify',
      description: `complete pipeline, DeviceResponse with one document (${elements} elements), issuer and device signature, x5chain trust and status list from cache, single core`,
      ...figures,
      elements,
      // The meaning step (the My Number mdoc in EUDI PID terms) over the whole verification; target < 0.05.
      ...share,
      peakRssMiB: peakRssMiB(),
    }
  } finally {
    await bridge.close()
  }
}
