// A My Number identity mdoc defined by Kakehashi for its sandbox issuers; no real issuer uses it.
import type { MdocElementProfile, MdocElementType, MdocProfile } from './profile-types.ts'

/** Under no registered domain on purpose, so it cannot pass for an identifier of the Digital Agency or J-LIS. */
export const JP_MYNUMBER_SANDBOX_DOCTYPE = 'kakehashi.sandbox.jp.mynumber.1'
export const JP_MYNUMBER_SANDBOX_NAMESPACE = 'kakehashi.sandbox.jp.mynumber.1'

const element = (type: MdocElementType, en: string, ja: string): MdocElementProfile => ({
  label: { en, ja },
  type,
  source: 'sandbox',
})

/**
 * Names follow ISO/IEC TS 23220-2 (`_unicode`, `_latin1`) and ISO/IEC 18013-5 where one fits. The individual
 * number is left out on purpose: the My Number Act restricts collecting it.
 */
export const jpMyNumberSandboxProfile: MdocProfile = {
  docType: JP_MYNUMBER_SANDBOX_DOCTYPE,
  name: 'Kakehashi sandbox: Japanese My Number identity (not an official credential)',
  status: 'sandbox',
  sources: [{ title: 'Kakehashi docs/mdoc-profiles.md', url: 'docs/mdoc-profiles.md' }],
  namespaces: {
    [JP_MYNUMBER_SANDBOX_NAMESPACE]: {
      full_name_unicode: element('tstr', 'Full name (kanji)', '氏名'),
      family_name_unicode: element('tstr', 'Family name (kanji)', '氏'),
      given_name_unicode: element('tstr', 'Given name (kanji)', '名'),
      full_name_kana: element('tstr', 'Full name (kana)', '氏名（フリガナ）'),
      family_name_kana: element('tstr', 'Family name (kana)', '氏（フリガナ）'),
      given_name_kana: element('tstr', 'Given name (kana)', '名（フリガナ）'),
      family_name_latin1: element('tstr', 'Family name (Latin)', '氏（ローマ字）'),
      given_name_latin1: element('tstr', 'Given name (Latin)', '名（ローマ字）'),
      birth_date: element('full-date', 'Date of birth', '生年月日'),
      sex: element('uint', 'Sex (ISO/IEC 5218)', '性別'),
      resident_address_unicode: element('tstr', 'Address (Japanese)', '住所'),
      nationality: element('tstr', 'Nationality', '国籍'),
      issuing_authority_unicode: element('tstr', 'Issuing authority', '発行者'),
      issue_date: element('full-date', 'Date of issue', '交付日'),
      expiry_date: element('full-date', 'Date of expiry', '有効期限'),
      age_over_18: element('bool', 'Age over 18', '18歳以上'),
      portrait: element('image', 'Portrait', '顔写真'),
    },
  },
  patterns: {
    [JP_MYNUMBER_SANDBOX_NAMESPACE]: [
      {
        pattern: '^age_over_(\\d{2})$',
        label: { en: 'Age over {NN}', ja: '{NN}歳以上' },
        type: 'bool',
        source: 'sandbox',
      },
    ],
  },
}
