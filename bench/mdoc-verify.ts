// mdoc.verify: the whole pipeline on a sandbox mdoc DeviceResponse, against the raw ES256 verification rate.
import type { Bridge } from '../src/bridge/open-bridge.ts'
import { encodeSessionTranscript } from '../src/formats/mdoc/index.ts'
import { JP_MYNUMBER_SANDBOX_NAMESPACE } from '../src/formats/mdoc/profiles/index.ts'
import { zSessionTranscript } from '../src/formats/mdoc/session-transcript-json.ts'
import { issueSandboxMdoc } from '../src/sandbox/issue-sandbox-mdoc.ts'
import type { VerifyRequest } from '../src/verify/verify-credential.ts'
import { crosswalkShareRatios } from './crosswalk-share.ts'
import { mdocFloor } from './floors.ts'
import { type BenchResult, ecdsaVerifyFigures, peakRssMiB } from './measure.ts'
import { withSandboxRequest } from './with-sandbox-request.ts'

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

type MdocRequest = VerifyRequest & {
  credential: Uint8Array
  sessionTranscript: NonNullable<VerifyRequest['sessionTranscript']>
}

/** A Japanese guest's My Number mdoc for an EU hotel: `run` with the request and its element count. */
const withMdoc = <T>(
  run: (bridge: Bridge, request: MdocRequest, elements: number) => Promise<T>,
): Promise<T> =>
  withSandboxRequest(
    'mdoc',
    async (sandbox): Promise<MdocRequest> => {
      const issued = await issueSandboxMdoc(sandbox, 'jp-mynumber-idp', { elements: requested })
      return {
        // Bytes, as a relying party holds a DeviceResponse after decoding the vp_token.
        credential: Buffer.from(issued.deviceResponse, 'base64url'),
        relyingPartyFramework: 'eu.eudi.pid',
        sessionTranscript: zSessionTranscript.parse(issued.sessionTranscript),
      }
    },
    (bridge, request, first) => run(bridge, request, first.elements?.length ?? 0),
  )

export function mdocVerify(): Promise<BenchResult> {
  return withMdoc(async (bridge, request, elements) => ({
    name: 'mdoc.verify',
    description: `complete pipeline, DeviceResponse with one document (${elements} elements), issuer and device signature, x5chain trust and status list from cache, single core`,
    // Two signatures (issuerAuth, deviceSignature) per verification.
    ...(await ecdsaVerifyFigures(
      () => bridge.verify(request),
      mdocFloor(request.credential, encodeSessionTranscript(request.sessionTranscript)),
      2,
    )),
    elements,
    peakRssMiB: peakRssMiB(),
  }))
}

/** The meaning step (the My Number mdoc in EUDI PID terms) over the whole verification; target < 0.05. */
export const mdocShare = (): Promise<number[]> =>
  withMdoc((bridge, request) => crosswalkShareRatios(bridge.verify, request))
