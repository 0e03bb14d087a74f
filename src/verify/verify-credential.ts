// The verification pipeline: format → cryptography → time → key binding → trust → status → recognition.

import type { VerifyLimits, VerifyPolicy } from '../config.ts'
import { verifySdJwtVc } from '../formats/sd-jwt-vc/index.ts'
import { base64 } from '../lib/base64.ts'
import { publicKeyOfCertificate } from '../lib/jws/public-key-cache.ts'
import type { RegistryCache, RegistrySnapshot } from '../registry/registry-snapshot.ts'
import { CheckList } from '../report/check-list.ts'
import type { TrustPath, VerificationReport } from '../report/verification-report.ts'
import type { StatusListSource } from '../status/token-status-list/check-token-status.ts'
import { checkTokenStatus } from '../status/token-status-list/check-token-status.ts'
import type { StatusListCache } from '../status/token-status-list/status-list-cache.ts'
import { matchIssuerName } from '../trust/x509/match-issuer-name.ts'
import { TrustAnchorSet } from '../trust/x509/validate-certificate-path.ts'
import type { Clock } from '../util/clock.ts'
import { detectFormat } from './detect-format.ts'
import { evaluateRecognition } from './evaluate-recognition.ts'
import { findIssuerAuthorisation } from './find-issuer-authorisation.ts'

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
}

const anchorSets = new WeakMap<RegistrySnapshot, TrustAnchorSet>()

/** The parsed anchors of a registry snapshot, built once per snapshot (the hot path reuses them). */
function anchorSetFor(snapshot: RegistrySnapshot): TrustAnchorSet {
  let set = anchorSets.get(snapshot)
  if (set === undefined) {
    set = new TrustAnchorSet(
      snapshot.trustAnchors.map((identity) => ({ id: identity.id, der: pemToDer(identity.value) })),
    )
    anchorSets.set(snapshot, set)
  }
  return set
}

function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
  return base64.decode(body)
}

export async function verifyCredential(
  request: VerifyRequest,
  deps: VerifierDeps,
): Promise<VerificationReport> {
  const snapshot = await deps.registry.get()
  const atMs = deps.clock.now()
  const checks = new CheckList()
  const trustPath: TrustPath = {}
  const report = (extra: Partial<VerificationReport> = {}): VerificationReport => ({
    verdict: checks.failed ? 'rejected' : 'accepted',
    ...extra,
    ...(request.relyingPartyFramework
      ? { relyingPartyFramework: request.relyingPartyFramework }
      : {}),
    checks: checks.toArray(),
    errors: checks.failureCodes,
    trustPath,
    registry: snapshot.checkpoint,
    evaluatedAt: new Date(atMs).toISOString(),
  })

  if (Buffer.byteLength(request.credential, 'utf8') > deps.limits.maxInputBytes) {
    checks.fail(
      'input.parse',
      'input.too_large',
      `the input exceeds ${deps.limits.maxInputBytes} bytes`,
    )
    return report()
  }
  if (detectFormat(request.credential) !== 'sd-jwt') {
    checks.fail(
      'input.parse',
      'input.format_unknown',
      'the input is not an SD-JWT VC (compact or JSON serialization)',
    )
    return report()
  }

  const sdJwt = await verifySdJwtVc(
    request.credential.trim(),
    {
      clock: deps.clock,
      policy: deps.policy,
      limits: deps.limits,
      ...(request.nonce !== undefined ? { expectedNonce: request.nonce } : {}),
      ...(request.audience !== undefined ? { expectedAudience: request.audience } : {}),
    },
    checks,
  )
  if (
    sdJwt === undefined ||
    checks.hasFailed('sdjwt.signature') ||
    checks.hasFailed('input.parse')
  ) {
    return report({ format: 'dc+sd-jwt' })
  }
  const format = String(sdJwt.header.typ ?? 'dc+sd-jwt')
  const vct = sdJwt.vct
  if (vct === undefined) return report({ format, claims: sdJwt.claims })
  const base = { format, credentialType: vct, claims: sdJwt.claims }

  // Trust: the issuer's certificate chain must end in an anchor the registry holds.
  const anchors = anchorSetFor(snapshot)
  const path = await anchors.validate(sdJwt.x5c, {
    atMs,
    maxCertificates: deps.limits.maxX5cCertificates,
  })
  if (!path.ok) {
    checks.fail('trust.chain', path.code, path.message)
    skipRest(checks, ['trust.issuer', 'trust.authorisation', 'status.check', 'recognition.rule'])
    return report(base)
  }
  const anchorIdentity = snapshot.trustAnchors.find((identity) => identity.id === path.anchorId)
  const entity = anchorIdentity ? snapshot.entities.get(anchorIdentity.entityId) : undefined
  const leaf = path.path[0]
  const anchorCert = path.path[path.path.length - 1]
  if (
    anchorIdentity === undefined ||
    entity === undefined ||
    leaf === undefined ||
    anchorCert === undefined
  ) {
    checks.fail(
      'trust.chain',
      'trust.anchor_unknown',
      `anchor ${path.anchorId} has no entity in the registry`,
    )
    return report(base)
  }
  checks.pass(
    'trust.chain',
    `the issuer certificate chains to trust anchor ${anchorIdentity.id} (${anchorCert.subject})`,
  )
  trustPath.anchor = {
    identityId: anchorIdentity.id,
    entityId: entity.id,
    subject: anchorCert.subject,
    fingerprint: anchorIdentity.fingerprint ?? '',
  }
  trustPath.issuer = {
    ...(sdJwt.iss !== undefined ? { iss: sdJwt.iss } : {}),
    certificateSubject: leaf.subject,
    entityId: entity.id,
    names: entity.names,
    country: entity.country,
  }

  if (sdJwt.iss !== undefined) {
    const match = matchIssuerName(sdJwt.iss, leaf)
    if (match.ok)
      checks.pass(
        'trust.issuer',
        `iss ${sdJwt.iss} is named by the issuer certificate (${match.matched})`,
      )
    else checks.fail('trust.issuer', 'vc.iss_mismatch', match.message)
  }

  const authorisation = findIssuerAuthorisation(
    snapshot,
    { entityId: entity.id, credentialType: vct, atMs },
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
    trustPath.authorisation = { id, role, frameworkId, credentialTypes, status, validFrom }
    if (assuranceLevel !== undefined) trustPath.authorisation.assuranceLevel = assuranceLevel
    if (validUntil !== undefined) trustPath.authorisation.validUntil = validUntil
    const framework = snapshot.frameworks.get(frameworkId)
    if (framework)
      trustPath.framework = {
        id: framework.id,
        name: framework.name,
        jurisdiction: framework.jurisdiction,
      }
  }

  // Status: a list signed by a certificate that chains to the same anchor as the credential.
  await checkTokenStatus(
    sdJwt.payload.status,
    {
      clock: deps.clock,
      policy: deps.policy,
      limits: deps.limits,
      cache: deps.statusCache,
      source: deps.statusSource,
      resolveSignerKey: async (header) => {
        const x5c = Array.isArray(header.x5c) ? header.x5c.map((c) => base64.decode(String(c))) : []
        const signer = await anchors.validate(x5c, {
          atMs,
          maxCertificates: deps.limits.maxX5cCertificates,
        })
        if (!signer.ok) throw new Error(`status list signer: ${signer.message}`)
        if (signer.anchorId !== path.anchorId) {
          throw new Error(
            `status list signer chains to ${signer.anchorId}, not to the issuer's anchor ${path.anchorId}`,
          )
        }
        return signer.leafPublicKey
      },
    },
    checks,
  )

  if (authorisation !== undefined) {
    trustPath.recognition = evaluateRecognition(
      snapshot,
      {
        relyingPartyFramework: request.relyingPartyFramework,
        authorisation,
        credentialType: vct,
        atMs,
      },
      checks,
    )
  } else {
    checks.skip('recognition.rule', 'no issuer authorisation, so there is nothing to recognise')
  }
  return report(base)
}

function skipRest(checks: CheckList, names: Parameters<CheckList['skip']>[0][]): void {
  for (const name of names) checks.skip(name, 'not evaluated: an earlier trust step failed')
}
