// Maps a verified TS 119 602 list onto the registry: trusted entities as entities, their services as authorisations.
//
// Each TrustedEntity becomes a registry entity, each of its TrustedEntityServices an authorisation
// under the configured framework, with the role the service type means (`lote-uris.ts`), the
// status history kept in `trustService`, and each certificate of the service's digital identity
// (current and historical) a digital identity of the entity. Ids derive from what identifies a
// thing in the list (registration identifier or name; service type, name and certificates), never
// from positions, so a new version of the list changes only what it changed.
import { createHash } from 'node:crypto'
import { calculateJwkThumbprint, type JWK } from 'jose'
import { z } from 'zod'
import { KakehashiError } from '../../errors.ts'
import {
  addIdentitiesOnce,
  isoCountry,
  OrdinalKeys,
  pickEnglishOrFirst,
  shortHash,
} from '../../lib/list-mapping.ts'
import type {
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
import { KAKEHASHI_EXTENSION, serviceTypeMeaning, statusOf } from './lote-uris.ts'
import type { VerifiedLote } from './read-lote-jws.ts'
import type {
  LoTETrustedEntity,
  MultiLangString,
  ServiceDigitalIdentity,
  TrustedEntityService,
} from './z-lote.ts'

/** Recorded as the status of a service the list gives none for: it is on the list, nothing more. */
export const LISTED_STATUS = 'urn:kakehashi:lote:svcstatus:listed'
/** Recorded as the type of a service the list gives none for. */
export const UNSPECIFIED_SERVICE_TYPE = 'urn:kakehashi:lote:svctype:unspecified'
/** Kakehashi's extension in `TEInformationExtensions`: the entity's registry identifiers. */
export const KAKEHASHI_IDENTIFIERS_EXTENSION = 'KakehashiIdentifiers'

export interface LoteImportOptions {
  sourceId: string
  uri?: string
  fetchedAt: string
  frameworkId: string
  /** Credential types an issuing service of this list covers when the list does not say (a PubEAA list). */
  credentialTypes?: readonly string[]
  /** Assert the framework itself, named after the scheme (when the registry does not hold it yet). */
  assertFramework?: boolean
  etag?: string
  lastModified?: string
}

const zKakehashiAuthorisation = z.strictObject({
  credentialTypes: z.array(z.string().min(1).max(512)).max(64).default([]),
  assuranceLevel: z.string().min(1).max(64).optional(),
  /** The end of the authorisation, which the standard has no field for. */
  validUntil: z.iso.datetime({ offset: true }).optional(),
})
const zKakehashiIdentifiers = z.array(
  z.strictObject({ scheme: z.string().min(1).max(64), value: z.string().min(1).max(300) }),
)

/** The registry content and source version of a verified LoTE. */
export async function loteToSourceImport(
  verified: VerifiedLote,
  options: LoteImportOptions,
): Promise<SourceImport> {
  const scheme = verified.document.LoTE.ListAndSchemeInformation
  const territory = scheme.SchemeTerritory?.toUpperCase()
  const content: SourceContent = emptySourceContent()
  if (options.assertFramework) {
    content.frameworks.push({
      id: options.frameworkId,
      jurisdiction: territory !== undefined && /^(EU|[A-Z]{2})$/.test(territory) ? territory : 'EU',
      name: (
        pickEnglishOrFirst(scheme.SchemeName ?? []) ??
        pickEnglishOrFirst(scheme.SchemeOperatorName) ??
        'LoTE'
      ).slice(0, 200),
      description: `Trusted entities of the list of type ${scheme.LoTEType ?? 'unstated'}`.slice(
        0,
        2000,
      ),
      sourceId: options.sourceId,
    })
  }
  const seenIdentities = new Set<string>()
  const entityIds = new OrdinalKeys()
  const serviceIds = new OrdinalKeys()
  for (const trustedEntity of verified.document.LoTE.TrustedEntitiesList ?? []) {
    const information = trustedEntity.TrustedEntityInformation
    const identifiers = entityIdentifiers(trustedEntity)
    const entityId = `${options.sourceId}:te:${entityIds.take(shortHash(entityKey(trustedEntity, identifiers)))}`
    content.entities.push({
      id: entityId,
      names: localisedNames(information.TEName),
      identifiers,
      country: countryOf(information.TEAddress.TEPostalAddress[0]?.Country ?? territory ?? ''),
      sourceId: options.sourceId,
    })
    for (const service of trustedEntity.TrustedEntityServices) {
      // A service acts only through its own identities, not through its provider's others.
      const identityIds = addIdentitiesOnce(
        content.identities,
        seenIdentities,
        await serviceIdentities(service, entityId, options.sourceId),
      )
      const serviceId = `${options.sourceId}:svc:${serviceIds.take(shortHash(serviceKey(service)))}`
      content.authorisations.push({
        ...serviceAuthorisation(service, serviceId, entityId, scheme.ListIssueDateTime, options),
        identityIds,
      })
    }
  }
  const version: SourceVersion = {
    digest: verified.digest,
    fetchedAt: options.fetchedAt,
    sequenceNumber: scheme.LoTESequenceNumber,
    issuedAt: scheme.ListIssueDateTime,
    nextUpdate: scheme.NextUpdate,
    signature: {
      status: 'valid',
      signerFingerprint: verified.signer.fingerprint,
      signerSubject: verified.signer.subject.replaceAll('\n', ', ').slice(0, 2000),
      algorithm: verified.algorithm,
    },
    ...(options.etag === undefined ? {} : { etag: options.etag }),
    ...(options.lastModified === undefined ? {} : { lastModified: options.lastModified }),
  }
  return {
    source: {
      id: options.sourceId,
      kind: 'lote',
      ...(options.uri === undefined ? {} : { uri: options.uri }),
      description:
        `${pickEnglishOrFirst(scheme.SchemeName ?? []) ?? pickEnglishOrFirst(scheme.SchemeOperatorName) ?? 'list of trusted entities'} (${scheme.LoTEType ?? 'LoTE'})`.slice(
          0,
          2000,
        ),
      ...(territory !== undefined && /^(EU|[A-Z]{2})$/.test(territory) ? { territory } : {}),
    },
    version,
    content,
  }
}

function serviceAuthorisation(
  service: TrustedEntityService,
  id: string,
  entityId: string,
  listIssued: string,
  options: LoteImportOptions,
): z.input<typeof zAuthorisation> {
  const information = service.ServiceInformation
  const meaning = serviceTypeMeaning(information.ServiceTypeIdentifier)
  const declared = kakehashiAuthorisation(information.ServiceInformationExtensions)
  const status = statusOf(information.ServiceStatus)
  // Kakehashi's extension, when present, says exactly which types; else the service type implies them.
  const credentialTypes =
    meaning.role === 'issuer'
      ? [
          ...new Set([
            ...(declared?.credentialTypes ?? meaning.credentialTypes),
            ...(options.credentialTypes ?? []),
          ]),
        ].slice(0, 64)
      : []
  const history = service.ServiceHistory ?? []
  // Without a StatusStartingTime anywhere, the service is known from the list's issue on.
  const firstListed =
    [information.StatusStartingTime, ...history.map((entry) => entry.StatusStartingTime)]
      .filter((time): time is string => time !== undefined)
      .sort()[0] ?? listIssued
  const trustService: TrustService = {
    serviceType: information.ServiceTypeIdentifier ?? UNSPECIFIED_SERVICE_TYPE,
    status: information.ServiceStatus ?? LISTED_STATUS,
    statusStartingTime: information.StatusStartingTime ?? firstListed,
    ...nameOf(information.ServiceName),
    history: history.slice(0, 256).map((entry) => ({
      serviceType: entry.ServiceTypeIdentifier ?? UNSPECIFIED_SERVICE_TYPE,
      status: entry.ServiceStatus,
      statusStartingTime: entry.StatusStartingTime,
      ...nameOf(entry.ServiceName),
    })),
    additionalServiceInformation: [],
    qualifiers: [],
    serviceSupplyPoints: (information.ServiceSupplyPoints ?? [])
      .map((point) => point.uriValue)
      .slice(0, 64),
  }
  return {
    id,
    entityId,
    frameworkId: options.frameworkId,
    role: meaning.role,
    credentialTypes,
    ...(declared?.assuranceLevel === undefined ? {} : { assuranceLevel: declared.assuranceLevel }),
    status,
    validFrom: firstListed,
    ...(declared?.validUntil !== undefined
      ? { validUntil: declared.validUntil }
      : status === 'withdrawn' && information.StatusStartingTime !== undefined
        ? { validUntil: information.StatusStartingTime }
        : {}),
    sourceId: options.sourceId,
    trustService,
  }
}

/** The Kakehashi extension among a service's extensions, checked: a malformed one refuses the list. */
function kakehashiAuthorisation(
  extensions: unknown[] | undefined,
): z.infer<typeof zKakehashiAuthorisation> | undefined {
  const found = (extensions ?? []).find(
    (extension): extension is Record<string, unknown> =>
      typeof extension === 'object' && extension !== null && KAKEHASHI_EXTENSION in extension,
  )
  if (found === undefined) return undefined
  const parsed = zKakehashiAuthorisation.safeParse(found[KAKEHASHI_EXTENSION])
  if (!parsed.success) {
    throw new KakehashiError(
      'lote.not_conformant',
      `${KAKEHASHI_EXTENSION} extension: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    )
  }
  return parsed.data
}

/** Every certificate and public key of the service's current and historical identities, once. */
async function serviceIdentities(
  service: TrustedEntityService,
  entityId: string,
  sourceId: string,
): Promise<z.input<typeof zDigitalIdentity>[]> {
  const identities: z.input<typeof zDigitalIdentity>[] = []
  const digitalIds = [
    service.ServiceInformation.ServiceDigitalIdentity,
    ...(service.ServiceHistory ?? []).map((entry) => entry.ServiceDigitalIdentity),
  ]
  for (const digitalId of digitalIds) {
    for (const der of certificatesOf(digitalId)) {
      const identity = certificateIdentity(der, { entityId, sourceId })
      if (identity !== undefined) identities.push(identity)
    }
    for (const jwk of digitalId.PublicKeyValues ?? []) {
      const thumbprint = await thumbprintOf(jwk)
      if (thumbprint === undefined) continue
      identities.push({
        id: `${sourceId}:jwk:${shortHash(thumbprint)}`,
        entityId,
        kind: 'jwk.thumbprint',
        value: thumbprint,
        sourceId,
      })
    }
  }
  return identities
}

/** The DER of each `X509Certificates` entry; an entry that is not base64 refuses the list. */
function certificatesOf(identity: ServiceDigitalIdentity): Uint8Array[] {
  return (identity.X509Certificates ?? []).map(({ val }) => {
    const compact = val.replace(/\s+/g, '')
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      throw new KakehashiError('lote.not_conformant', 'an X509Certificates val is not base64')
    }
    return new Uint8Array(Buffer.from(compact, 'base64'))
  })
}

/** RFC 7638 thumbprint of a public JWK; a key jose cannot read is left out, like an unreadable certificate. */
async function thumbprintOf(jwk: Record<string, unknown>): Promise<string | undefined> {
  try {
    return await calculateJwkThumbprint(jwk as JWK, 'sha256')
  } catch {
    return undefined
  }
}

/**
 * Registration identifiers: a TETradeName of the form `VATBE-0123456789`, `NTR…`, `PSD…` or
 * `LEIXG-…` (as TS 119 612 clause 5.4.2 and TS 119 602 clause 6.5.2 give them), and those of
 * Kakehashi's own `TEInformationExtensions` entry.
 */
function entityIdentifiers(entity: LoTETrustedEntity): z.input<typeof zEntityIdentifier>[] {
  const out: z.input<typeof zEntityIdentifier>[] = []
  const add = (scheme: string, value: string) => {
    if (!out.some((known) => known.scheme === scheme && known.value === value)) {
      out.push({ scheme, value })
    }
  }
  const information = entity.TrustedEntityInformation
  for (const { value } of information.TETradeName ?? []) {
    const match = /^(VAT|NTR|PSD|LEI)([A-Z]{2})-(.{1,280})$/.exec(value.trim())
    if (match !== null) add((match[1] as string).toLowerCase(), value.trim())
  }
  for (const extension of information.TEInformationExtensions ?? []) {
    if (typeof extension !== 'object' || extension === null) continue
    if (!(KAKEHASHI_IDENTIFIERS_EXTENSION in extension)) continue
    const parsed = zKakehashiIdentifiers.safeParse(
      (extension as Record<string, unknown>)[KAKEHASHI_IDENTIFIERS_EXTENSION],
    )
    if (!parsed.success) {
      throw new KakehashiError(
        'lote.not_conformant',
        `${KAKEHASHI_IDENTIFIERS_EXTENSION} extension: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      )
    }
    for (const identifier of parsed.data) add(identifier.scheme, identifier.value)
  }
  return out.slice(0, 16)
}

/** What names an entity across versions: its first registration identifier, when given, and its name. */
const entityKey = (
  entity: LoTETrustedEntity,
  identifiers: z.input<typeof zEntityIdentifier>[],
): string => {
  const name = pickEnglishOrFirst(entity.TrustedEntityInformation.TEName) ?? ''
  const identifier = identifiers[0]
  return identifier === undefined
    ? `name:${name}`
    : `${identifier.scheme}:${identifier.value}\n${name}`
}

/** The service's type, its (first) name and the certificates that identify it now. */
const serviceKey = (service: TrustedEntityService): string => {
  const information = service.ServiceInformation
  return [
    information.ServiceTypeIdentifier ?? '',
    pickEnglishOrFirst(information.ServiceName) ?? '',
    ...certificatesOf(information.ServiceDigitalIdentity).map((der) =>
      createHash('sha256').update(der).digest('hex'),
    ),
    ...(information.ServiceDigitalIdentity.X509SKIs ?? []),
    ...(information.ServiceDigitalIdentity.X509SubjectNames ?? []),
  ].join('\n')
}

function localisedNames(texts: MultiLangString[]): LocalisedName[] {
  const names = texts
    .filter((text) => text.value.trim() !== '')
    .map((text) => ({ value: text.value.trim().slice(0, 300), lang: text.lang || 'und' }))
    .map((name) => (name.lang.length < 2 ? { ...name, lang: 'und' } : name))
    .slice(0, 16)
  return names.length > 0 ? names : [{ value: 'unnamed trusted entity', lang: 'en' }]
}

const nameOf = (texts: MultiLangString[]) => {
  const name = pickEnglishOrFirst(texts)
  return name === undefined ? {} : { serviceName: name.slice(0, 1000) }
}

/** A trusted entity is in a country: the EU, which a list's territory may be, is none. */
function countryOf(code: string): string {
  const country = isoCountry(code)
  return country === 'EU' ? 'ZZ' : country
}
