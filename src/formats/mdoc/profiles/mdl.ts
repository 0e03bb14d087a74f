// The mobile driving licence of ISO/IEC 18013-5:2021 (clause 7.2.1, Table 5 data elements).
import type { MdocElementProfile, MdocElementType, MdocProfile } from './profile-types.ts'

export const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL'
export const MDL_NAMESPACE = 'org.iso.18013.5.1'

/** The standard itself is paywalled; Table 5 is transcribed in open implementations such as this one. */
const TABLE_5 = 'ISO/IEC 18013-5:2021 Table 5'
const MULTIPAZ =
  'openwallet-foundation/multipaz: multipaz-doctypes/src/commonMain/kotlin/org/multipaz/documenttype/knowntypes/DrivingLicense.kt'

const element = (type: MdocElementType, en: string, ja: string): MdocElementProfile => ({
  label: { en, ja },
  type,
  source: TABLE_5,
})

export const mdlProfile: MdocProfile = {
  docType: MDL_DOCTYPE,
  name: 'ISO/IEC 18013-5 mobile driving licence (mDL)',
  status: 'official',
  sources: [
    {
      title: 'ISO/IEC 18013-5:2021, clause 7.2.1 and Table 5',
      url: 'https://www.iso.org/standard/69084.html',
    },
    {
      title: 'multipaz DrivingLicense document type (Table 5 transcribed, with types)',
      url: 'https://github.com/openwallet-foundation/multipaz',
    },
    {
      title: 'a-sit-plus/vck IsoDataModelConstants (Table 5 identifiers)',
      url: 'https://github.com/a-sit-plus/vck',
    },
  ],
  namespaces: {
    [MDL_NAMESPACE]: {
      family_name: element('tstr', 'Family name', '姓'),
      given_name: element('tstr', 'Given names', '名'),
      birth_date: element('full-date', 'Date of birth', '生年月日'),
      issue_date: element('full-date-or-tdate', 'Date of issue', '交付日'),
      expiry_date: element('full-date-or-tdate', 'Date of expiry', '有効期限'),
      issuing_country: element('tstr', 'Issuing country', '発行国'),
      issuing_authority: element('tstr', 'Issuing authority', '発行機関'),
      document_number: element('tstr', 'Licence number', '免許証番号'),
      portrait: element('image', 'Portrait of the holder', '顔写真'),
      driving_privileges: element('array', 'Driving privileges', '運転免許の種類'),
      un_distinguishing_sign: element('tstr', 'UN distinguishing sign', '国際識別記号'),
      administrative_number: element('tstr', 'Administrative number', '管理番号'),
      sex: element('uint', 'Sex (ISO/IEC 5218)', '性別'),
      height: element('uint', 'Height (cm)', '身長 (cm)'),
      weight: element('uint', 'Weight (kg)', '体重 (kg)'),
      eye_colour: element('tstr', 'Eye colour', '目の色'),
      hair_colour: element('tstr', 'Hair colour', '髪の色'),
      birth_place: element('tstr', 'Place of birth', '出生地'),
      resident_address: element('tstr', 'Resident address', '住所'),
      portrait_capture_date: element('tdate', 'Portrait capture date', '写真撮影日'),
      age_in_years: element('uint', 'Age in years', '年齢'),
      age_birth_year: element('uint', 'Year of birth', '生年'),
      issuing_jurisdiction: element('tstr', 'Issuing jurisdiction (ISO 3166-2)', '発行地域'),
      nationality: element('tstr', 'Nationality', '国籍'),
      resident_city: element('tstr', 'City of residence', '居住市区町村'),
      resident_state: element('tstr', 'State or province of residence', '居住地の州・県'),
      resident_postal_code: element('tstr', 'Postal code of residence', '郵便番号'),
      resident_country: element('tstr', 'Country of residence', '居住国'),
      family_name_national_character: element(
        'tstr',
        'Family name in national characters',
        '姓（自国文字）',
      ),
      given_name_national_character: element(
        'tstr',
        'Given names in national characters',
        '名（自国文字）',
      ),
      signature_usual_mark: element('image', 'Signature or usual mark', '署名'),
    },
  },
  patterns: {
    [MDL_NAMESPACE]: [
      {
        pattern: '^age_over_(\\d{2})$',
        label: { en: 'Age over {NN}', ja: '{NN}歳以上' },
        type: 'bool',
        source: `${TABLE_5} (age_over_NN, clause 7.2.5)`,
      },
      {
        pattern: '^biometric_template_([a-z0-9_]+)$',
        label: { en: 'Biometric template ({NN})', ja: '生体認証テンプレート ({NN})' },
        type: 'bstr',
        source: `${TABLE_5} (biometric_template_xx); suffixes as in ${MULTIPAZ}`,
      },
    ],
  },
}
