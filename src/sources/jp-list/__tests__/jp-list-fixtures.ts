// Builds Japanese trust lists with fresh test certificates, unsigned or signed as a compact JWS.
import { CompactSign } from 'jose'
import {
  createIssuerCertificate,
  createTrustAnchor,
  type SandboxCertificate,
} from '../../../sandbox/sandbox-pki.ts'
import type { TestSigner } from '../../etsi-tl/__tests__/list-fixtures.ts'
import { corporateNumberCheckDigit } from '../check-corporate-number.ts'

/** A 法人番号 with a correct check digit for a 12-digit base. */
export const corporateNumber = (base: string): string => `${corporateNumberCheckDigit(base)}${base}`

/** The same number with its check digit off by one: a typing error the check must catch. */
export const wrongCheckDigit = (base: string): string =>
  `${(corporateNumberCheckDigit(base) % 9) + 1}${base}`

export interface JpTestCertificates {
  accreditedCa: SandboxCertificate
  jpkiSignatureCa: SandboxCertificate
  /** An end-entity certificate, trusted as it is rather than as an anchor. */
  gpkiServer: SandboxCertificate
}

export async function createJpTestCertificates(): Promise<JpTestCertificates> {
  const subject = (commonName: string) => ({
    commonName,
    organisation: 'Kakehashi Tests',
    country: 'JP',
    validityDays: 3650,
    notBefore: new Date('2025-01-01T00:00:00Z'),
  })
  const accreditedCa = await createTrustAnchor(subject('Test Accredited CA'))
  const jpkiSignatureCa = await createTrustAnchor(subject('Test JPKI Signature CA'))
  const gpkiServer = await createIssuerCertificate({
    ...subject('Test GPKI Service'),
    ca: jpkiSignatureCa,
    subjectAltNameUris: ['https://gpki.test.example'],
  })
  return { accreditedCa, jpkiSignatureCa, gpkiServer }
}

export interface JpListFixtureOptions {
  sequenceNumber?: number
  /** Status of the accredited service now; `granted` by default. */
  accreditedStatus?: 'granted' | 'suspended' | 'withdrawn'
  entityCorporateNumber?: string
}

/** A list with an accredited CA, a JPKI CA and a GPKI end-entity certificate, names in three scripts. */
export function buildJpTrustList(
  certificates: JpTestCertificates,
  options: JpListFixtureOptions = {},
): Record<string, unknown> {
  const withdrawn = options.accreditedStatus === 'withdrawn'
  return {
    kakehashiJpTrustList: 1,
    listId: 'test-jp-list',
    operator: {
      names: [
        { lang: 'ja', value: '試験トラストリスト運営者' },
        { lang: 'en', value: 'Test Trust List Operator' },
      ],
      corporateNumber: corporateNumber('123456789012'),
    },
    sequenceNumber: options.sequenceNumber ?? 5,
    issuedAt: '2026-05-01T00:00:00Z',
    nextUpdate: '2026-11-01T00:00:00Z',
    frameworks: [
      {
        id: 'jp.test.esig',
        names: [
          { lang: 'ja', value: '電子署名法 認定認証業務（試験）' },
          { lang: 'en', value: 'Accredited certification services (test)' },
        ],
      },
      {
        id: 'jp.test.mynumber',
        names: [{ lang: 'en', value: 'My Number Card (test)' }],
        assuranceLevels: ['IAL2', 'IAL3'],
      },
    ],
    entities: [
      {
        id: 'accredited-ca',
        names: [
          { lang: 'ja-Jpan', value: '試験認証株式会社' },
          { lang: 'ja-Kana', value: 'シケンニンショウカブシキガイシャ' },
          { lang: 'ja-Latn', value: 'Shiken Ninshō Kabushiki-gaisha' },
          { lang: 'en', value: 'Test Certification Co., Ltd.' },
        ],
        corporateNumber: options.entityCorporateNumber ?? corporateNumber('011001098993'),
        services: [
          {
            id: 'signing',
            type: 'jp.esig.accredited',
            framework: 'jp.test.esig',
            names: [{ lang: 'ja', value: '試験認証サービス' }],
            status: options.accreditedStatus ?? 'granted',
            statusStartingTime: withdrawn ? '2026-04-01T00:00:00Z' : '2024-04-01T00:00:00+09:00',
            statusHistory: withdrawn
              ? [
                  { status: 'granted', from: '2024-04-01T00:00:00+09:00' },
                  { status: 'suspended', from: '2023-10-01T00:00:00Z' },
                  { status: 'granted', from: '2021-04-01T00:00:00+09:00' },
                ]
              : [
                  { status: 'suspended', from: '2023-10-01T00:00:00Z' },
                  { status: 'granted', from: '2021-04-01T00:00:00+09:00' },
                ],
            certificates: [certificates.accreditedCa.certPem],
          },
        ],
      },
      {
        id: 'jpki',
        names: [
          { lang: 'ja', value: '試験地方公共団体情報システム機構' },
          { lang: 'en', value: 'Test J-LIS' },
        ],
        services: [
          {
            id: 'signature',
            type: 'jp.jpki.signature',
            framework: 'jp.test.mynumber',
            credentialTypes: ['urn:kakehashi:test:jp.mynumber-identity:1'],
            assuranceLevel: 'IAL3',
            status: 'granted',
            statusStartingTime: '2016-01-01T00:00:00+09:00',
            certificates: [certificates.jpkiSignatureCa.certPem],
          },
          {
            id: 'gpki-server',
            type: 'jp.gpki.government-ca',
            framework: 'jp.test.mynumber',
            role: 'trust_service_provider',
            status: 'granted',
            statusStartingTime: '2020-01-01T00:00:00Z',
            certificates: [certificates.gpkiServer.certPem],
          },
        ],
      },
    ],
  }
}

/** The list as a compact JWS with the signer's certificate as x5c[0]. */
export function signJpTrustList(
  list: unknown,
  signer: Pick<TestSigner, 'certificateBase64' | 'privateKey'>,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(list)))
    .setProtectedHeader({ alg: 'ES256', x5c: [signer.certificateBase64], ...header })
    .sign(signer.privateKey)
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
