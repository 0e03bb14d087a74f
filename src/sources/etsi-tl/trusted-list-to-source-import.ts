// Maps a verified TS 119 612 trusted list onto the registry: TSPs as entities, services as authorisations.
//
// Each TSP becomes a trusted entity, each service an authorisation under an eIDAS framework with
// the service's type, status and full status history kept in `trustService`, and each certificate
// of a service's digital identity a digital identity of the TSP (a CA certificate as a trust anchor).
// Ids are derived from what identifies the thing in the list (the TSP's registration identifier or
// name, the service's type and certificates), never from positions, so a new version of the list
// changes only what it changed.
import { createHash, X509Certificate } from 'node:crypto'
import type { z } from 'zod'
import {
  addIdentitiesOnce,
  isoCountry,
  OrdinalKeys,
  pickEnglishOrFirst,
  shortHash,
} from '../../lib/list-mapping.ts'
import type {
  Authorisation,
  AuthorisationStatus,
  LocalisedName,
  SourceContent,
  SourceImport,
  SourceVersion,
  TrustService,
  zAuthorisation,
  zDigitalIdentity,
  zEntityIdentifier,
} from '../../model/index.ts'
import { emptySourceContent } from '../../model/index.ts'
import { certificateIdentity } from '../../trust/x509/certificate-identity.ts'
import type { VerifiedTrustedList } from './read-trusted-list.ts'
import type {
  MultilingualText,
  ServiceStatusEntry,
  TrustServiceProvider,
  TSPService,
} from './trusted-list-types.ts'

/** The eIDAS frameworks services are placed under: qualified services, and those recognised nationally. */
export const EIDAS_QUALIFIED_FRAMEWORK = 'eu.eidas.qualified'
export const EIDAS_NATIONAL_FRAMEWORK = 'eu.eidas.national'

const SVCSTATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/'
const SVCTYPE = 'http://uri.etsi.org/TrstSvc/Svctype/'

/**
 * Statuses under which a service may be relied on: `granted` and `recognisedatnationallevel`
 * (TS 119 612 v2), and the statuses of lists made before eIDAS (v1: under supervision,
 * accredited, set by national law). Any other status, known or not, withdraws: fail closed.
 */
const ACTIVE_STATUSES = new Set(
  [
    'granted',
    'recognisedatnationallevel',
    'undersupervision',
    'supervisionincessation',
    'accredited',
    'setbynationallaw',
  ].map((status) => `${SVCSTATUS}${status}`),
)

/** A qualified service type ends in `/Q`, `/QC` or `/QTST` (TS 119 612 clause 5.5.1). */
export const isQualifiedServiceType = (serviceType: string): boolean =>
  serviceType.startsWith(SVCTYPE) && /\/(Q|QC|QTST)$/.test(serviceType)

/** Service types whose certificates issue credentials (certificates, attestations) to others. */
const ISSUING_TYPES = new Set(
  ['CA/QC', 'CA/PKC', 'NationalRootCA-QC', 'EAA/Q', 'EAA', 'PID'].map((t) => `${SVCTYPE}${t}`),
)
const STATUS_TYPES = new Set(
  ['Certstatus/OCSP/QC', 'Certstatus/OCSP', 'Certstatus/CRL/QC', 'Certstatus/CRL'].map(
    (t) => `${SVCTYPE}${t}`,
  ),
)

export interface TrustedListImportOptions {
  sourceId: string
  uri?: string
  fetchedAt: string
  /** The source this list was found through (the LOTL). */
  parentId?: string
  /** Frameworks for qualified and other services; eIDAS by default. */
  qualifiedFrameworkId?: string
  nationalFrameworkId?: string
  etag?: string
  lastModified?: string
}

/** The registry content and source version of a verified national trusted list. */
export function trustedListToSourceImport(
  verified: VerifiedTrustedList,
  options: TrustedListImportOptions,
): SourceImport {
  const scheme = verified.list.schemeInformation
  const territory = scheme.schemeTerritory
  const content: SourceContent = emptySourceContent()
  const seenIdentities = new Set<string>()
  const entityIds = new OrdinalKeys()
  const serviceIds = new OrdinalKeys()
  for (const tsp of verified.list.trustServiceProviders) {
    const entityId = `${options.sourceId}:tsp:${entityIds.take(shortHash(tspKey(tsp)))}`
    content.entities.push({
      id: entityId,
      names: localisedNames(tsp.tspName),
      identifiers: registrationIdentifiers(tsp),
      country: isoCountry(tsp.tspAddressCountryNames[0] ?? territory ?? ''),
      sourceId: options.sourceId,
    })
    for (const service of tsp.tspServices) {
      // A service acts only through its own identities, not through its provider's others.
      const identityIds = addIdentitiesOnce(
        content.identities,
        seenIdentities,
        serviceIdentities(service, entityId, options.sourceId),
      )
      const serviceId = `${options.sourceId}:svc:${serviceIds.take(shortHash(serviceKey(service)))}`
      content.authorisations.push({
        ...serviceAuthorisation(service, serviceId, entityId, options),
        identityIds,
      })
    }
  }
  const version: SourceVersion = {
    digest: verified.sha256,
    fetchedAt: options.fetchedAt,
    sequenceNumber: scheme.tslSequenceNumber,
    issuedAt: scheme.listIssueDateTime,
    ...(scheme.nextUpdate === undefined ? {} : { nextUpdate: scheme.nextUpdate }),
    signature: {
      status: 'valid',
      signerFingerprint: verified.signature.signingCertificateFingerprint,
      signerSubject: subjectOf(verified.signature.signingCertificate),
      algorithm: verified.signature.signatureMethod,
    },
    ...(options.etag === undefined ? {} : { etag: options.etag }),
    ...(options.lastModified === undefined ? {} : { lastModified: options.lastModified }),
  }
  return {
    source: {
      id: options.sourceId,
      kind: 'etsi-tl',
      ...(options.uri === undefined ? {} : { uri: options.uri }),
      description:
        `${pickEnglishOrFirst(scheme.schemeName) ?? 'trusted list'} (${scheme.tslType})`.slice(
          0,
          2000,
        ),
      ...(options.parentId === undefined ? {} : { parentId: options.parentId }),
      ...(territory !== undefined && /^(EU|[A-Z]{2})$/.test(territory) ? { territory } : {}),
    },
    version,
    content,
  }
}

function serviceAuthorisation(
  service: TSPService,
  id: string,
  entityId: string,
  options: TrustedListImportOptions,
): z.input<typeof zAuthorisation> {
  const qualified = isQualifiedServiceType(service.serviceTypeIdentifier)
  const status: AuthorisationStatus = ACTIVE_STATUSES.has(service.serviceStatus)
    ? 'granted'
    : 'withdrawn'
  // The history is newest first: the last instance is when the service entered the list.
  const firstListed = [service, ...service.serviceHistory]
    .map((entry) => entry.statusStartingTime)
    .sort()[0] as string
  const trustService: TrustService = {
    ...statusEntry(service),
    history: service.serviceHistory.slice(0, 256).map(statusEntry),
    additionalServiceInformation: service.serviceInformationExtensions.additionalServiceInformation
      .map((info) => info.uri)
      .slice(0, 64),
    qualifiers: [
      ...new Set(service.serviceInformationExtensions.qualifications.flatMap((q) => q.qualifiers)),
    ].slice(0, 64),
    serviceSupplyPoints: service.serviceSupplyPoints.map((point) => point.uri).slice(0, 64),
  }
  const authorisation: z.input<typeof zAuthorisation> = {
    id,
    entityId,
    frameworkId: qualified
      ? (options.qualifiedFrameworkId ?? EIDAS_QUALIFIED_FRAMEWORK)
      : (options.nationalFrameworkId ?? EIDAS_NATIONAL_FRAMEWORK),
    role: roleOf(service.serviceTypeIdentifier),
    credentialTypes: [],
    status,
    validFrom: firstListed,
    ...(status === 'withdrawn' ? { validUntil: service.statusStartingTime } : {}),
    sourceId: options.sourceId,
    trustService,
  }
  return authorisation
}

const roleOf = (serviceType: string): Authorisation['role'] =>
  ISSUING_TYPES.has(serviceType)
    ? 'issuer'
    : STATUS_TYPES.has(serviceType)
      ? 'status_provider'
      : 'trust_service_provider'

const statusEntry = (entry: ServiceStatusEntry) => {
  const name = pickEnglishOrFirst(entry.serviceName)
  return {
    serviceType: entry.serviceTypeIdentifier,
    status: entry.serviceStatus,
    statusStartingTime: entry.statusStartingTime,
    ...(name === undefined ? {} : { serviceName: name.slice(0, 1000) }),
  }
}

/** Every certificate of the service's current and historical identities, once. */
function serviceIdentities(
  service: TSPService,
  entityId: string,
  sourceId: string,
): z.input<typeof zDigitalIdentity>[] {
  const identities: z.input<typeof zDigitalIdentity>[] = []
  const ders = [service, ...service.serviceHistory].flatMap(
    (entry) => entry.serviceDigitalIdentity.x509Certificates,
  )
  for (const der of ders) {
    // A certificate that does not parse is kept out; the list still imports, and the
    // service's authorisation names no key of it.
    const identity = certificateIdentity(der, { entityId, sourceId })
    if (identity !== undefined) identities.push(identity)
  }
  return identities
}

/** What names a TSP across versions: its registration identifier, when given, and its name. */
function tspKey(tsp: TrustServiceProvider): string {
  const identifier = registrationIdentifiers(tsp)[0]
  const name = pickEnglishOrFirst(tsp.tspName) ?? ''
  return identifier !== undefined
    ? `${identifier.scheme}:${identifier.value}\n${name}`
    : `name:${name}`
}

/** The service's type, its (first) name and the certificates that identify it now. */
const serviceKey = (service: TSPService): string =>
  [
    service.serviceTypeIdentifier,
    pickEnglishOrFirst(service.serviceName) ?? '',
    ...service.serviceDigitalIdentity.x509Certificates.map((der) =>
      createHash('sha256').update(der).digest('hex'),
    ),
    ...service.serviceDigitalIdentity.x509SKIs,
    ...service.serviceDigitalIdentity.x509SubjectNames,
  ].join('\n')

/**
 * TSPTradeName carries the TSP's registration identifier as `VATBE-0123456789`, `NTRBE-…`,
 * `PSDBE-…` or `LEIXG-…` (TS 119 612 clause 5.4.2); those become entity identifiers.
 */
function registrationIdentifiers(tsp: TrustServiceProvider): z.input<typeof zEntityIdentifier>[] {
  const out: z.input<typeof zEntityIdentifier>[] = []
  for (const { value } of tsp.tspTradeName) {
    const match = /^(VAT|NTR|PSD|LEI)([A-Z]{2})-(.{1,280})$/.exec(value.trim())
    if (match === null) continue
    const scheme = (match[1] as string).toLowerCase()
    if (!out.some((known) => known.scheme === scheme && known.value === value.trim())) {
      out.push({ scheme, value: value.trim() })
    }
  }
  return out.slice(0, 16)
}

function localisedNames(texts: MultilingualText[]): LocalisedName[] {
  const names = texts
    .filter((text) => text.value.trim() !== '')
    .map((text) => ({ value: text.value.trim().slice(0, 300), lang: text.lang || 'und' }))
    .slice(0, 16)
  return names.length > 0 ? names : [{ value: 'unnamed trust service provider', lang: 'en' }]
}

/**
 * Node's OpenSSL-backed reader, as certificateIdentity uses: it reads the certificates of real lists
 * that stricter ASN.1 schemas refuse (odd SubjectAltName forms); only the subject is needed here.
 */
function readCertificate(der: Uint8Array): X509Certificate | undefined {
  try {
    return new X509Certificate(der)
  } catch {
    return undefined
  }
}

const subjectOf = (der: Uint8Array): string | undefined =>
  readCertificate(der)?.subject.replaceAll('\n', ', ').slice(0, 2000)
