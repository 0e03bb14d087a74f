// Look-ups by certificate, JWK thumbprint or DID: which entities they bind, and what those may do.
import { KakehashiError } from '../../errors.ts'
import { isBase64url } from '../../lib/base64.ts'
import { type DigitalIdentity, isBoundToIdentity, type LogCheckpoint } from '../../model/index.ts'
import { parseCertificate } from '../../trust/x509/parse-certificate.ts'
import type { TrustAnchorSet } from '../../trust/x509/trust-anchor-set.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import { authorisationEvidenceAt, type StandingEvidence } from './authorisation-standing.ts'
import { entityEvidence } from './describe-evidence.ts'
import { queryIndexFor } from './query-index.ts'
import type { EntityEvidence, TrustQueryOptions } from './trust-query-types.ts'

/** Largest certificate accepted for a look-up, as text or bytes. */
export const MAX_LOOKUP_CERTIFICATE_BYTES = 64 * 1024

export type LookupQuery =
  /** DER bytes, PEM text, or the base64 of the DER. */
  | { certificate: Uint8Array | string }
  /** RFC 7638 SHA-256 thumbprint, base64url. */
  | { thumbprint: string }
  | { did: string }

export interface LookupMatch {
  /** `issued_by_anchor`: no identity is this certificate, but it chains to an anchor held for the entity. */
  match: 'exact' | 'issued_by_anchor'
  identity: { id: string; kind: DigitalIdentity['kind']; fingerprint?: string; logSeq?: number }
  entity: EntityEvidence
  authorisations: StandingEvidence[]
}

export interface LookupResponse {
  query:
    | { certificate: { fingerprint: string; subject: string; issuer: string } }
    | { thumbprint: string }
    | { did: string }
  matches: LookupMatch[]
  time_evaluated: string
  log_checkpoint: LogCheckpoint
}

export interface LookupOptions extends TrustQueryOptions {
  /** The snapshot's parsed anchors: given, a certificate no identity matches is tried against them. */
  anchors?: TrustAnchorSet
  maxCertificates?: number
}

const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/

export async function lookupIdentity(
  snapshot: RegistrySnapshot,
  query: LookupQuery,
  options: LookupOptions,
): Promise<LookupResponse> {
  const index = queryIndexFor(snapshot)
  const base = {
    time_evaluated: new Date(options.nowMs).toISOString(),
    log_checkpoint: snapshot.checkpoint,
  }
  const matchesOf = (identities: DigitalIdentity[], match: LookupMatch['match']) =>
    identities.flatMap((identity) => {
      const found = matchOf(snapshot, identity, match, options)
      return found === undefined ? [] : [found]
    })
  if ('did' in query) {
    if (query.did.length > 2048 || !DID.test(query.did))
      throw new KakehashiError('input.invalid', 'not a DID (did:<method>:<id>)', { did: query.did })
    return {
      query: { did: query.did },
      matches: matchesOf(index.byDid.get(query.did) ?? [], 'exact'),
      ...base,
    }
  }
  if ('thumbprint' in query) {
    if (query.thumbprint.length !== 43 || !isBase64url(query.thumbprint))
      throw new KakehashiError(
        'input.invalid',
        'not an RFC 7638 SHA-256 thumbprint (43 base64url characters)',
        { thumbprint: query.thumbprint },
      )
    const identities = index.byThumbprint.get(query.thumbprint) ?? []
    return {
      query: { thumbprint: query.thumbprint },
      matches: matchesOf(identities, 'exact'),
      ...base,
    }
  }
  const size =
    typeof query.certificate === 'string'
      ? Buffer.byteLength(query.certificate)
      : query.certificate.byteLength
  if (size > MAX_LOOKUP_CERTIFICATE_BYTES)
    throw new KakehashiError(
      'input.too_large',
      `the certificate exceeds ${MAX_LOOKUP_CERTIFICATE_BYTES} bytes`,
    )
  const parsed = parseCertificate(query.certificate)
  if (!parsed.ok)
    throw new KakehashiError('input.invalid', `not an X.509 certificate: ${parsed.message}`)
  const described = {
    certificate: {
      fingerprint: parsed.fingerprint,
      subject: parsed.certificate.subject,
      issuer: parsed.certificate.issuer,
    },
  }
  const exact = matchesOf(index.byFingerprint.get(parsed.fingerprint) ?? [], 'exact')
  if (exact.length > 0 || options.anchors === undefined)
    return { query: described, matches: exact, ...base }
  const path = await options.anchors.validate([parsed.der], {
    atMs: options.nowMs,
    maxCertificates: options.maxCertificates ?? 8,
  })
  if (!path.ok) return { query: described, matches: [], ...base }
  const anchors = snapshot.trustAnchors.filter((identity) => path.anchorIds.includes(identity.id))
  return { query: described, matches: matchesOf(anchors, 'issued_by_anchor'), ...base }
}

function matchOf(
  snapshot: RegistrySnapshot,
  identity: DigitalIdentity,
  match: LookupMatch['match'],
  options: TrustQueryOptions,
): LookupMatch | undefined {
  const entity = snapshot.entities.get(identity.entityId)
  if (entity === undefined) return undefined
  const described: LookupMatch['identity'] = { id: identity.id, kind: identity.kind }
  if (identity.fingerprint !== undefined) described.fingerprint = identity.fingerprint
  const logSeq = snapshot.logPositions.identities.get(identity.id)
  if (logSeq !== undefined) described.logSeq = logSeq
  return {
    match,
    identity: described,
    entity: entityEvidence(snapshot, entity),
    // Only what may be exercised through this identity: a service's certificate speaks for that service.
    authorisations: (snapshot.authorisationsByEntity.get(entity.id) ?? [])
      .filter((a) => isBoundToIdentity(a, identity.id))
      .map((a) => authorisationEvidenceAt(snapshot, a, options.nowMs, options)),
  }
}
