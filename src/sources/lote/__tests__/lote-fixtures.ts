// Small LoTEs signed with test keys: a PID provider and a wallet provider, so every refusal needs no corpus.
import { webcrypto } from 'node:crypto'
import { CompactSign } from 'jose'
import {
  BasicConstraintsExtension,
  X509CertificateGenerator,
} from '../../../trust/x509/x509-library.ts'
import { SERVICE_STATUSES, SERVICE_TYPES } from '../lote-uris.ts'
import type { LoTEDocument } from '../z-lote.ts'

export interface TestKey {
  certificate: Uint8Array
  certificateBase64: string
  pem: string
  privateKey: webcrypto.CryptoKey
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }

export async function createTestKey(commonName: string, ca = false): Promise<TestKey> {
  const keys = (await webcrypto.subtle.generateKey(ECDSA, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: '0a0b',
      name: `CN=${commonName}, O=Kakehashi Tests, C=ZZ`,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2035-01-01T00:00:00Z'),
      keys,
      signingAlgorithm: ECDSA,
      extensions: ca ? [new BasicConstraintsExtension(true, 0, true)] : [],
    },
    webcrypto,
  )
  const der = new Uint8Array(certificate.rawData)
  return {
    certificate: der,
    certificateBase64: Buffer.from(der).toString('base64'),
    pem: certificate.toString('pem'),
    privateKey: keys.privateKey,
  }
}

export interface LoteFixture {
  sequence?: number
  pidCa: TestKey
  wallet: TestKey
  /** The PID provider's service status URI; absent (listed) by default, as the EU profile has it. */
  pidStatus?: string
  issued?: string
  nextUpdate?: string
}

const address = (country: string) => ({
  TEPostalAddress: [{ lang: 'en', StreetAddress: 'Rue de la Loi 1', Country: country }],
  TEElectronicAddress: [{ lang: 'en', uriValue: 'mailto:trust@example.eu' }],
})

/** A list of two entities: a PID provider (with a history) and a wallet provider. */
export function buildLote(fixture: LoteFixture): LoTEDocument {
  return {
    LoTE: {
      ListAndSchemeInformation: {
        LoTEVersionIdentifier: 1,
        LoTESequenceNumber: fixture.sequence ?? 1,
        LoTEType: 'http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList',
        SchemeOperatorName: [{ lang: 'en', value: 'Test Scheme Operator' }],
        SchemeName: [{ lang: 'en', value: 'Test PID providers' }],
        SchemeTerritory: 'EU',
        ListIssueDateTime: fixture.issued ?? '2026-01-01T00:00:00Z',
        NextUpdate: fixture.nextUpdate ?? '2026-12-01T00:00:00Z',
      },
      TrustedEntitiesList: [
        {
          TrustedEntityInformation: {
            TEName: [
              { lang: 'de', value: 'Bundesdruckerei Testanbieter' },
              { lang: 'en', value: 'Test PID Provider' },
            ],
            TETradeName: [{ lang: 'en', value: 'VATDE-123456789' }],
            TEAddress: address('DE'),
            TEInformationURI: [{ lang: 'en', uriValue: 'https://pid.example.de' }],
          },
          TrustedEntityServices: [
            {
              ServiceInformation: {
                ServiceName: [{ lang: 'en', value: 'PID issuance' }],
                ServiceTypeIdentifier: SERVICE_TYPES.pidIssuance,
                ServiceDigitalIdentity: {
                  X509Certificates: [{ val: fixture.pidCa.certificateBase64 }],
                },
                ...(fixture.pidStatus === undefined
                  ? {}
                  : {
                      ServiceStatus: fixture.pidStatus,
                      StatusStartingTime: '2026-03-01T00:00:00Z',
                    }),
              },
              ServiceHistory: [
                {
                  ServiceName: [{ lang: 'en', value: 'PID issuance' }],
                  ServiceDigitalIdentity: {
                    X509Certificates: [{ val: fixture.pidCa.certificateBase64 }],
                  },
                  ServiceStatus: SERVICE_STATUSES.granted,
                  StatusStartingTime: '2025-06-01T00:00:00Z',
                  ServiceTypeIdentifier: SERVICE_TYPES.pidIssuance,
                },
              ],
            },
          ],
        },
        {
          TrustedEntityInformation: {
            TEName: [{ lang: 'en', value: 'Test Wallet Provider' }],
            TEAddress: address('FR'),
            TEInformationURI: [{ lang: 'en', uriValue: 'https://wallet.example.fr' }],
          },
          TrustedEntityServices: [
            {
              ServiceInformation: {
                ServiceName: [{ lang: 'en', value: 'Wallet solution' }],
                ServiceTypeIdentifier: SERVICE_TYPES.walletIssuance,
                ServiceDigitalIdentity: {
                  X509Certificates: [{ val: fixture.wallet.certificateBase64 }],
                },
                ServiceStatus: SERVICE_STATUSES.granted,
                StatusStartingTime: '2025-09-01T00:00:00Z',
              },
            },
          ],
        },
      ],
    },
  }
}

/** Signs `payload` (any JSON) as a compact JWS by `signer`, with extra header members. */
export function signPayload(
  payload: unknown,
  signer: Pick<TestKey, 'certificateBase64' | 'privateKey'>,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', x5c: [signer.certificateBase64], ...header })
    .sign(signer.privateKey)
}

/** A JWS with the given header and payload and a junk signature (for `none`, MACs). */
export function unsignedJws(header: Record<string, unknown>, payload: unknown): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part(header)}.${part(payload)}.${header.alg === 'none' ? '' : 'AAAA'}`
}
