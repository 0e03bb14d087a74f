// The steps every format shares once the issuer's signature holds: chain, issuer, authorisation, status, recognition.
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckName } from '../report/check-codes.ts'
import type { CheckList } from '../report/check-list.ts'
import type { TrustPath } from '../report/verification-report.ts'
import { checkTokenStatus } from '../status/token-status-list/check-token-status.ts'
import { anchorSetFor } from './anchor-set-for.ts'
import { establishIssuerTrust } from './establish-issuer-trust.ts'
import { evaluateRecognition } from './evaluate-recognition.ts'
import { findIssuerAuthorisation } from './find-issuer-authorisation.ts'
import type { IssuedCredential } from './issued-credential.ts'
import { statusSignerResolver } from './status-signer.ts'
import type { VerifierDeps } from './verify-credential.ts'

const afterTrust: CheckName[] = [
  'trust.issuer',
  'trust.authorisation',
  'status.check',
  'recognition.rule',
]

export interface TrustContext {
  snapshot: RegistrySnapshot
  checks: CheckList
  trustPath: TrustPath
  atMs: number
  relyingPartyFramework: string | undefined
}

/** Runs every step that can still tell the relying party something, recording each. */
export async function verifyTrust(
  credential: IssuedCredential,
  { snapshot, checks, trustPath, atMs, relyingPartyFramework }: TrustContext,
  deps: VerifierDeps,
): Promise<void> {
  const anchors = anchorSetFor(snapshot)
  const maxCertificates = deps.limits.maxX5cCertificates
  const pathOptions = { atMs, maxCertificates }
  // A chain validated before is answered synchronously: an await would cost a promise.
  const path =
    anchors.validateFromCache(credential.x5c, pathOptions) ??
    (await anchors.validate(credential.x5c, pathOptions))
  const trust = establishIssuerTrust(snapshot, path, credential.iss, checks, trustPath)
  if (trust === undefined) {
    for (const name of afterTrust)
      checks.skip(name, 'not evaluated: the issuer is not anchored in the registry')
    return
  }
  const { credentialType } = credential
  const staleSources = deps.staleSources
  const authorisation = findIssuerAuthorisation(
    snapshot,
    {
      entityId: trust.entity.id,
      anchorIdentityId: trust.anchorIdentity.id,
      credentialType,
      atMs,
      ...(staleSources !== undefined ? { staleSources } : {}),
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

  await checkTokenStatus(
    credential.status,
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
    return
  }
  trustPath.recognition = evaluateRecognition(
    snapshot,
    {
      relyingPartyFramework,
      authorisation,
      credentialType,
      atMs,
      ...(staleSources !== undefined ? { staleSources } : {}),
    },
    checks,
  )
}
