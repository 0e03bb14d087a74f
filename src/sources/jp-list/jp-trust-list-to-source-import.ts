// Maps a verified Japanese trust list onto the registry: entities, their certificates, services as authorisations.
//
// Registry ids are the source id with the operator's own local ids (`<source>:entity:<id>`,
// `<source>:svc:<entity>.<service>`), and a certificate's id comes from its fingerprint, so a new
// version changes only what the operator changed. Names are kept as given, in every script.
import type { z } from 'zod'
import { KakehashiError } from '../../errors.ts'
import { addIdentitiesOnce, pickEnglishOrFirst } from '../../lib/list-mapping.ts'
import type {
  LocalisedName,
  SourceContent,
  SourceImport,
  SourceVersion,
  TrustService,
  zAuthorisation,
  zDigitalIdentity,
} from '../../model/index.ts'
import type { VerifiedJpTrustList } from './read-jp-trust-list.ts'
import type { JpTrustListEntity, JpTrustListService } from './z-jp-trust-list.ts'

/** The identifier scheme of a 法人番号 on a trusted entity. */
export const CORPORATE_NUMBER_SCHEME = 'jp.corporate-number'

const MAX_ID_LENGTH = 128

export interface JpTrustListImportOptions {
  sourceId: string
  uri?: string
  fetchedAt: string
  etag?: string
  lastModified?: string
}

export function jpTrustListToSourceImport(
  verified: VerifiedJpTrustList,
  options: JpTrustListImportOptions,
): SourceImport {
  const { list } = verified
  const { sourceId } = options
  const content: SourceContent = {
    frameworks: list.frameworks.map((framework) => ({
      id: framework.id,
      jurisdiction: 'JP',
      name: joinNames(framework.names, 200),
      assuranceLevels: framework.assuranceLevels,
      ...(framework.description === undefined ? {} : { description: framework.description }),
      sourceId,
    })),
    entities: [],
    identities: [],
    authorisations: [],
    recognitionRules: [],
  }
  const seenIdentities = new Set<string>()
  for (const entity of list.entities) {
    const entityId = checkedId(`${sourceId}:entity:${entity.id}`)
    content.entities.push({
      id: entityId,
      names: entity.names.map(asName),
      identifiers:
        entity.corporateNumber === undefined
          ? []
          : [{ scheme: CORPORATE_NUMBER_SCHEME, value: entity.corporateNumber }],
      country: entity.country,
      sourceId,
    })
    for (const service of entity.services) {
      // A service acts only through its own identities, not through its provider's others.
      const identityIds = addIdentitiesOnce(
        content.identities,
        seenIdentities,
        serviceIdentities(verified, service, entityId, sourceId),
      )
      content.authorisations.push({
        ...serviceAuthorisation(entity, service, entityId, sourceId),
        identityIds,
      })
    }
  }
  const signature: SourceVersion['signature'] =
    verified.signature.status === 'unsigned'
      ? { status: 'unsigned' }
      : {
          status: 'valid',
          signerSubject: verified.signature.signerSubject,
          signerFingerprint: verified.signature.signerFingerprint,
          algorithm: verified.signature.algorithm,
        }
  return {
    source: {
      id: sourceId,
      kind: 'jp-list',
      ...(options.uri === undefined ? {} : { uri: options.uri }),
      description: `${joinNames(list.operator.names, 1000)}: ${list.listId}`.slice(0, 2000),
      territory: 'JP',
    },
    version: {
      digest: verified.digest,
      fetchedAt: options.fetchedAt,
      sequenceNumber: list.sequenceNumber,
      issuedAt: list.issuedAt,
      nextUpdate: list.nextUpdate,
      signature,
      ...(options.etag === undefined ? {} : { etag: options.etag }),
      ...(options.lastModified === undefined ? {} : { lastModified: options.lastModified }),
    },
    content,
  }
}

/** Entities, services, services granted now and certificates: what a sync reports of a list. */
export function countJpTrustList(verified: VerifiedJpTrustList): Record<string, number> {
  const services = verified.list.entities.flatMap((entity) => entity.services)
  return {
    entities: verified.list.entities.length,
    services: services.length,
    grantedServices: services.filter((service) => service.status === 'granted').length,
    certificates: new Set([...verified.certificates.values()].map((c) => c.fingerprint)).size,
  }
}

function serviceAuthorisation(
  entity: JpTrustListEntity,
  service: JpTrustListService,
  entityId: string,
  sourceId: string,
): z.input<typeof zAuthorisation> {
  const name = service.names === undefined ? undefined : pickEnglishOrFirst(service.names)
  const trustService: TrustService = {
    serviceType: service.type,
    status: service.status,
    statusStartingTime: service.statusStartingTime,
    ...(name === undefined ? {} : { serviceName: name.slice(0, 1000) }),
    history: service.statusHistory.map((event) => ({
      serviceType: service.type,
      status: event.status,
      statusStartingTime: event.from,
    })),
    additionalServiceInformation: [],
    qualifiers: [],
    serviceSupplyPoints: [],
  }
  // The history is newest first and checked to be in order: its last event is the first listing.
  const firstListed = service.statusHistory.at(-1)?.from ?? service.statusStartingTime
  return {
    id: checkedId(`${sourceId}:svc:${entity.id}.${service.id}`),
    entityId,
    frameworkId: service.framework,
    role: service.role,
    credentialTypes: service.credentialTypes,
    ...(service.assuranceLevel === undefined ? {} : { assuranceLevel: service.assuranceLevel }),
    status: service.status,
    validFrom: firstListed,
    ...(service.status === 'withdrawn' ? { validUntil: service.statusStartingTime } : {}),
    sourceId,
    trustService,
  }
}

function serviceIdentities(
  verified: VerifiedJpTrustList,
  service: JpTrustListService,
  entityId: string,
  sourceId: string,
): z.input<typeof zDigitalIdentity>[] {
  return service.certificates.map((text) => {
    const certificate = verified.certificates.get(text)
    if (certificate === undefined) {
      // readJpTrustList parsed every certificate of the list; a miss is a defect, not bad input.
      throw new Error('a certificate of the list was not parsed')
    }
    return {
      id: `${sourceId}:cert:${certificate.fingerprint.slice(0, 32)}`,
      entityId,
      kind: certificate.ca ? 'x509.trust_anchor' : 'x509.certificate',
      value: certificate.pem,
      fingerprint: certificate.fingerprint,
      sourceId,
    }
  })
}

const asName = (name: { lang: string; value: string }): LocalisedName => ({
  value: name.value,
  lang: name.lang,
})

/** Every name, in the order given: `デジタル庁 / Digital Agency`. */
const joinNames = (names: { value: string }[], max: number): string =>
  names
    .map((name) => name.value.trim())
    .join(' / ')
    .slice(0, max)

function checkedId(id: string): string {
  if (id.length > MAX_ID_LENGTH) {
    throw new KakehashiError(
      'jp-list.schema_invalid',
      `the registry id ${id.slice(0, 80)}… is longer than ${MAX_ID_LENGTH} characters: shorten the source or local ids`,
    )
  }
  return id
}
