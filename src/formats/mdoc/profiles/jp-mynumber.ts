// Japan's My Number Card in Apple Wallet (from June 2025), an mdoc whose element set the Digital Agency has not published.
import type { MdocProfile } from './profile-types.ts'

export const JP_MYNUMBER_DOCTYPE = 'org.iso.23220.1.jp.mnc'
/** The Japanese namespace: the card's own surface data, as printed (kanji, Japanese-era or Western dates). */
export const JP_MYNUMBER_NAMESPACE = 'org.iso.23220.1.jp'
/** The generic eID namespace of ISO/IEC TS 23220-2, shared with the ISO Photo ID. */
export const ISO_23220_NAMESPACE = 'org.iso.23220.1'

const APPLE_NATIONAL_ID =
  'https://developer.apple.com/documentation/passkit/pkidentitynationalidcarddescriptor'
const MULTIPAZ =
  'openwallet-foundation/multipaz: multipaz-doctypes/src/commonMain/kotlin/org/multipaz/documenttype/knowntypes/MyNumberCard.kt'
const NUMBER_ACT =
  'The My Number Act (Act No. 27 of 2013) arts. 15, 19 and 20: no one may request, collect or keep another person’s individual number outside the purposes the Act lists'

export const jpMyNumberProfile: MdocProfile = {
  docType: JP_MYNUMBER_DOCTYPE,
  name: 'My Number Card (マイナンバーカード) in Apple Wallet',
  status: 'observed',
  sources: [
    {
      title: 'Apple PassKit: PKIdentityNationalIDCardDescriptor (JP namespace)',
      url: APPLE_NATIONAL_ID,
    },
    {
      title: 'Apple: identity document provider mobile document types (entitlement)',
      url: 'https://developer.apple.com/documentation/bundleresources/entitlements/com.apple.developer.identity-document-services.document-provider.mobile-document-types',
    },
    {
      title: 'MATTR mobile credential SDK: SupportedDocType (jpMnc)',
      url: 'https://api-reference-sdk.mattr.global/mobile-credential-holder-react-native/latest/enums/SupportedDocType.html',
    },
    {
      title:
        'multipaz pull request #1276, Added Japanese My Number Card support (read from a card in Apple Wallet)',
      url: 'https://github.com/openwallet-foundation/multipaz/pull/1276',
    },
    {
      title: 'Apple Support: Appleウォレットでマイナンバーカードを使う',
      url: 'https://support.apple.com/ja-jp/122113',
    },
  ],
  namespaces: {
    [JP_MYNUMBER_NAMESPACE]: {
      full_name_unicode: {
        label: { en: 'Full name (as on the card)', ja: '氏名' },
        type: 'tstr',
        source: APPLE_NATIONAL_ID,
        status: 'official',
      },
      portrait: {
        label: { en: 'Portrait', ja: '顔写真' },
        type: 'image',
        source: APPLE_NATIONAL_ID,
        status: 'official',
      },
      resident_address_unicode: {
        label: { en: 'Address (as on the card)', ja: '住所' },
        type: 'tstr',
        source: MULTIPAZ,
      },
      birth_date_unicode: {
        label: { en: 'Date of birth (as printed)', ja: '生年月日' },
        type: 'tstr',
        source: MULTIPAZ,
      },
      sex_unicode: {
        label: { en: 'Sex (as printed)', ja: '性別' },
        type: 'tstr',
        source: MULTIPAZ,
      },
      local_gov_code_unicode: {
        label: { en: 'Local government code', ja: '市町村コード' },
        type: 'tstr',
        source: MULTIPAZ,
      },
      individual_number_unicode: {
        label: { en: 'Individual Number (My Number)', ja: '個人番号' },
        type: 'tstr',
        source: MULTIPAZ,
        restricted: NUMBER_ACT,
      },
    },
    [ISO_23220_NAMESPACE]: {
      sex: {
        label: { en: 'Sex (ISO/IEC 5218)', ja: '性別' },
        type: 'uint',
        source: MULTIPAZ,
      },
      // ISO/IEC TS 23220-2 allows { birth_date: full-date, ? approximate_mask: tstr } besides a bare full-date.
      birth_date: {
        label: { en: 'Date of birth', ja: '生年月日' },
        type: 'any',
        source: MULTIPAZ,
      },
      age_in_years: {
        label: { en: 'Age in years', ja: '年齢' },
        type: 'uint',
        source: MULTIPAZ,
      },
    },
  },
  patterns: {
    [ISO_23220_NAMESPACE]: [
      {
        pattern: '^age_over_(\\d{2})$',
        label: { en: 'Age over {NN}', ja: '{NN}歳以上' },
        type: 'bool',
        source: MULTIPAZ,
      },
    ],
  },
}
