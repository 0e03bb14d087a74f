// The verification pipeline: format → cryptography → time → holder binding → trust → status → recognition.
import type { KeyObject } from 'node:crypto'
import type { VerifyLimits, VerifyPolicy } from '../config.ts'
import type { SessionTranscriptInput } from '../formats/mdoc/index.ts'
import { isoTime } from '../lib/iso-time.ts'
import { utf8LengthExceeds } from '../lib/utf8-length.ts'
import type { StaleSourcePolicy } from '../registry/queries/source-freshness.ts'
import type { RegistryCache } from '../registry/registry-snapshot.ts'
import { CheckList } from '../report/check-list.ts'
import type { Meaning } from '../report/meaning.ts'
import type { TrustPath, VerificationReport } from '../report/verification-report.ts'
import type { StatusListSource } from '../status/token-status-list/check-token-status.ts'
import type { StatusListCache } from '../status/token-status-list/status-list-cache.ts'
import type { Clock } from '../util/clock.ts'
import { describeMeaning } from './describe-meaning.ts'
import { detectFormat } from './detect-format.ts'
import type { IssuedCredential } from './issued-credential.ts'
import { mdocStep } from './mdoc-step.ts'
import { sdJwtVcStep } from './sd-jwt-vc-step.ts'
import { verifyTrust } from './verify-trust.ts'
import type { W3cDeps } from './w3c-deps.ts'
import { w3cVcStep } from './w3c-vc-step.ts'

export interface VerifyRequest {
  /** The credential or presentation: SD-JWT text, or an mdoc DeviceResponse as bytes, hex or base64url. */
  credential: string | Uint8Array
  /** The relying party's trust framework, e.g. `eu.academic`. */
  relyingPartyFramework?: string
  /** SD-JWT VC: the nonce and audience the Key Binding JWT must carry. */
  nonce?: string
  audience?: string
  /** mdoc: which document of a DeviceResponse that holds several. */
  docType?: string
  /** mdoc: the session the presentation answers, as the verifier knows it. */
  sessionTranscript?: SessionTranscriptInput
  /** mdoc with device MAC: the reader's ephemeral private key for this session. */
  readerEphemeralKey?: KeyObject
  /**
   * Whether the report says what the credential means in the relying party's vocabulary (true
   * unless set false): a relying party that reads only the verdict need not pay for it.
   */
  meaning?: boolean
}

export interface VerifierDeps {
  registry: RegistryCache
  statusCache: StatusListCache
  statusSource: StatusListSource
  clock: Clock
  policy: VerifyPolicy
  limits: VerifyLimits
  /** Whether an authorisation from a source past its NextUpdate counts; default `refuse`. */
  staleSources?: StaleSourcePolicy
  /** W3C credentials: contexts, DID resolution, algorithms; bundled defaults when absent. */
  w3c?: W3cDeps
}

/** What the report says about the credential itself, once the format step got that far. */
export type ReportBase = Pick<
  VerificationReport,
  'format' | 'credentialType' | 'claims' | 'elements' | 'learning' | 'presentation'
>

interface ReportContext {
  request: VerifyRequest
  checks: CheckList
  trustPath: TrustPath
  registry: VerificationReport['registry']
  atMs: number
}

function report(
  { request, checks, trustPath, registry, atMs }: ReportContext,
  base: ReportBase = {},
  meaning?: Meaning,
): VerificationReport {
  // Field by field, in the order the report is read, rather than by spreading `base`: each format
  // gives it another shape, and a spread of many shapes is a generic copy on every verification.
  const built: Partial<VerificationReport> = { verdict: checks.failed ? 'rejected' : 'accepted' }
  if (base.format !== undefined) built.format = base.format
  if (base.credentialType !== undefined) built.credentialType = base.credentialType
  if (base.claims !== undefined) built.claims = base.claims
  if (base.elements !== undefined) built.elements = base.elements
  if (base.learning !== undefined) built.learning = base.learning
  if (base.presentation !== undefined) built.presentation = base.presentation
  if (meaning !== undefined) built.meaning = meaning
  if (request.relyingPartyFramework) built.relyingPartyFramework = request.relyingPartyFramework
  built.checks = checks.toArray()
  built.errors = checks.failureCodes
  built.trustPath = trustPath
  built.registry = registry
  built.evaluatedAt = isoTime(atMs)
  return built as VerificationReport
}

const inputTooLarge = (credential: string | Uint8Array, maxBytes: number): boolean =>
  typeof credential === 'string'
    ? utf8LengthExceeds(credential, maxBytes)
    : credential.byteLength > maxBytes

/**
 * Verifies a credential for a relying party and explains the verdict. Every step runs that can
 * still tell the relying party something; the verdict is `accepted` only if no check failed.
 */
export async function verifyCredential(
  request: VerifyRequest,
  deps: VerifierDeps,
): Promise<VerificationReport> {
  const snapshot = await deps.registry.get()
  const atMs = deps.clock.now()
  const checks = new CheckList()
  const trustPath: TrustPath = {}
  // A plain object, not a closure over these: tsx names every closure it creates (`__name`).
  const context: ReportContext = {
    request,
    checks,
    trustPath,
    registry: snapshot.checkpoint,
    atMs,
  }

  if (inputTooLarge(request.credential, deps.limits.maxInputBytes)) {
    checks.fail(
      'input.parse',
      'input.too_large',
      `the input exceeds ${deps.limits.maxInputBytes} bytes`,
    )
    return report(context)
  }
  const detected = detectFormat(request.credential)
  let step: { base: ReportBase; credential?: IssuedCredential }
  if (detected.format === 'sd-jwt') step = await sdJwtVcStep(detected.text, request, deps, checks)
  else if (detected.format === 'mdoc') step = mdocStep(detected.bytes, request, deps, checks)
  else if (detected.format === 'w3c') step = await w3cVcStep(detected.input, request, deps, checks)
  else {
    checks.fail(
      'input.parse',
      'input.format_unknown',
      'the input is neither an SD-JWT VC (compact or JSON serialization), an mdoc DeviceResponse (CBOR bytes, hex or base64url), nor a W3C credential (JSON-LD with Data Integrity proofs, a JWS, or COSE)',
    )
    return report(context)
  }
  if (step.credential === undefined) return report(context, step.base)
  const credential = step.credential
  await verifyTrust(
    credential,
    {
      snapshot,
      checks,
      trustPath,
      atMs,
      relyingPartyFramework: request.relyingPartyFramework,
    },
    deps,
  )
  // After the verdict's checks, and whatever they found: meaning explains, it never decides.
  const meaning =
    request.relyingPartyFramework === undefined || request.meaning === false
      ? undefined
      : describeMeaning(credential, request.relyingPartyFramework)
  return report(context, step.base, meaning)
}
