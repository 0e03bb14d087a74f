// Writes one framework of the registry as a TS 119 602 list: its authorised entities, each authorisation a service.
//
// The inverse of `loteToSourceImport`: an entity with at least one authorisation under the
// framework is a TrustedEntity; each of its authorisations is a TrustedEntityService whose type
// says the role (TS 119 602's URI where one fits exactly, Kakehashi's own otherwise), whose
// status and history say the authorisation's, and whose digital identity holds the entity's
// certificates. What the standard has no field for (credential types, assurance level, end of
// validity, identifiers other than registration numbers) travels in Kakehashi's extensions,
// which TS 119 602 leaves open.
import {
  type Authorisation,
  type DigitalIdentity,
  isBoundToIdentity,
  type TrustedEntity,
  type TrustFramework,
} from '../../model/index.ts'
import { KAKEHASHI_IDENTIFIERS_EXTENSION } from './lote-to-source-import.ts'
import { KAKEHASHI_EXTENSION, SERVICE_STATUSES, serviceTypeFor, statusUriOf } from './lote-uris.ts'
import type { LoTEDocument, LoTETrustedEntity, TrustedEntityService } from './z-lote.ts'

/** The `LoTEType` of an exported framework: a list of the entities one registry framework authorises. */
export const KAKEHASHI_LOTE_TYPE = 'urn:kakehashi:lote:type:framework'
/** Its `StatusDeterminationApproach`: a service's status is its authorisation's in the registry log. */
export const KAKEHASHI_STATUS_DETERMINATION = 'urn:kakehashi:lote:statusdetn:registry'
/**
 * The registry keeps no postal addresses, and the XML binding requires a non-empty street and
 * locality: this says so instead of inventing one.
 */
export const ADDRESS_NOT_RECORDED = 'not recorded'

export interface FrameworkToLoteInput {
  framework: TrustFramework
  entities: ReadonlyMap<string, TrustedEntity>
  identities: readonly DigitalIdentity[]
  /** Every authorisation of the registry; those under other frameworks are left out. */
  authorisations: readonly Authorisation[]
  /** Monotonic across exports (the registry log size): a reader refuses a list older than one it holds. */
  sequenceNumber: number
  issuedAt: Date
  nextUpdate: Date
  operatorName: string
  /** The operator's electronic address (the bridge's public URL). */
  operatorUri: string
  /** Where the framework is described (its registry page), for SchemeInformationURI. */
  schemeInformationUri: string
  /** A URI about each entity (its registry page); TS 119 602 requires one. */
  entityUri: (entityId: string) => string
  /** Where this list is published, for DistributionPoints. */
  distributionPoint?: string
}

/** A date-time as the schema writes it: RFC 3339 in UTC (fractions kept, so times survive a round trip). */
const dateTime = (date: Date | string): string => new Date(date).toISOString()

const en = (value: string) => [{ lang: 'en', value }]

const notRecordedAddress = (country: string) => ({
  lang: 'en',
  StreetAddress: ADDRESS_NOT_RECORDED,
  Locality: ADDRESS_NOT_RECORDED,
  Country: country,
})

export function frameworkToLote(input: FrameworkToLoteInput): LoTEDocument {
  const { framework } = input
  const byEntity = new Map<string, Authorisation[]>()
  for (const authorisation of input.authorisations) {
    if (authorisation.frameworkId !== framework.id) continue
    const list = byEntity.get(authorisation.entityId) ?? []
    list.push(authorisation)
    byEntity.set(authorisation.entityId, list)
  }
  const trustedEntities: LoTETrustedEntity[] = []
  for (const entityId of [...byEntity.keys()].sort()) {
    const entity = input.entities.get(entityId)
    if (entity === undefined) continue
    const certificates = input.identities
      .filter((i) => i.entityId === entityId && i.kind.startsWith('x509.'))
      .sort((a, b) => a.id.localeCompare(b.id))
    const authorisations = (byEntity.get(entityId) ?? []).sort((a, b) => a.id.localeCompare(b.id))
    trustedEntities.push(trustedEntity(entity, certificates, authorisations, input))
  }
  const jurisdiction = framework.jurisdiction
  return {
    LoTE: {
      ListAndSchemeInformation: {
        LoTEVersionIdentifier: 1,
        LoTESequenceNumber: input.sequenceNumber,
        LoTEType: KAKEHASHI_LOTE_TYPE,
        SchemeOperatorName: en(input.operatorName),
        // Members the XML binding requires, so that one document serves both bindings.
        SchemeOperatorAddress: {
          SchemeOperatorPostalAddress: [notRecordedAddress(jurisdiction)],
          SchemeOperatorElectronicAddress: [{ lang: 'en', uriValue: input.operatorUri }],
        },
        SchemeName: en(framework.name),
        SchemeInformationURI: [{ lang: 'en', uriValue: input.schemeInformationUri }],
        StatusDeterminationApproach: KAKEHASHI_STATUS_DETERMINATION,
        ...(framework.description === undefined
          ? {}
          : { PolicyOrLegalNotice: [{ LoTELegalNotice: framework.description }] }),
        SchemeTerritory: jurisdiction,
        ListIssueDateTime: dateTime(input.issuedAt),
        NextUpdate: dateTime(input.nextUpdate),
        ...(input.distributionPoint === undefined
          ? {}
          : { DistributionPoints: [input.distributionPoint] }),
      },
      ...(trustedEntities.length === 0 ? {} : { TrustedEntitiesList: trustedEntities }),
    },
  }
}

function trustedEntity(
  entity: TrustedEntity,
  certificates: readonly DigitalIdentity[],
  authorisations: Authorisation[],
  input: FrameworkToLoteInput,
): LoTETrustedEntity {
  const uri = input.entityUri(entity.id)
  const registrationNumbers = entity.identifiers.filter((identifier) =>
    /^(VAT|NTR|PSD|LEI)[A-Z]{2}-/.test(identifier.value),
  )
  return {
    TrustedEntityInformation: {
      TEName: entity.names.map((name) => ({ lang: name.lang, value: name.value })),
      ...(registrationNumbers.length === 0
        ? {}
        : { TETradeName: registrationNumbers.map((i) => ({ lang: 'en', value: i.value })) }),
      TEAddress: {
        // The registry keeps no postal address; the country is what it knows.
        TEPostalAddress: [notRecordedAddress(entity.country)],
        TEElectronicAddress: [{ lang: 'en', uriValue: uri }],
      },
      TEInformationURI: [{ lang: 'en', uriValue: uri }],
      ...(entity.identifiers.length === 0
        ? {}
        : {
            TEInformationExtensions: [
              {
                [KAKEHASHI_IDENTIFIERS_EXTENSION]: entity.identifiers.map((i) => ({
                  scheme: i.scheme,
                  value: i.value,
                })),
              },
            ],
          }),
    },
    TrustedEntityServices: authorisations.map((a) => service(a, certificates)),
  }
}

function service(
  authorisation: Authorisation,
  certificates: readonly DigitalIdentity[],
): TrustedEntityService {
  const serviceType = serviceTypeFor(authorisation.role, authorisation.credentialTypes)
  const name = [
    {
      lang: 'en',
      value:
        authorisation.trustService?.serviceName ??
        `${authorisation.role} under ${authorisation.frameworkId}`,
    },
  ]
  // A service bound to some of its entity's identities carries those alone.
  const own = certificates
    .filter((certificate) => isBoundToIdentity(authorisation, certificate.id))
    .map((certificate) => ({ val: pemBody(certificate.value) }))
  const identity = own.length === 0 ? {} : { X509Certificates: own }
  // A withdrawn authorisation's status began when it ended; any other's when it began.
  const startedAt =
    authorisation.status === 'withdrawn' && authorisation.validUntil !== undefined
      ? authorisation.validUntil
      : authorisation.validFrom
  const history =
    startedAt === authorisation.validFrom
      ? undefined
      : [
          {
            ServiceName: name,
            ServiceDigitalIdentity: identity,
            ServiceStatus: SERVICE_STATUSES.granted,
            StatusStartingTime: dateTime(authorisation.validFrom),
            ServiceTypeIdentifier: serviceType,
          },
        ]
  return {
    ServiceInformation: {
      ServiceName: name,
      ServiceDigitalIdentity: identity,
      ServiceTypeIdentifier: serviceType,
      ServiceStatus: statusUriOf(authorisation.status),
      StatusStartingTime: dateTime(startedAt),
      ServiceInformationExtensions: [
        {
          [KAKEHASHI_EXTENSION]: {
            credentialTypes: authorisation.credentialTypes,
            ...(authorisation.assuranceLevel === undefined
              ? {}
              : { assuranceLevel: authorisation.assuranceLevel }),
            ...(authorisation.validUntil === undefined || authorisation.status === 'withdrawn'
              ? {}
              : { validUntil: dateTime(authorisation.validUntil) }),
          },
        },
      ],
    },
    ...(history === undefined ? {} : { ServiceHistory: history }),
  }
}

/** The base64 DER of a PEM certificate, as a `pkiOb` `val` carries it. */
const pemBody = (pem: string): string =>
  pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
