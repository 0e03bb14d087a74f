// The steps every format shares once the issuer's signature holds: chain, issuer, authorisation, status, recognition.
import type { TrustedEntity } from '../model/index.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckName } from '../report/check-codes.ts'
import type { CheckList } from '../report/check-list.ts'
import type { TrustPath } from '../report/verification-report.ts'
import { checkTokenStatus } from '../status/token-status-list/check-token-status.ts'
import type { PathResult } from '../trust/x509/path-result.ts'
import { anchorSetFor } from './anchor-set-for.ts'
import { establishIssuerTrust } from './establish-issuer-trust.ts'
import { establishKeyTrust } from './establish-key-trust.ts'
import { evaluateRecognition } from './evaluate-recognition.ts'
import { findIssuerAuthorisation } from './find-issuer-authorisation.ts'
import type { IssuedCredential } from './issued-credential.ts'
import { statusSignerResolver } from './status-signer.ts'
import type { VerifierDeps } from './verify-credential.ts'
import { checkW3cStatus } from './w3c-status.ts'

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

interface EstablishedTrust {
  entity: TrustedEntity
  /** The registry identity the issuer's key reached: a trust anchor, a DID or a JWK thumbprint. */
  identityId: string
  /** The trust anchor of an x5c chain; status lists must chain to it too. */
  anchorId?: string
}

/** The issuer's key to a registry entity: through its certificate chain, or its DID or JWK. */
function establishTrust(
  credential: IssuedCredential,
  snapshot: RegistrySnapshot,
  checks: CheckList,
  trustPath: TrustPath,
  atMs: number,
  deps: VerifierDeps,
): EstablishedTrust | undefined | Promise<EstablishedTrust | undefined> {
  if (credential.issuerKey !== undefined) {
    const keyTrust = establishKeyTrust(
      snapshot,
      credential.issuerKey,
      credential.iss ?? '',
      checks,
      trustPath,
    )
    return keyTrust && { entity: keyTrust.entity, identityId: keyTrust.identity.id }
  }
  const anchors = anchorSetFor(snapshot)
  const pathOptions = { atMs, maxCertificates: deps.limits.maxX5cCertificates }
  const context: PathContext = { snapshot, iss: credential.iss, checks, trustPath }
  // A chain validated before is answered synchronously: an await would cost a promise.
  const cached = anchors.validateFromCache(credential.x5c, pathOptions)
  return cached !== undefined
    ? trustOfPath(cached, context)
    : anchors.validate(credential.x5c, pathOptions).then((path) => trustOfPath(path, context))
}

interface PathContext {
  snapshot: RegistrySnapshot
  iss: string | undefined
  checks: CheckList
  trustPath: TrustPath
}

// A module function, not a closure per verification: tsx names every closure it creates (`__name`).
function trustOfPath(path: PathResult, context: PathContext): EstablishedTrust | undefined {
  const { snapshot, iss, checks, trustPath } = context
  const trust = establishIssuerTrust(snapshot, path, iss, checks, trustPath)
  return (
    trust && {
      entity: trust.entity,
      identityId: trust.anchorIdentity.id,
      anchorId: trust.path.anchorId,
    }
  )
}

/** Runs every step that can still tell the relying party something, recording each. */
export async function verifyTrust(
  credential: IssuedCredential,
  { snapshot, checks, trustPath, atMs, relyingPartyFramework }: TrustContext,
  deps: VerifierDeps,
): Promise<void> {
  const anchors = anchorSetFor(snapshot)
  const maxCertificates = deps.limits.maxX5cCertificates
  const established = establishTrust(credential, snapshot, checks, trustPath, atMs, deps)
  const trust = established instanceof Promise ? await established : established
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
      anchorIdentityId: trust.identityId,
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

  if (credential.credentialStatus !== undefined) {
    await checkW3cStatus(credential, deps, checks)
  } else if (trust.anchorId === undefined && credential.status !== undefined) {
    checks.fail(
      'status.check',
      'status.unavailable',
      'a Token Status List is trusted through the issuer certificate chain, which this credential has not',
    )
  } else {
    await checkTokenStatus(
      credential.status,
      {
        clock: deps.clock,
        policy: deps.policy,
        limits: deps.limits,
        cache: deps.statusCache,
        source: deps.statusSource,
        resolveSignerKey: statusSignerResolver(
          anchors,
          trust.anchorId ?? '',
          atMs,
          maxCertificates,
        ),
      },
      checks,
    )
  }

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
