// The JSON binding of an ETSI TS 119 602 list of trusted entities, as zod schemas named after its JSON schema.
//
// Modelled on the normative JSON schema (1960201_json_schema.json): property names are the schema's
// own, objects the schema closes (`additionalProperties: false`) are strict here too, and required
// members are required. Every string, array and extension has an explicit bound, so a list that
// passes is one Kakehashi can hold in memory and in its log. Two deliberate departures, both from
// the schema's own text: `ServiceDigitalIdentity` places its `additionalProperties: false` inside
// `properties`, so it closes nothing and is left open here; and `PolicyOrLegalNotice`'s `oneOf`
// over item shapes is read as "each item is a policy or a legal notice".
import { z } from 'zod'

/** Bounds on what one list may hold. */
export const LOTE_LIMITS = {
  maxTrustedEntities: 10_000,
  maxServicesPerEntity: 256,
  maxHistoryPerService: 256,
  maxCertificatesPerIdentity: 32,
  maxMultilingual: 64,
  maxUri: 2048,
  maxText: 4000,
  /** A base64 DER certificate: 64 KiB of DER at most. */
  maxCertificateBase64: 90_000,
  maxExtensions: 64,
} as const

const L = LOTE_LIMITS

const zText = z.string().max(L.maxText)
const zUri = z.string().min(1).max(L.maxUri)
const zLang = z.string().max(35)
/** RFC 3339 date-time as the schema's `format: date-time`, with an offset or `Z`. */
const zDateTime = z.iso.datetime({ offset: true })
const zCountry = z.string().length(2)
const many = <T extends z.ZodType>(item: T, max: number = L.maxMultilingual) =>
  z.array(item).min(1).max(max)

export const zMultiLangString = z.strictObject({ lang: zLang, value: zText })
export const zNonEmptyMultiLangURI = z.strictObject({ lang: zLang, uriValue: zUri })

export const zPostalAddress = z.strictObject({
  lang: zLang,
  StreetAddress: zText,
  Locality: zText.optional(),
  StateOrProvince: zText.optional(),
  PostalCode: zText.optional(),
  Country: zText,
})

/** A certificate as a `pkiOb`: base64 DER in `val`. */
export const zPkiOb = z.strictObject({
  encoding: zUri.optional(),
  specRef: zText.optional(),
  val: z.string().min(1).max(L.maxCertificateBase64),
})

export const zServiceDigitalIdentity = z.looseObject({
  X509Certificates: many(zPkiOb, L.maxCertificatesPerIdentity).optional(),
  X509SubjectNames: many(zText, L.maxCertificatesPerIdentity).optional(),
  /** JWKs (RFC 7517), kept as objects. */
  PublicKeyValues: many(z.record(z.string(), z.unknown()), L.maxCertificatesPerIdentity).optional(),
  X509SKIs: many(z.string().min(1).max(256), L.maxCertificatesPerIdentity).optional(),
  OtherIds: many(zText, L.maxCertificatesPerIdentity).optional(),
})

/** Extensions are open content in the schema: kept as objects, bounded in number. */
const zExtensions = many(z.unknown(), L.maxExtensions)

export const zLoTEQualifier = z.strictObject({
  LoTEType: zUri,
  SchemeOperatorName: many(zMultiLangString),
  SchemeTypeCommunityRules: many(zNonEmptyMultiLangURI).optional(),
  SchemeTerritory: zCountry.optional(),
  MimeType: z.string().max(255),
})

export const zOtherLoTEPointer = z.strictObject({
  LoTELocation: zUri,
  ServiceDigitalIdentities: many(zServiceDigitalIdentity, L.maxCertificatesPerIdentity),
  LoTEQualifiers: many(zLoTEQualifier),
})

const zPolicyOrLegalNotice = z.union([
  z.looseObject({ LoTEPolicy: zNonEmptyMultiLangURI }),
  z.looseObject({ LoTELegalNotice: zText }),
])

export const zListAndSchemeInformation = z.strictObject({
  LoTEVersionIdentifier: z.number().int(),
  LoTESequenceNumber: z.number().int().nonnegative(),
  LoTEType: zUri.optional(),
  SchemeOperatorName: many(zMultiLangString),
  SchemeOperatorAddress: z
    .strictObject({
      SchemeOperatorPostalAddress: many(zPostalAddress),
      SchemeOperatorElectronicAddress: many(zNonEmptyMultiLangURI),
    })
    .optional(),
  SchemeName: many(zMultiLangString).optional(),
  SchemeInformationURI: many(zNonEmptyMultiLangURI).optional(),
  StatusDeterminationApproach: zUri.optional(),
  SchemeTypeCommunityRules: many(zNonEmptyMultiLangURI).optional(),
  SchemeTerritory: zCountry.optional(),
  PolicyOrLegalNotice: many(zPolicyOrLegalNotice).optional(),
  HistoricalInformationPeriod: z.number().int().optional(),
  PointersToOtherLoTE: many(zOtherLoTEPointer, 256).optional(),
  ListIssueDateTime: zDateTime,
  NextUpdate: zDateTime,
  DistributionPoints: many(zUri).optional(),
  SchemeExtensions: zExtensions.optional(),
})

const zServiceName = many(zMultiLangString)

export const zServiceInformation = z.strictObject({
  ServiceName: zServiceName,
  ServiceDigitalIdentity: zServiceDigitalIdentity,
  ServiceTypeIdentifier: zUri.optional(),
  ServiceStatus: zUri.optional(),
  StatusStartingTime: zDateTime.optional(),
  SchemeServiceDefinitionURI: many(zNonEmptyMultiLangURI).optional(),
  ServiceSupplyPoints: many(
    z.strictObject({ ServiceType: zUri.optional(), uriValue: zUri }),
  ).optional(),
  ServiceDefinitionURI: many(zNonEmptyMultiLangURI).optional(),
  ServiceInformationExtensions: zExtensions.optional(),
})

export const zServiceHistoryInstance = z.strictObject({
  ServiceName: zServiceName,
  ServiceDigitalIdentity: zServiceDigitalIdentity,
  ServiceStatus: zUri,
  StatusStartingTime: zDateTime,
  ServiceTypeIdentifier: zUri.optional(),
  ServiceInformationExtensions: zExtensions.optional(),
})

export const zTrustedEntityService = z.strictObject({
  ServiceInformation: zServiceInformation,
  ServiceHistory: many(zServiceHistoryInstance, L.maxHistoryPerService).optional(),
})

export const zTrustedEntityInformation = z.strictObject({
  TEName: many(zMultiLangString),
  TETradeName: many(zMultiLangString).optional(),
  TEAddress: z.strictObject({
    TEPostalAddress: many(zPostalAddress),
    TEElectronicAddress: many(zNonEmptyMultiLangURI),
  }),
  TEInformationURI: many(zNonEmptyMultiLangURI),
  TEInformationExtensions: zExtensions.optional(),
})

export const zTrustedEntity = z.strictObject({
  TrustedEntityInformation: zTrustedEntityInformation,
  TrustedEntityServices: many(zTrustedEntityService, L.maxServicesPerEntity),
})

export const zLoTE = z.strictObject({
  ListAndSchemeInformation: zListAndSchemeInformation,
  TrustedEntitiesList: many(zTrustedEntity, L.maxTrustedEntities).optional(),
})

/** The payload of a LoTE JWS: the one member `LoTE`. */
export const zLoTEDocument = z.strictObject({ LoTE: zLoTE })

export type LoTEDocument = z.infer<typeof zLoTEDocument>
export type LoTE = z.infer<typeof zLoTE>
export type ListAndSchemeInformation = z.infer<typeof zListAndSchemeInformation>
export type LoTETrustedEntity = z.infer<typeof zTrustedEntity>
export type TrustedEntityService = z.infer<typeof zTrustedEntityService>
export type ServiceInformation = z.infer<typeof zServiceInformation>
export type ServiceHistoryInstance = z.infer<typeof zServiceHistoryInstance>
export type ServiceDigitalIdentity = z.infer<typeof zServiceDigitalIdentity>
export type MultiLangString = z.infer<typeof zMultiLangString>
