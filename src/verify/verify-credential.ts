// The verification pipeline: format → cryptography → time → key binding → trust → status → recognition.
import type { VerifyLimits, VerifyPolicy } from '../config.ts'
import { verifySdJwtVc } from '../formats/sd-jwt-vc/index.ts'
import { isoTime } from '../lib/iso-time.ts'
import { utf8LengthExceeds } from '../lib/utf8-length.ts'
import type { StaleSourcePolicy } from '../registry/queries/source-freshness.ts'
import type { RegistryCache } from '../registry/registry-snapshot.ts'
import type { CheckName } from '../report/check-codes.ts'
import { CheckList } from '../report/check-list.ts'
import type { TrustPath, VerificationReport } from '../report/verification-report.ts'
import {
  checkTokenStatus,
  type StatusListSource,
} from '../status/token-status-list/check-token-status.ts'
import type { StatusListCache } from '../status/token-status-list/status-list-cache.ts'
import type { Clock } from '../util/clock.ts'
import { anchorSetFor } from './anchor-set-for.ts'
import { detectFormat } from './detect-format.ts'
import { establishIssuerTrust } from './establish-issuer-trust.ts'
import { evaluateRecognition } from './evaluate-recognition.ts'
import { findIssuerAuthorisation } from './find-issuer-authorisation.ts'
import { statusSignerResolver } from './status-signer.ts'

export interface VerifyRequest {
  credential: string
  /** The relying party's trust framework, e.g. `eu.academic`. */
  relyingPartyFramework?: string
  nonce?: string
  audience?: string
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
}

const afterTrust: CheckName[] = [
  'trust.issuer',
  'trust.authorisation',
  'status.check',
  'recognition.rule',
]

/** What the report says about the credential itself, once the format step got that far. */
type ReportBase = Pick<VerificationReport, 'format' | 'credentialType' | 'claims'>

interface ReportContext {
  request: VerifyRequest
  checks: CheckList
  trustPath: TrustPath
  registry: VerificationReport['registry']
  atMs: number
}

function report(
  { request, checks, trustPath, registry, atMs }: ReportContext,
  extra: ReportBase = {},
): VerificationReport {
  return {
    verdict: checks.failed ? 'rejected' : 'accepted',
    ...extra,
    ...(request.relyingPartyFramework
      ? { relyingPartyFramework: request.relyingPartyFramework }
      : {}),
    checks: checks.toArray(),
    errors: checks.failureCodes,
    trustPath,
    registry,
    evaluatedAt: isoTime(atMs),
  }
}

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

  if (utf8LengthExceeds(request.credential, deps.limits.maxInputBytes)) {
    checks.fail(
      'input.parse',
      'input.too_large',
      `the input exceeds ${deps.limits.maxInputBytes} bytes`,
    )
    return report(context)
  }
  if (detectFormat(request.credential) !== 'sd-jwt') {
    checks.fail(
      'input.parse',
      'input.format_unknown',
      'the input is not an SD-JWT VC (compact or JSON serialization)',
    )
    return report(context)
  }

  const sdJwt = await verifySdJwtVc(
    request.credential,
    {
      clock: deps.clock,
      policy: deps.policy,
      limits: deps.limits,
      ...(request.nonce !== undefined ? { expectedNonce: request.nonce } : {}),
      ...(request.audience !== undefined ? { expectedAudience: request.audience } : {}),
    },
    checks,
  )
  // Without a verified issuer signature nothing the payload says may be used.
  if (sdJwt === undefined) return report(context, { format: 'dc+sd-jwt' })
  const format = String(sdJwt.header.typ ?? 'dc+sd-jwt')
  const vct = sdJwt.vct
  if (vct === undefined) return report(context, { format, claims: sdJwt.claims })
  const base = { format, credentialType: vct, claims: sdJwt.claims }

  const anchors = anchorSetFor(snapshot)
  const maxCertificates = deps.limits.maxX5cCertificates
  const pathOptions = { atMs, maxCertificates }
  // A chain validated before is answered synchronously: an await would cost a promise.
  const path =
    anchors.validateFromCache(sdJwt.x5c, pathOptions) ??
    (await anchors.validate(sdJwt.x5c, pathOptions))
  const trust = establishIssuerTrust(snapshot, path, sdJwt.iss, checks, trustPath)
  if (trust === undefined) {
    for (const name of afterTrust)
      checks.skip(name, 'not evaluated: the issuer is not anchored in the registry')
    return report(context, base)
  }

  const authorisation = findIssuerAuthorisation(
    snapshot,
    {
      entityId: trust.entity.id,
      anchorIdentityId: trust.anchorIdentity.id,
      credentialType: vct,
      atMs,
      ...(deps.staleSources !== undefined ? { staleSources: deps.staleSources } : {}),
    },
    checks,
  )
  if (authorisation !== undefined) {
    const {
      id,
      role,
      frameworkId,
      credentialTypes,
      assuranceLevel,
      status,
      validFrom,
      validUntil,
    } = authorisation
    trustPath.authorisation = {
      id,
      role,
      frameworkId,
      credentialTypes,
      status,
      validFrom,
      ...(assuranceLevel !== undefined ? { assuranceLevel } : {}),
      ...(validUntil !== undefined ? { validUntil } : {}),
    }
    const framework = snapshot.frameworks.get(frameworkId)
    if (framework)
      trustPath.framework = {
        id: framework.id,
        name: framework.name,
        jurisdiction: framework.jurisdiction,
      }
  }

  // The status claim is never selectively disclosable, so the issuer-signed payload holds it.
  await checkTokenStatus(
    sdJwt.payload.status,
    {
      clock: deps.clock,
      policy: deps.policy,
      limits: deps.limits,
      cache: deps.statusCache,
      source: deps.statusSource,
      resolveSignerKey: statusSignerResolver(anchors, trust.path.anchorId, atMs, maxCertificates),
    },
    checks,
  )

  if (authorisation === undefined) {
    checks.skip('recognition.rule', 'no issuer authorisation, so there is nothing to recognise')
  } else {
    trustPath.recognition = evaluateRecognition(
      snapshot,
      {
        relyingPartyFramework: request.relyingPartyFramework,
        authorisation,
        credentialType: vct,
        atMs,
        ...(deps.staleSources !== undefined ? { staleSources: deps.staleSources } : {}),
      },
      checks,
    )
  }
  return report(context, base)
}
