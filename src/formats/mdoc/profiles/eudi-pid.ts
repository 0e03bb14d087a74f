// The EUDI Wallet PID in its ISO/IEC 18013-5 encoding (ARF Annex 3.01, PID Rulebook, chapter 3).
import type { MdocProfile } from './profile-types.ts'

export const EUDI_PID_DOCTYPE = 'eu.europa.ec.eudi.pid.1'
export const EUDI_PID_NAMESPACE = 'eu.europa.ec.eudi.pid.1'

const RULEBOOK =
  'https://github.com/eu-digital-identity-wallet/eudi-doc-attestation-rulebooks-catalog/blob/main/rulebooks/pid/pid-rulebook.md'
/** The rulebook as it stood inside the ARF, before version 1.1 removed the age attributes (Sep 2025). */
const ARF_ANNEX =
  'https://github.com/eu-digital-identity-wallet/eudi-doc-architecture-and-reference-framework/blob/main/docs/annexes/annex-3/annex-3.01-pid-rulebook.md'
const REMOVED_1_1 = 'removed in PID Rulebook 1.1 (4 Sep 2025), following CIR 2024/2977'

export const eudiPidProfile: MdocProfile = {
  docType: EUDI_PID_DOCTYPE,
  name: 'EUDI Wallet Person Identification Data (PID), mdoc',
  status: 'official',
  sources: [
    { title: 'ARF Annex 3.01 – PID Rulebook (rulebooks catalog, v1.4+)', url: RULEBOOK },
    { title: 'ARF Annex 3.01 – PID Rulebook (in the ARF, before v1.1)', url: ARF_ANNEX },
    {
      title: 'Commission Implementing Regulation (EU) 2024/2977 (PID and EAA)',
      url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=OJ:L_202402977',
    },
  ],
  namespaces: {
    [EUDI_PID_NAMESPACE]: {
      family_name: {
        label: { en: 'Family name(s)', ja: '姓' },
        type: 'tstr',
        source: RULEBOOK,
      },
      given_name: {
        label: { en: 'Given name(s)', ja: '名' },
        type: 'tstr',
        source: RULEBOOK,
      },
      birth_date: {
        label: { en: 'Date of birth', ja: '生年月日' },
        type: 'full-date',
        source: RULEBOOK,
      },
      place_of_birth: {
        label: { en: 'Place of birth (country, region, locality)', ja: '出生地' },
        type: 'map',
        source: RULEBOOK,
      },
      nationality: {
        label: { en: 'Nationalities (ISO 3166-1 alpha-2 codes)', ja: '国籍' },
        type: 'array',
        source: RULEBOOK,
      },
      resident_address: {
        label: { en: 'Resident address', ja: '住所' },
        type: 'tstr',
        source: RULEBOOK,
      },
      resident_country: {
        label: { en: 'Country of residence', ja: '居住国' },
        type: 'tstr',
        source: RULEBOOK,
      },
      resident_state: {
        label: { en: 'State, province or region of residence', ja: '居住地の州・県' },
        type: 'tstr',
        source: RULEBOOK,
      },
      resident_city: {
        label: { en: 'City of residence', ja: '居住市区町村' },
        type: 'tstr',
        source: RULEBOOK,
      },
      resident_postal_code: {
        label: { en: 'Postal code of residence', ja: '郵便番号' },
        type: 'tstr',
        source: RULEBOOK,
      },
      resident_street: {
        label: { en: 'Street of residence', ja: '通り名' },
        type: 'tstr',
        source: RULEBOOK,
      },
      resident_house_number: {
        label: { en: 'House number of residence', ja: '番地' },
        type: 'tstr',
        source: RULEBOOK,
      },
      personal_administrative_number: {
        label: { en: 'Personal administrative number', ja: '個人識別番号' },
        type: 'tstr',
        source: RULEBOOK,
      },
      portrait: {
        label: { en: 'Portrait', ja: '顔写真' },
        type: 'image',
        source: RULEBOOK,
      },
      family_name_birth: {
        label: { en: 'Family name(s) at birth', ja: '出生時の姓' },
        type: 'tstr',
        source: RULEBOOK,
      },
      given_name_birth: {
        label: { en: 'Given name(s) at birth', ja: '出生時の名' },
        type: 'tstr',
        source: RULEBOOK,
      },
      sex: {
        label: { en: 'Sex', ja: '性別' },
        type: 'uint',
        source: RULEBOOK,
      },
      email_address: {
        label: { en: 'Email address', ja: 'メールアドレス' },
        type: 'tstr',
        source: RULEBOOK,
      },
      mobile_phone_number: {
        label: { en: 'Mobile phone number', ja: '携帯電話番号' },
        type: 'tstr',
        source: RULEBOOK,
      },
      expiry_date: {
        label: { en: 'Administrative expiry date', ja: '有効期限' },
        type: 'full-date-or-tdate',
        source: RULEBOOK,
      },
      issuing_authority: {
        label: { en: 'Issuing authority', ja: '発行機関' },
        type: 'tstr',
        source: RULEBOOK,
      },
      issuing_country: {
        label: { en: 'Issuing country', ja: '発行国' },
        type: 'tstr',
        source: RULEBOOK,
      },
      document_number: {
        label: { en: 'Document number', ja: '文書番号' },
        type: 'tstr',
        source: RULEBOOK,
      },
      issuing_jurisdiction: {
        label: { en: 'Issuing jurisdiction (ISO 3166-2)', ja: '発行地域' },
        type: 'tstr',
        source: RULEBOOK,
      },
      issuance_date: {
        label: { en: 'Administrative issuance date', ja: '発行日' },
        type: 'full-date-or-tdate',
        source: RULEBOOK,
      },
      trust_anchor: {
        label: { en: 'Trust anchor location (URL)', ja: 'トラストアンカーの所在' },
        type: 'tstr',
        source: RULEBOOK,
      },
      attestation_legal_category: {
        label: { en: 'Attestation legal category', ja: '証明の法的区分' },
        type: 'tstr',
        source: RULEBOOK,
      },
      // Earlier rulebooks and the 2024 reference issuers still put these in real PIDs.
      birth_place: {
        label: { en: 'Place of birth (free text)', ja: '出生地' },
        type: 'tstr',
        source: ARF_ANNEX,
        deprecated:
          'replaced by the place_of_birth map in the ARF 1.x PID Rulebook (CIR 2024/2977)',
      },
      age_over_18: {
        label: { en: 'Age over 18', ja: '18歳以上' },
        type: 'bool',
        source: ARF_ANNEX,
        deprecated: REMOVED_1_1,
      },
      age_in_years: {
        label: { en: 'Age in years', ja: '年齢' },
        type: 'uint',
        source: ARF_ANNEX,
        deprecated: REMOVED_1_1,
      },
      age_birth_year: {
        label: { en: 'Year of birth', ja: '生年' },
        type: 'uint',
        source: ARF_ANNEX,
        deprecated: REMOVED_1_1,
      },
    },
  },
  patterns: {
    [EUDI_PID_NAMESPACE]: [
      {
        pattern: '^age_over_(\\d{2})$',
        label: { en: 'Age over {NN}', ja: '{NN}歳以上' },
        type: 'bool',
        source: ARF_ANNEX,
        deprecated: REMOVED_1_1,
      },
    ],
  },
}
