// Small VICALs signed with test keys: IACA certificates of two issuing authorities and a VICAL signer.
import { KeyObject, webcrypto } from 'node:crypto'
import { encodeCbor, Tag } from '../../../lib/cbor/index.ts'
import { type CoseSign1Algorithm, signCoseSign1 } from '../../../lib/cose/index.ts'
import {
  BasicConstraintsExtension,
  SubjectKeyIdentifierExtension,
  type X509Certificate,
  X509CertificateGenerator,
} from '../../../trust/x509/x509-library.ts'

export const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL'
export const PID_DOCTYPE = 'eu.europa.ec.eudi.pid.1'

export interface TestCertificate {
  der: Uint8Array
  pem: string
  certificate: X509Certificate
  privateKey: KeyObject
}

const curves = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' } as const
const hashes = { ES256: 'SHA-256', ES384: 'SHA-384', ES512: 'SHA-512' } as const

/** A self-signed certificate: an IACA (a CA with a subject key identifier) unless told otherwise. */
export async function createTestCertificate(
  name: string,
  options: { ca?: boolean; ski?: boolean; alg?: keyof typeof curves; serialNumber?: string } = {},
): Promise<TestCertificate> {
  const alg = options.alg ?? 'ES256'
  const algorithm = { name: 'ECDSA', namedCurve: curves[alg], hash: hashes[alg] }
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: options.serialNumber ?? '01a2b3',
      name,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2034-01-01T00:00:00Z'),
      keys,
      signingAlgorithm: algorithm,
      extensions: [
        ...((options.ca ?? true) ? [new BasicConstraintsExtension(true, 0, true)] : []),
        ...((options.ski ?? true)
          ? [await SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto)]
          : []),
      ],
    },
    webcrypto,
  )
  return {
    der: new Uint8Array(certificate.rawData),
    pem: certificate.toString('pem'),
    certificate,
    privateKey: KeyObject.from(keys.privateKey),
  }
}

const tdate = (iso: string) => new Tag(iso, 0)

/** A CertificateInfo describing `iaca` truthfully, with `overrides` set (undefined deletes). */
export function certificateInfo(
  iaca: TestCertificate,
  overrides: Record<string, unknown> = {},
): Map<string, unknown> {
  const ski = iaca.certificate.getExtension(SubjectKeyIdentifierExtension)?.keyId ?? ''
  const info = new Map<string, unknown>([
    ['certificate', iaca.der],
    ['serialNumber', new Tag(Buffer.from(iaca.certificate.serialNumber, 'hex'), 2)],
    ['ski', Buffer.from(ski, 'hex')],
    ['docType', [MDL_DOCTYPE]],
    ['certificateProfile', ['urn:iso:std:iso:18013:5:IACA']],
    ['notBefore', tdate('2025-01-01T00:00:00Z')],
    ['notAfter', tdate('2034-01-01T00:00:00Z')],
  ])
  return withOverrides(info, overrides)
}

export interface VicalFixture {
  issueId?: number
  date?: string
  nextUpdate?: string
  infos: Map<string, unknown>[]
  overrides?: Record<string, unknown>
}

/** The VICAL map (payload) of `fixture`. */
export function buildVical(fixture: VicalFixture): Map<string, unknown> {
  const vical = new Map<string, unknown>([
    ['version', '1.0'],
    ['vicalProvider', 'Test VICAL Provider'],
    ['date', tdate(fixture.date ?? '2026-01-01T00:00:00Z')],
    ['vicalIssueID', fixture.issueId ?? 1],
    ['nextUpdate', tdate(fixture.nextUpdate ?? '2026-12-01T00:00:00Z')],
    ['certificateInfos', fixture.infos],
  ])
  return withOverrides(vical, fixture.overrides ?? {})
}

/** `payload` (a VICAL map, or any CBOR value) signed as a COSE_Sign1 with `signer` in x5chain. */
export function signVical(
  payload: unknown,
  signer: TestCertificate,
  options: { alg?: CoseSign1Algorithm; x5chain?: Uint8Array[]; privateKey?: KeyObject } = {},
): Uint8Array {
  return signCoseSign1({
    payload: encodeCbor(payload),
    alg: options.alg ?? 'ES256',
    privateKey: options.privateKey ?? signer.privateKey,
    x5chain: options.x5chain ?? [signer.der],
  })
}

function withOverrides(
  map: Map<string, unknown>,
  overrides: Record<string, unknown>,
): Map<string, unknown> {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) map.delete(key)
    else map.set(key, value)
  }
  return map
}
