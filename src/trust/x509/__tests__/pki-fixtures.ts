// Small PKIs for the X.509 tests, made with the sandbox certificate factory.
import {
  createIntermediateCa,
  createIssuerCertificate,
  createTrustAnchor,
  type SandboxCertificate,
} from '../../../sandbox/sandbox-pki.ts'

export const DAY_MS = 86_400_000

export interface TestPki {
  ca: SandboxCertificate
  leaf: SandboxCertificate
}

/** A CA and an issuer certificate it signed, both valid from `notBefore`. */
export async function makePki(
  options: {
    name?: string
    notBefore?: Date
    caDays?: number
    leafDays?: number
    caPathLength?: number
    uris?: string[]
    dnsNames?: string[]
  } = {},
): Promise<TestPki> {
  const name = options.name ?? 'Test University'
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS)
  const ca = await createTrustAnchor({
    commonName: `${name} Root CA`,
    organisation: name,
    country: 'JP',
    validityDays: options.caDays ?? 3650,
    notBefore,
    ...(options.caPathLength !== undefined ? { pathLength: options.caPathLength } : {}),
  })
  const leaf = await createIssuerCertificate({
    ca,
    commonName: `${name} Credential Issuer`,
    organisation: name,
    country: 'JP',
    subjectAltNameUris: options.uris ?? ['https://issuer.example.jp'],
    ...(options.dnsNames !== undefined ? { dnsNames: options.dnsNames } : {}),
    validityDays: options.leafDays ?? 365,
    notBefore,
  })
  return { ca, leaf }
}

export async function makeIntermediate(
  ca: SandboxCertificate,
  pathLength?: number,
): Promise<SandboxCertificate> {
  return createIntermediateCa({
    ca,
    commonName: 'Test Intermediate CA',
    organisation: 'Test University',
    country: 'JP',
    validityDays: 1825,
    notBefore: new Date(Date.now() - DAY_MS),
    ...(pathLength !== undefined ? { pathLength } : {}),
  })
}

export async function makeLeaf(
  ca: SandboxCertificate,
  commonName = 'Second Issuer',
): Promise<SandboxCertificate> {
  return createIssuerCertificate({
    ca,
    commonName,
    organisation: 'Test University',
    country: 'JP',
    subjectAltNameUris: ['https://second.example.jp'],
    validityDays: 365,
    notBefore: new Date(Date.now() - DAY_MS),
  })
}
