// The sandbox ecosystems: two EU and two Japanese issuers, their frameworks and recognition rules.
import { EUDI_PID_DOCTYPE, EUDI_PID_NAMESPACE } from '../formats/mdoc/profiles/eudi-pid.ts'
import {
  JP_MYNUMBER_SANDBOX_DOCTYPE,
  JP_MYNUMBER_SANDBOX_NAMESPACE,
} from '../formats/mdoc/profiles/jp-mynumber-sandbox.ts'
import { Tag } from '../lib/cbor/index.ts'
import type { RecognitionRule, TrustFramework } from '../model/index.ts'
import {
  EUROPEAN_DIGITAL_CREDENTIAL,
  OPEN_BADGE_CREDENTIAL,
  sandboxW3cCredentials,
} from './sandbox-w3c-credentials.ts'

/** The sample ISO/IEC 18013-5 mdoc of an issuer. */
export interface SandboxMdoc {
  docType: string
  /** Element values by namespace, as CBOR encodes them (a `full-date` is tag 1004). */
  namespaces: Record<string, Record<string, unknown>>
  /** The elements filled at issuance from the sandbox clock: date of issue and of expiry. */
  dateElements: { namespace: string; issued: string; expiry: string }
}

/** `full-date` (RFC 8943): tag 1004 over `YYYY-MM-DD`. */
export const fullDate = (date: string): Tag => new Tag(date, 1004)

export interface SandboxIssuer {
  /** Used on the command line: `kakehashi sandbox issue jp-university`. */
  id: string
  entityId: string
  frameworkId: string
  assuranceLevel: string
  /** ISO 3166-1 alpha-2 of the organisation's seat. */
  seat: string
  names: { value: string; lang: string }[]
  organisation: string
  /** The `iss` of its credentials, also the URI subjectAltName of its certificate. */
  iss: string
  vct: string
  description: string
  /** Claims of the sample credential, every top-level one selectively disclosable. */
  claims: Record<string, unknown>
  /** The same person as an mdoc, for the issuers that issue one (`--format mdoc`). */
  mdoc?: SandboxMdoc
}

export const sandboxFrameworks: TrustFramework[] = [
  {
    id: 'eu.eudi.pid',
    jurisdiction: 'EU',
    name: 'EUDI Wallet person identification data (sandbox)',
    assuranceLevels: ['low', 'substantial', 'high'],
    description:
      'PID providers under the European Digital Identity framework (Regulation (EU) 2024/1183).',
  },
  {
    id: 'eu.academic',
    jurisdiction: 'EU',
    name: 'European higher-education credentials (sandbox)',
    assuranceLevels: ['accredited'],
    description:
      'Higher-education institutions accredited in an EU Member State, issuing diplomas.',
  },
  {
    id: 'jp.mynumber',
    jurisdiction: 'JP',
    name: 'マイナンバーカード 本人確認 / My Number identity (sandbox)',
    assuranceLevels: ['IAL2', 'IAL3'],
    description:
      'Identity providers relying on the My Number Card (個人番号カード) public certification service.',
  },
  {
    id: 'jp.academic',
    jurisdiction: 'JP',
    name: '日本の高等教育 学位 / Japanese higher-education degrees (sandbox)',
    assuranceLevels: ['mext-accredited'],
    description:
      'Universities established under the School Education Act (学校教育法), issuing degrees.',
  },
]

export const sandboxIssuers: SandboxIssuer[] = [
  {
    id: 'eu-pid-provider',
    entityId: 'eu.sandbox.pid-provider',
    frameworkId: 'eu.eudi.pid',
    assuranceLevel: 'high',
    seat: 'BE',
    names: [{ value: 'Sandbox PID Provider', lang: 'en' }],
    organisation: 'Sandbox PID Provider',
    iss: 'https://pid.eu.sandbox.kakehashi.example',
    vct: 'urn:eudi:pid:1',
    description: 'EU person identification data (EUDI PID)',
    claims: {
      given_name: 'Erika',
      family_name: 'Mustermann',
      birthdate: '1994-08-12',
      nationalities: ['DE'],
      address: {
        street_address: 'Heidestraße 17',
        locality: 'Köln',
        postal_code: '51147',
        country: 'DE',
      },
      age_equal_or_over: { '18': true },
      issuing_country: 'DE',
      issuing_authority: 'Sandbox PID Provider',
    },
    mdoc: {
      docType: EUDI_PID_DOCTYPE,
      namespaces: {
        [EUDI_PID_NAMESPACE]: {
          family_name: 'Mustermann',
          given_name: 'Erika',
          birth_date: fullDate('1994-08-12'),
          // The PID Rulebook's map; the free-text birth_place of earlier rulebooks is deprecated.
          place_of_birth: { country: 'DE', locality: 'Berlin' },
          nationality: ['DE'],
          resident_address: 'Heidestraße 17, 51147 Köln',
          resident_country: 'DE',
          resident_city: 'Köln',
          resident_postal_code: '51147',
          resident_street: 'Heidestraße',
          resident_house_number: '17',
          // ISO/IEC 5218: 2 is female.
          sex: 2,
          age_over_18: true,
          issuing_authority: 'Sandbox PID Provider',
          // The country of the Document Signer certificate, as ISO/IEC 18013-5 requires.
          issuing_country: 'BE',
        },
      },
      dateElements: {
        namespace: EUDI_PID_NAMESPACE,
        issued: 'issuance_date',
        expiry: 'expiry_date',
      },
    },
  },
  {
    id: 'eu-university',
    entityId: 'eu.sandbox.university',
    frameworkId: 'eu.academic',
    assuranceLevel: 'accredited',
    seat: 'NL',
    names: [{ value: 'Sandbox University of Leiden-Delft', lang: 'en' }],
    organisation: 'Sandbox University of Leiden-Delft',
    iss: 'https://university.eu.sandbox.kakehashi.example',
    vct: 'urn:kakehashi:sandbox:eu.diploma:1',
    description: 'EU master diploma (ELM-style)',
    claims: {
      given_name: 'Sanne',
      family_name: 'de Vries',
      birthdate: '1999-02-03',
      degree: {
        title: 'Master of Science in Computer Science',
        eqf_level: 7,
        isced_f_code: '0613',
        ects_credits: 120,
      },
      awarding_date: '2026-07-10',
      awarding_body: 'Sandbox University of Leiden-Delft',
    },
  },
  {
    id: 'jp-mynumber-idp',
    entityId: 'jp.sandbox.mynumber-idp',
    frameworkId: 'jp.mynumber',
    assuranceLevel: 'IAL3',
    seat: 'JP',
    names: [
      { value: 'サンドボックス本人確認サービス', lang: 'ja-Jpan' },
      { value: 'Sandbox Identity Service Japan', lang: 'en' },
    ],
    organisation: 'Sandbox Identity Service Japan',
    iss: 'https://idp.jp.sandbox.kakehashi.example',
    vct: 'urn:kakehashi:sandbox:jp.mynumber-identity:1',
    description: 'Japanese identity attributes from the My Number Card',
    claims: {
      name: '山田 花子',
      name_kana: 'ヤマダ ハナコ',
      name_latin: 'YAMADA Hanako',
      birthdate: '1995-04-01',
      address: '東京都千代田区霞が関二丁目1番2号',
      nationality: 'JP',
    },
    mdoc: {
      docType: JP_MYNUMBER_SANDBOX_DOCTYPE,
      namespaces: {
        [JP_MYNUMBER_SANDBOX_NAMESPACE]: {
          full_name_unicode: '山田 花子',
          family_name_unicode: '山田',
          given_name_unicode: '花子',
          full_name_kana: 'ヤマダ ハナコ',
          family_name_kana: 'ヤマダ',
          given_name_kana: 'ハナコ',
          family_name_latin1: 'YAMADA',
          given_name_latin1: 'Hanako',
          birth_date: fullDate('1995-04-01'),
          // ISO/IEC 5218: 2 is female.
          sex: 2,
          resident_address_unicode: '東京都千代田区霞が関二丁目1番2号',
          nationality: 'JP',
          issuing_authority_unicode: 'サンドボックス本人確認サービス',
          age_over_18: true,
        },
      },
      dateElements: {
        namespace: JP_MYNUMBER_SANDBOX_NAMESPACE,
        issued: 'issue_date',
        expiry: 'expiry_date',
      },
    },
  },
  {
    id: 'jp-university',
    entityId: 'jp.sandbox.university',
    frameworkId: 'jp.academic',
    assuranceLevel: 'mext-accredited',
    seat: 'JP',
    names: [
      { value: 'サンドボックス大学', lang: 'ja-Jpan' },
      { value: 'サンドボックスダイガク', lang: 'ja-Kana' },
      { value: 'Sandbox University Tokyo', lang: 'en' },
    ],
    organisation: 'Sandbox University Tokyo',
    iss: 'https://university.jp.sandbox.kakehashi.example',
    vct: 'urn:kakehashi:sandbox:jp.diploma:1',
    description: 'Japanese master degree diploma (学位記)',
    claims: {
      name: '佐藤 健',
      name_kana: 'サトウ ケン',
      name_latin: 'SATO Ken',
      birthdate: '2001-11-23',
      degree: {
        type: '修士',
        title: '修士（工学）',
        title_en: 'Master of Engineering',
        field: '情報工学',
      },
      graduation_date: '2026-03-25',
      graduation_date_wareki: '令和8年3月25日',
      awarding_body: 'サンドボックス大学',
    },
  },
]

const sandboxRuleBasis =
  'Sandbox rule for demonstration, no legal effect; modelled on the UNESCO Global Convention on the Recognition of Qualifications concerning Higher Education (2019)'

const sandboxIdentityRuleBasis =
  'Sandbox rule for demonstration, no legal effect; no agreement between the EU and Japan provides for recognising each other’s identity credentials, and the level mapping (IAL3 ↔ high, IAL2 ↔ substantial) is illustrative'

/**
 * Academic degrees are recognised both ways. Identity is recognised both ways for the mdocs only:
 * the SD-JWT VC identities (`urn:eudi:pid:1`, the My Number vct) are deliberately not, so the
 * sandbox shows a refusal as well as an acceptance.
 */
export const sandboxRecognitionRules: RecognitionRule[] = [
  {
    id: 'sandbox.eu-academic-recognises-jp-academic',
    recognisingFrameworkId: 'eu.academic',
    recognisedFrameworkId: 'jp.academic',
    // W3C credential types are the credentials' own `type` (Open Badges 3.0, ELM).
    credentialTypes: ['urn:kakehashi:sandbox:jp.diploma:1', OPEN_BADGE_CREDENTIAL],
    levelMapping: { 'mext-accredited': 'accredited' },
    legalBasis: sandboxRuleBasis,
    validFrom: '2026-01-01T00:00:00Z',
  },
  {
    id: 'sandbox.jp-academic-recognises-eu-academic',
    recognisingFrameworkId: 'jp.academic',
    recognisedFrameworkId: 'eu.academic',
    credentialTypes: [
      'urn:kakehashi:sandbox:eu.diploma:1',
      OPEN_BADGE_CREDENTIAL,
      EUROPEAN_DIGITAL_CREDENTIAL,
    ],
    levelMapping: { accredited: 'mext-accredited' },
    legalBasis: sandboxRuleBasis,
    validFrom: '2026-01-01T00:00:00Z',
  },
  {
    id: 'sandbox.eu-pid-recognises-jp-mynumber-mdoc',
    recognisingFrameworkId: 'eu.eudi.pid',
    recognisedFrameworkId: 'jp.mynumber',
    credentialTypes: [JP_MYNUMBER_SANDBOX_DOCTYPE],
    levelMapping: { IAL3: 'high', IAL2: 'substantial' },
    legalBasis: sandboxIdentityRuleBasis,
    validFrom: '2026-01-01T00:00:00Z',
  },
  {
    id: 'sandbox.jp-mynumber-recognises-eu-pid-mdoc',
    recognisingFrameworkId: 'jp.mynumber',
    recognisedFrameworkId: 'eu.eudi.pid',
    credentialTypes: [EUDI_PID_DOCTYPE],
    levelMapping: { high: 'IAL3', substantial: 'IAL2' },
    legalBasis: sandboxIdentityRuleBasis,
    validFrom: '2026-01-01T00:00:00Z',
  },
]

/** Whether the issuer issues W3C credentials (and so has a did:key and a did:jwk). */
export const issuesW3cCredentials = (issuer: SandboxIssuer): boolean =>
  sandboxW3cCredentials.has(issuer.id)

/**
 * The credential types an issuer's authorisation covers: its vct, its mdoc docType if any, and
 * the `type` of each of its W3C credentials.
 */
export const sandboxCredentialTypes = (issuer: SandboxIssuer): string[] => [
  issuer.vct,
  ...(issuer.mdoc === undefined ? [] : [issuer.mdoc.docType]),
  ...(sandboxW3cCredentials.get(issuer.id) ?? []).map((d) => d.credentialType),
]

export const findSandboxIssuer = (id: string): SandboxIssuer | undefined =>
  sandboxIssuers.find((issuer) => issuer.id === id)
