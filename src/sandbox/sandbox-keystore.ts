// The sandbox issuers' keys and certificates: made fresh at first start, kept in the data directory.
import type { webcrypto } from 'node:crypto'

type JsonWebKey = webcrypto.JsonWebKey

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodePemCertificates } from '../trust/x509/parse-certificate.ts'
import type { SandboxIssuer } from './sandbox-ecosystems.ts'
import { createIssuerCertificate, createTrustAnchor } from './sandbox-pki.ts'

export interface SandboxKeys {
  caCertPem: string
  issuerCertPem: string
  /** Base64 DER of the issuer certificate, as it goes into `x5c`. */
  issuerCertBase64: string
  issuerPrivateJwk: JsonWebKey
}

const ANCHOR_VALIDITY_DAYS = 3650
const ISSUER_VALIDITY_DAYS = 825

async function readKeys(dir: string): Promise<SandboxKeys | undefined> {
  try {
    const [caCertPem, issuerCertPem, key] = await Promise.all([
      readFile(join(dir, 'ca.pem'), 'utf8'),
      readFile(join(dir, 'issuer.pem'), 'utf8'),
      readFile(join(dir, 'issuer-key.jwk.json'), 'utf8'),
    ])
    return {
      caCertPem,
      issuerCertPem,
      issuerCertBase64: x5cEntry(issuerCertPem),
      issuerPrivateJwk: JSON.parse(key),
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** The certificate's DER in standard base64, as a JOSE `x5c` entry carries it (RFC 7515 §4.1.6). */
const x5cEntry = (pem: string): string =>
  Buffer.from(decodePemCertificates(pem)[0] ?? []).toString('base64')

async function createKeys(
  issuer: SandboxIssuer,
): Promise<{ keys: SandboxKeys; caPrivateJwk: JsonWebKey }> {
  const ca = await createTrustAnchor({
    commonName: `${issuer.organisation} Sandbox Root CA`,
    organisation: issuer.organisation,
    country: issuer.seat,
    validityDays: ANCHOR_VALIDITY_DAYS,
  })
  const leaf = await createIssuerCertificate({
    ca,
    commonName: `${issuer.organisation} Credential Issuer`,
    organisation: issuer.organisation,
    country: issuer.seat,
    subjectAltNameUris: [issuer.iss],
    validityDays: ISSUER_VALIDITY_DAYS,
  })
  return {
    keys: {
      caCertPem: ca.certPem,
      issuerCertPem: leaf.certPem,
      issuerCertBase64: x5cEntry(leaf.certPem),
      issuerPrivateJwk: leaf.privateJwk,
    },
    caPrivateJwk: ca.privateJwk,
  }
}

/**
 * The issuer's keys from `<dataDir>/sandbox/<issuer>/`, created there at first use (private keys
 * mode 0600). Without a data directory (tests) they live in memory only.
 */
export async function loadOrCreateSandboxKeys(
  dataDir: string | undefined,
  issuer: SandboxIssuer,
): Promise<SandboxKeys> {
  if (dataDir === undefined) return (await createKeys(issuer)).keys
  const dir = join(dataDir, 'sandbox', issuer.id)
  const existing = await readKeys(dir)
  if (existing) return existing
  const { keys, caPrivateJwk } = await createKeys(issuer)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await writeFile(join(dir, 'ca-key.jwk.json'), JSON.stringify(caPrivateJwk), { mode: 0o600 })
  await writeFile(join(dir, 'issuer-key.jwk.json'), JSON.stringify(keys.issuerPrivateJwk), {
    mode: 0o600,
  })
  await writeFile(join(dir, 'ca.pem'), keys.caCertPem)
  await writeFile(join(dir, 'issuer.pem'), keys.issuerCertPem)
  return keys
}
