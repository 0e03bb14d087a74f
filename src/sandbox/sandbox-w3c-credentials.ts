// The sandbox universities' diplomas as W3C VCDM 2.0 credentials: Open Badges 3.0, and an ELM-shaped European Digital Credential.
import { VCDM2_CONTEXT } from '../formats/w3c-vc/data-model.ts'

export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
/**
 * The EDC application profile context. It is not bundled (EUPL-1.2), so the ELM-shaped
 * credential is issued as `vc+jwt` only, where no JSON-LD processing happens.
 */
export const ELM_EDC_CONTEXT = 'http://data.europa.eu/snb/model/context/edc-ap'

export const OPEN_BADGE_CREDENTIAL = 'OpenBadgeCredential'
export const EUROPEAN_DIGITAL_CREDENTIAL = 'EuropeanDigitalCredential'

/** What an issuance fills in around the fixed content. */
export interface W3cCredentialFrame {
  /** The DID that signs: did:key for Data Integrity, did:jwk for JOSE. */
  issuerDid: string
  /** `urn:uuid:…`, fresh per issuance. */
  id: string
  validFrom: string
  validUntil: string
  credentialStatus: Record<string, unknown>
}

type Build = (frame: W3cCredentialFrame) => Record<string, unknown>

/** OB 3.0 IdentityObject: the learner named in plain text (`hashed: false`), as OB 3.0 §B.1.12 allows. */
const identity = (identityType: string, value: string) => ({
  type: 'IdentityObject',
  identityType,
  hashed: false,
  identityHash: value,
})

const jpOpenBadge: Build = (frame) => ({
  '@context': [VCDM2_CONTEXT, OB3_CONTEXT],
  id: frame.id,
  type: ['VerifiableCredential', OPEN_BADGE_CREDENTIAL],
  name: '学位記 修士（工学） / Diploma: Master of Engineering',
  // OB 3.0 `name` is one string: the Profile carries the English name, the Japanese one goes
  // into `description` and an `otherIdentifier` of type `name`.
  issuer: {
    id: frame.issuerDid,
    type: ['Profile'],
    name: 'Sandbox University Tokyo',
    description:
      'サンドボックス大学（サンドボックスダイガク）: a sandbox university, no legal effect',
    url: 'https://university.jp.sandbox.kakehashi.example',
    otherIdentifier: [
      { type: 'IdentifierEntry', identifier: 'サンドボックス大学', identifierType: 'name' },
    ],
    address: { type: ['Address'], addressCountry: '日本 / Japan', addressCountryCode: 'JP' },
  },
  validFrom: frame.validFrom,
  validUntil: frame.validUntil,
  awardedDate: '2026-03-25T00:00:00+09:00',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [
      identity('name', '佐藤 健'),
      identity('ext:nameKana', 'サトウ ケン'),
      identity('ext:nameLatin', 'SATO Ken'),
    ],
    creditsEarned: 30,
    achievement: {
      id: 'https://university.jp.sandbox.kakehashi.example/achievements/master-of-engineering',
      type: ['Achievement'],
      achievementType: 'MasterDegree',
      name: '修士（工学）',
      description:
        'Master of Engineering (修士（工学）), awarded 令和8年3月25日 (2026-03-25). creditsEarned counts Japanese credit units (単位, 45 hours of study each under the Standards for the Establishment of Universities, art. 21); they are not ECTS credits.',
      criteria: {
        narrative:
          '修士課程に2年以上在学し、30単位以上を修得し、修士論文の審査及び最終試験に合格すること。 / Two years of study, at least 30 Japanese credit units, and a master thesis and final examination passed.',
      },
      fieldOfStudy: '情報工学 / Information Engineering',
      inLanguage: 'ja',
    },
  },
  credentialStatus: frame.credentialStatus,
})

const euOpenBadge: Build = (frame) => ({
  '@context': [VCDM2_CONTEXT, OB3_CONTEXT],
  id: frame.id,
  type: ['VerifiableCredential', OPEN_BADGE_CREDENTIAL],
  name: 'Master of Science in Computer Science',
  issuer: {
    id: frame.issuerDid,
    type: ['Profile'],
    name: 'Sandbox University of Leiden-Delft',
    description: 'A sandbox university, no legal effect',
    url: 'https://university.eu.sandbox.kakehashi.example',
    address: { type: ['Address'], addressCountry: 'Netherlands', addressCountryCode: 'NL' },
  },
  validFrom: frame.validFrom,
  validUntil: frame.validUntil,
  awardedDate: '2026-07-10T00:00:00+02:00',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [identity('name', 'Sanne de Vries')],
    creditsEarned: 120,
    achievement: {
      id: 'https://university.eu.sandbox.kakehashi.example/achievements/msc-computer-science',
      type: ['Achievement'],
      achievementType: 'MasterDegree',
      name: 'Master of Science in Computer Science',
      description:
        'Two-year master programme in computer science. creditsAvailable and creditsEarned count ECTS credits (European Credit Transfer and Accumulation System).',
      criteria: { narrative: '120 ECTS credits and a master thesis.' },
      fieldOfStudy: 'Computer Science',
      creditsAvailable: 120,
      // EQF and ISCED-F are not OB 3.0 fields: they travel as alignments, as EU issuers do.
      alignment: [
        {
          type: ['Alignment'],
          targetName: 'EQF level 7',
          targetUrl: 'http://data.europa.eu/snb/eqf/7',
          targetFramework: 'European Qualifications Framework',
          targetCode: '7',
        },
        {
          type: ['Alignment'],
          targetName: 'Software and applications development and analysis',
          targetUrl: 'http://data.europa.eu/snb/isced-f/0613',
          targetFramework: 'ISCED-F 2013',
          targetCode: '0613',
        },
      ],
      inLanguage: 'en',
    },
  },
  credentialStatus: frame.credentialStatus,
})

const concept = (id: string, scheme: string, label: string) => ({
  id,
  type: 'Concept',
  inScheme: { id: scheme, type: 'ConceptScheme' },
  prefLabel: { en: label },
})

/** ELM v3 (EDC application profile) shape: Person, LearningAchievement, Qualification, SKOS concepts. */
const euEuropeanDigitalCredential: Build = (frame) => {
  const university = {
    id: frame.issuerDid,
    type: 'Organisation',
    legalName: { en: 'Sandbox University of Leiden-Delft' },
    location: {
      id: 'urn:epass:location:sandbox-leiden-delft',
      type: 'Location',
      address: {
        id: 'urn:epass:address:sandbox-leiden-delft',
        type: 'Address',
        countryCode: concept(
          'http://publications.europa.eu/resource/authority/country/NLD',
          'http://publications.europa.eu/resource/authority/country',
          'Netherlands',
        ),
      },
    },
  }
  return {
    '@context': [VCDM2_CONTEXT, ELM_EDC_CONTEXT],
    id: frame.id,
    type: ['VerifiableCredential', EUROPEAN_DIGITAL_CREDENTIAL],
    issuer: university,
    validFrom: frame.validFrom,
    validUntil: frame.validUntil,
    credentialSubject: {
      id: 'urn:epass:person:sandbox-sanne-de-vries',
      type: 'Person',
      givenName: { en: 'Sanne' },
      familyName: { en: 'de Vries' },
      fullName: { en: 'Sanne de Vries' },
      dateOfBirth: '1999-02-03',
      hasClaim: {
        id: 'urn:epass:learningAchievement:sandbox-msc-cs',
        type: 'LearningAchievement',
        title: { en: 'Master of Science in Computer Science' },
        awardedBy: {
          id: 'urn:epass:awardingProcess:sandbox-msc-cs',
          type: 'AwardingProcess',
          awardingBody: [university],
          awardingDate: '2026-07-10T00:00:00+02:00',
        },
        specifiedBy: {
          id: 'urn:epass:qualification:sandbox-msc-cs',
          type: 'Qualification',
          title: { en: 'Master of Science in Computer Science' },
          eqfLevel: concept(
            'http://data.europa.eu/snb/eqf/7',
            'http://data.europa.eu/snb/eqf/25831c2',
            'Level 7',
          ),
          thematicArea: [
            concept(
              'http://data.europa.eu/snb/isced-f/0613',
              'http://data.europa.eu/snb/isced-f/25831c2',
              'Software and applications development and analysis',
            ),
          ],
          creditPoint: [
            {
              id: 'urn:epass:creditPoint:sandbox-msc-cs',
              type: 'CreditPoint',
              framework: concept(
                'http://data.europa.eu/snb/education-credit/6fcec5c5af',
                'http://data.europa.eu/snb/education-credit/25831c2',
                'European Credit Transfer System',
              ),
              // ELM writes the points as a string.
              point: '120',
            },
          ],
        },
      },
    },
    credentialSchema: {
      id: 'http://data.europa.eu/snb/model/ap/edc-generic-full',
      type: 'ShaclValidator2017',
    },
    credentialStatus: frame.credentialStatus,
  }
}

export type SandboxW3cSecuring = 'data-integrity' | 'jose'

export interface SandboxW3cDefinition {
  credentialType: string
  build: Build
  /** How it may be secured; Data Integrity needs every context bundled. */
  securing: readonly SandboxW3cSecuring[]
}

const both = ['data-integrity', 'jose'] as const

/** The W3C credentials of each sandbox issuer that has any, by issuer id. */
export const sandboxW3cCredentials: ReadonlyMap<string, readonly SandboxW3cDefinition[]> = new Map([
  [
    'jp-university',
    [{ credentialType: OPEN_BADGE_CREDENTIAL, build: jpOpenBadge, securing: both }],
  ],
  [
    'eu-university',
    [
      { credentialType: OPEN_BADGE_CREDENTIAL, build: euOpenBadge, securing: both },
      {
        credentialType: EUROPEAN_DIGITAL_CREDENTIAL,
        build: euEuropeanDigitalCredential,
        securing: ['jose'],
      },
    ],
  ],
])
