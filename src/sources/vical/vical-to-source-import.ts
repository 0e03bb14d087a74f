// Maps a verified VICAL onto the registry: issuing authorities as entities, their IACA certificates as trust anchors.
//
// Each CertificateInfo is one authorisation to issue its `docType`s under the configured
// framework, bound to its own certificate only: an authority listed with an mDL IACA and a
// separate PID IACA issues each type through its own anchor. Ids derive from what identifies a
// thing in the list (the authority's name and country; the certificate's fingerprint), never from
// positions, so a new VICAL changes only what it changed.
import type { z } from 'zod'
import { KakehashiError } from '../../errors.ts'
import { addIdentitiesOnce, isoCountry, OrdinalKeys, shortHash } from '../../lib/list-mapping.ts'
import type {
  SourceContent,
  SourceImport,
  SourceVersion,
  zAuthorisation,
  zDigitalIdentity,
} from '../../model/index.ts'
import { emptySourceContent } from '../../model/index.ts'
import type { IacaCertificate } from './read-iaca-certificates.ts'
import type { VerifiedVical } from './read-vical.ts'
import type { VicalCertificateInfo } from './z-vical.ts'

/** The language of names a VICAL gives: it says none (BCP 47 `und`). */
const UNDETERMINED = 'und'

export interface VicalImportOptions {
  sourceId: string
  uri?: string
  fetchedAt: string
  frameworkId: string
  /** Assert the framework itself, named after the VICAL provider (when the registry does not hold it yet). */
  assertFramework?: boolean
  /** The framework's jurisdiction when asserted, and the source's territory; `ZZ` (unknown) when absent. */
  jurisdiction?: string
  etag?: string
  lastModified?: string
}

/** The registry content and source version of a verified VICAL. */
export function vicalToSourceImport(
  verified: VerifiedVical,
  options: VicalImportOptions,
): SourceImport {
  const { vical, certificates } = verified
  const { sourceId } = options
  const content: SourceContent = emptySourceContent()
  if (options.assertFramework) {
    content.frameworks.push({
      id: options.frameworkId,
      jurisdiction: options.jurisdiction ?? 'ZZ',
      name: `VICAL of ${vical.vicalProvider}`.slice(0, 200),
      description:
        `Issuing authorities whose IACA certificates ${vical.vicalProvider} lists (ISO/IEC 18013-5 VICAL)`.slice(
          0,
          2000,
        ),
      sourceId,
    })
  }
  const entityOfCertificate = new Map<string, string>()
  const seenEntities = new Set<string>()
  const seenIdentities = new Set<string>()
  const authorisationIds = new OrdinalKeys()
  vical.certificateInfos.forEach((info, index) => {
    const certificate = certificates[index]
    // readVical reads one certificate per CertificateInfo; a miss is a defect, not bad input.
    if (certificate === undefined) throw new Error('a certificate of the VICAL was not read')
    const authority = issuingAuthority(info, certificate)
    const entityId = `${sourceId}:ia:${shortHash(`${authority.name}\n${authority.region}\n${info.stateOrProvinceName ?? ''}`)}`
    const holder = entityOfCertificate.get(certificate.fingerprint)
    if (holder !== undefined && holder !== entityId) {
      throw new KakehashiError(
        'vical.certificate_invalid',
        `certificateInfos.${index}: the certificate is listed for two issuing authorities; one certificate binds one`,
        { path: `certificateInfos.${index}`, fingerprint: certificate.fingerprint },
      )
    }
    entityOfCertificate.set(certificate.fingerprint, entityId)
    if (!seenEntities.has(entityId)) {
      seenEntities.add(entityId)
      content.entities.push({
        id: entityId,
        names: [{ value: authority.name, lang: UNDETERMINED }],
        identifiers: [],
        country: authority.country,
        sourceId,
      })
    }
    const identityIds = addIdentitiesOnce(content.identities, seenIdentities, [
      trustAnchor(certificate, entityId, sourceId),
    ])
    content.authorisations.push(
      authorisation(info, certificate, {
        id: `${sourceId}:iaca:${authorisationIds.take(certificate.fingerprint.slice(0, 32))}`,
        entityId,
        identityIds,
        frameworkId: options.frameworkId,
        sourceId,
      }),
    )
  })
  const signature: SourceVersion['signature'] = {
    status: 'valid',
    signerSubject: verified.signer.subject,
    signerFingerprint: verified.signer.fingerprint,
    algorithm: verified.algorithm,
  }
  const nextUpdate = earliest(vical.nextUpdate, vical.notAfter)
  return {
    source: {
      id: sourceId,
      kind: 'vical',
      ...(options.uri === undefined ? {} : { uri: options.uri }),
      description: `VICAL of ${vical.vicalProvider} (version ${vical.version})`.slice(0, 2000),
      ...(options.jurisdiction === undefined ? {} : { territory: options.jurisdiction }),
    },
    version: {
      digest: verified.digest,
      fetchedAt: options.fetchedAt,
      ...(vical.vicalIssueID === undefined ? {} : { sequenceNumber: Number(vical.vicalIssueID) }),
      issuedAt: vical.date.toISOString(),
      // A VICAL past its own notAfter is no more current than one past its nextUpdate.
      ...(nextUpdate === undefined ? {} : { nextUpdate: nextUpdate.toISOString() }),
      signature,
      ...(options.etag === undefined ? {} : { etag: options.etag }),
      ...(options.lastModified === undefined ? {} : { lastModified: options.lastModified }),
    },
    content,
  }
}

/** Certificate infos, issuing authorities and document types: what a sync reports of a VICAL. */
export function countVical(
  verified: VerifiedVical,
  imported: SourceImport,
): Record<string, number> {
  return {
    certificates: verified.vical.certificateInfos.length,
    issuingAuthorities: imported.content.entities.length,
    docTypes: new Set(verified.vical.certificateInfos.flatMap((info) => info.docType)).size,
  }
}

/**
 * Who issues under a certificate: the VICAL's `issuingAuthority` and `issuingCountry` (a state's
 * ISO 3166-2 code kept whole, and its `stateOrProvinceName` in the key, so two states' authorities
 * of one name stay two), or, when it names
 * none, the certificate subject's organisation (or common name) and country.
 */
function issuingAuthority(
  info: VicalCertificateInfo,
  certificate: IacaCertificate,
): { name: string; region: string; country: string } {
  const name = (
    info.issuingAuthority?.trim() ||
    certificate.organisation ||
    certificate.commonName ||
    certificate.subject
  ).slice(0, 300)
  const region = (info.issuingCountry ?? certificate.country ?? '').toUpperCase()
  return { name, region, country: isoCountry(region.slice(0, 2)) }
}

function trustAnchor(
  certificate: IacaCertificate,
  entityId: string,
  sourceId: string,
): z.input<typeof zDigitalIdentity> {
  return {
    id: `${sourceId}:cert:${certificate.fingerprint.slice(0, 32)}`,
    entityId,
    kind: 'x509.trust_anchor',
    value: certificate.pem,
    fingerprint: certificate.fingerprint,
    sourceId,
  }
}

function authorisation(
  info: VicalCertificateInfo,
  certificate: IacaCertificate,
  ids: {
    id: string
    entityId: string
    identityIds: string[]
    frameworkId: string
    sourceId: string
  },
): z.input<typeof zAuthorisation> {
  return {
    ...ids,
    role: 'issuer',
    credentialTypes: [...new Set(info.docType)],
    status: 'granted',
    // The IACA certificate's validity is the authority's: the VICAL grants nothing beyond it.
    validFrom: certificate.notBefore.toISOString(),
    validUntil: certificate.notAfter.toISOString(),
  }
}

const earliest = (...dates: (Date | undefined)[]): Date | undefined =>
  dates
    .filter((date): date is Date => date !== undefined)
    .reduce<Date | undefined>(
      (min, date) => (min === undefined || date < min ? date : min),
      undefined,
    )
