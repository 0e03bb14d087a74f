// The Kakehashi Japanese trust list: the JSON form a Japanese operator maintains, with every limit explicit.
//
// Japan publishes no ETSI trusted list; this form carries what its sources say (accredited
// certification services, JPKI, GPKI, sandbox issuers) in the registry's own terms. Ids are the
// operator's, stable across versions, so a new version changes only what it changed.
import { z } from 'zod'
import { authorisationRoles, authorisationStatuses } from '../../model/index.ts'

/** The one version of the form this code reads. */
export const JP_TRUST_LIST_FORMAT_VERSION = 1

export const jpTrustListLimits = {
  /** The whole document, JSON or JWS. */
  maxBytes: 8 * 1024 * 1024,
  maxJsonDepth: 12,
  maxFrameworks: 32,
  maxEntities: 5000,
  maxServicesPerEntity: 64,
  maxCertificatesPerService: 32,
  maxHistoryPerService: 256,
  maxNames: 16,
  /** One PEM certificate: a real CA certificate is a few kilobytes. */
  maxPemChars: 64_000,
} as const

/**
 * Service types of the Japanese sources. The type says what the service is; the framework it
 * stands under is named separately, so one type can serve several frameworks.
 */
export const jpServiceTypes = [
  /** 認定認証業務: a certification service accredited under Act No. 102 of 2000. */
  'jp.esig.accredited',
  /** JPKI 署名用電子証明書: the My Number Card signing certificates' CA (J-LIS). */
  'jp.jpki.signature',
  /** JPKI 利用者証明用電子証明書: the My Number Card user-authentication certificates' CA (J-LIS). */
  'jp.jpki.authentication',
  /** GPKI 政府共用認証局: the government CA that certifies officials (官職証明書). */
  'jp.gpki.government-ca',
  /** GPKI ブリッジ認証局: the bridge CA that cross-certifies government and private CAs. */
  'jp.gpki.bridge-ca',
  /** An issuer of the Kakehashi sandbox: no legal effect. */
  'jp.sandbox',
] as const
export type JpServiceType = (typeof jpServiceTypes)[number]

/** Operator-chosen local ids: lower-case, stable, unique where they are used. */
const zLocalId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits and . _ - only')

/** A registry framework id the list asserts; only Japanese ones (`jp.…`). */
const zJpFrameworkId = z
  .string()
  .min(4)
  .max(128)
  .regex(/^jp\.[a-z0-9][a-z0-9._:-]*$/, 'a framework id beginning with "jp."')

const zDateTime = z.iso.datetime({ offset: true })

/** BCP 47 tags as the names use them: `ja`, `ja-Jpan`, `ja-Kana`, `ja-Hira`, `ja-Latn`, `en`. */
const zLanguageTag = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 language tag')

/** A name in one language and script, kept exactly as given (no normalisation, no transliteration). */
const zName = z.strictObject({
  lang: zLanguageTag,
  value: z
    .string()
    .min(1)
    .max(300)
    .refine((value) => value.trim() !== '', 'a name must not be blank'),
})

const zNames = z.array(zName).min(1).max(jpTrustListLimits.maxNames)

/** 法人番号: 13 digits; its check digit is verified apart, so its failure has its own code. */
const zCorporateNumber = z.string().regex(/^[1-9][0-9]{12}$/, '13 digits, the first 1-9')

const zStatus = z.enum(authorisationStatuses)

/** An earlier status of a service: what it was, from when. */
const zStatusEvent = z.strictObject({
  status: zStatus,
  from: zDateTime,
})

const zPemCertificate = z
  .string()
  .min(1)
  .max(jpTrustListLimits.maxPemChars)
  .regex(
    /^\s*-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/,
    'one PEM certificate',
  )

const zService = z.strictObject({
  id: zLocalId,
  type: z.enum(jpServiceTypes),
  /** The framework the service stands under: one the list declares. */
  framework: zJpFrameworkId,
  /** `issuer` unless said otherwise. */
  role: z.enum(authorisationRoles).default('issuer'),
  names: zNames.optional(),
  credentialTypes: z.array(z.string().min(1).max(512)).max(64).default([]),
  assuranceLevel: z.string().min(1).max(64).optional(),
  status: zStatus,
  /** When the current status took effect. */
  statusStartingTime: zDateTime,
  /** Earlier statuses, newest first, each before the one after it in time. */
  statusHistory: z.array(zStatusEvent).max(jpTrustListLimits.maxHistoryPerService).default([]),
  /**
   * The CA certificates (trust anchors) or end-entity certificates that identify the service.
   * None is allowed (a service whose certificates are not yet published): nothing chains to it.
   */
  certificates: z.array(zPemCertificate).max(jpTrustListLimits.maxCertificatesPerService),
})

const zEntity = z.strictObject({
  id: zLocalId,
  names: zNames,
  corporateNumber: zCorporateNumber.optional(),
  /** ISO 3166-1 alpha-2 of the seat; Japan unless said otherwise. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('JP'),
  services: z.array(zService).min(1).max(jpTrustListLimits.maxServicesPerEntity),
})

const zFramework = z.strictObject({
  id: zJpFrameworkId,
  names: zNames,
  assuranceLevels: z.array(z.string().min(1).max(64)).max(16).default([]),
  description: z.string().max(2000).optional(),
})

export const zJpTrustList = z
  .strictObject({
    kakehashiJpTrustList: z.literal(JP_TRUST_LIST_FORMAT_VERSION),
    listId: zLocalId,
    operator: z.strictObject({
      names: zNames,
      corporateNumber: zCorporateNumber.optional(),
      uri: z.url().max(2048).optional(),
    }),
    sequenceNumber: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    issuedAt: zDateTime,
    nextUpdate: zDateTime,
    frameworks: z.array(zFramework).min(1).max(jpTrustListLimits.maxFrameworks),
    entities: z.array(zEntity).max(jpTrustListLimits.maxEntities),
  })
  .superRefine((list, context) => {
    const issue = (path: (string | number)[], message: string) =>
      context.addIssue({ code: 'custom', path, message })
    if (Date.parse(list.nextUpdate) <= Date.parse(list.issuedAt)) {
      issue(['nextUpdate'], 'nextUpdate must come after issuedAt')
    }
    const frameworks = new Set<string>()
    list.frameworks.forEach((framework, index) => {
      if (frameworks.has(framework.id)) issue(['frameworks', index, 'id'], 'framework id repeated')
      frameworks.add(framework.id)
    })
    const entities = new Set<string>()
    list.entities.forEach((entity, e) => {
      if (entities.has(entity.id)) issue(['entities', e, 'id'], 'entity id repeated')
      entities.add(entity.id)
      const services = new Set<string>()
      entity.services.forEach((service, s) => {
        const at = ['entities', e, 'services', s]
        if (services.has(service.id)) issue([...at, 'id'], 'service id repeated in this entity')
        services.add(service.id)
        if (!frameworks.has(service.framework)) {
          issue([...at, 'framework'], `framework ${service.framework} is not declared by the list`)
        }
        // Newest first, each strictly older than the status that followed it.
        let later = Date.parse(service.statusStartingTime)
        service.statusHistory.forEach((event, h) => {
          const from = Date.parse(event.from)
          if (from >= later) {
            issue([...at, 'statusHistory', h, 'from'], 'history must be newest first, in the past')
          }
          later = from
        })
      })
    })
  })

export type JpTrustList = z.infer<typeof zJpTrustList>
export type JpTrustListEntity = JpTrustList['entities'][number]
export type JpTrustListService = JpTrustListEntity['services'][number]
