// The sandbox issuers' keys and certificates: made fresh at first start, kept in the data directory.
import type { webcrypto } from 'node:crypto'

type JsonWebKey = webcrypto.JsonWebKey

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KakehashiError } from '../errors.ts'
import { decodePemCertificates } from '../trust/x509/parse-certificate.ts'
import { issuesW3cCredentials, type SandboxIssuer } from './sandbox-ecosystems.ts'
import {
  createDocumentSignerCertificate,
  createIssuerCertificate,
  createTrustAnchor,
} from './sandbox-pki.ts'
import { loadOrCreateW3cKeys, type SandboxW3cKeys } from './sandbox-w3c-keys.ts'

/** The ISO/IEC 18013-5 Document Signer of an issuer that issues mdocs; its CA is the IACA. */
export interface SandboxDocumentSigner {
  certPem: string
  /** DER of the certificate, as the mdoc `x5chain` carries it. */
  certDer: Uint8Array
  privateJwk: JsonWebKey
}

export interface SandboxKeys {
  caCertPem: string
  issuerCertPem: string
  /** Base64 DER of the issuer certificate, as it goes into `x5c`. */
  issuerCertBase64: string
  issuerPrivateJwk: JsonWebKey
  /** Present for the issuers with an mdoc (`SandboxIssuer.mdoc`). */
  documentSigner?: SandboxDocumentSigner
  /** Present for the issuers of W3C credentials: their did:key and did:jwk keys. */
  w3c?: SandboxW3cKeys
}

const ANCHOR_VALIDITY_DAYS = 3650
const ISSUER_VALIDITY_DAYS = 825

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT'

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
    if (isMissing(error)) return undefined
    throw error
  }
}

async function readDocumentSigner(dir: string): Promise<SandboxDocumentSigner | undefined> {
  try {
    const [certPem, key] = await Promise.all([
      readFile(join(dir, 'ds.pem'), 'utf8'),
      readFile(join(dir, 'ds-key.jwk.json'), 'utf8'),
    ])
    return { certPem, certDer: certificateDer(certPem), privateJwk: JSON.parse(key) }
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

const certificateDer = (pem: string): Uint8Array =>
  decodePemCertificates(pem)[0] ?? new Uint8Array()

/** The certificate's DER in standard base64, as a JOSE `x5c` entry carries it (RFC 7515 §4.1.6). */
const x5cEntry = (pem: string): string => Buffer.from(certificateDer(pem)).toString('base64')

async function createDocumentSigner(
  issuer: SandboxIssuer,
  ca: { certPem: string; privateJwk: JsonWebKey },
): Promise<SandboxDocumentSigner> {
  const ds = await createDocumentSignerCertificate({
    ca,
    commonName: `${issuer.organisation} Document Signer`,
    organisation: issuer.organisation,
    country: issuer.seat,
    issuerAltNameUri: issuer.iss,
    validityDays: ISSUER_VALIDITY_DAYS,
  })
  return { certPem: ds.certPem, certDer: ds.certDer, privateJwk: ds.privateJwk }
}

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
  const keys: SandboxKeys = {
    caCertPem: ca.certPem,
    issuerCertPem: leaf.certPem,
    issuerCertBase64: x5cEntry(leaf.certPem),
    issuerPrivateJwk: leaf.privateJwk,
  }
  if (issuer.mdoc !== undefined) keys.documentSigner = await createDocumentSigner(issuer, ca)
  return { keys, caPrivateJwk: ca.privateJwk }
}

async function writeDocumentSigner(dir: string, ds: SandboxDocumentSigner): Promise<void> {
  await writeFile(join(dir, 'ds-key.jwk.json'), JSON.stringify(ds.privateJwk), { mode: 0o600 })
  await writeFile(join(dir, 'ds.pem'), ds.certPem)
}

/**
 * A data directory from before mdoc issuance has no Document Signer: one is made under the
 * existing CA, so the trust anchor in the registry stays the same.
 */
async function addDocumentSigner(
  dir: string,
  issuer: SandboxIssuer,
  keys: SandboxKeys,
): Promise<SandboxKeys> {
  const existing = await readDocumentSigner(dir)
  if (existing !== undefined) return { ...keys, documentSigner: existing }
  let caPrivateJwk: JsonWebKey
  try {
    caPrivateJwk = JSON.parse(await readFile(join(dir, 'ca-key.jwk.json'), 'utf8'))
  } catch {
    throw new KakehashiError(
      'config.invalid',
      `the sandbox CA key of ${issuer.id} is missing in ${dir}: no Document Signer can be made (remove the directory to start afresh)`,
    )
  }
  const documentSigner = await createDocumentSigner(issuer, {
    certPem: keys.caCertPem,
    privateJwk: caPrivateJwk,
  })
  await writeDocumentSigner(dir, documentSigner)
  return { ...keys, documentSigner }
}

/**
 * The issuer's keys from `<dataDir>/sandbox/<issuer>/`, created there at first use (private keys
 * mode 0600). Without a data directory (tests) they live in memory only.
 */
export async function loadOrCreateSandboxKeys(
  dataDir: string | undefined,
  issuer: SandboxIssuer,
): Promise<SandboxKeys> {
  const keys = await loadOrCreateX509Keys(dataDir, issuer)
  if (!issuesW3cCredentials(issuer)) return keys
  // A data directory from before W3C issuance gets the W3C keys beside the existing ones.
  const dir = dataDir === undefined ? undefined : join(dataDir, 'sandbox', issuer.id)
  return { ...keys, w3c: await loadOrCreateW3cKeys(dir) }
}

async function loadOrCreateX509Keys(
  dataDir: string | undefined,
  issuer: SandboxIssuer,
): Promise<SandboxKeys> {
  if (dataDir === undefined) return (await createKeys(issuer)).keys
  const dir = join(dataDir, 'sandbox', issuer.id)
  const existing = await readKeys(dir)
  if (existing) return issuer.mdoc ? addDocumentSigner(dir, issuer, existing) : existing
  const { keys, caPrivateJwk } = await createKeys(issuer)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await writeFile(join(dir, 'ca-key.jwk.json'), JSON.stringify(caPrivateJwk), { mode: 0o600 })
  await writeFile(join(dir, 'issuer-key.jwk.json'), JSON.stringify(keys.issuerPrivateJwk), {
    mode: 0o600,
  })
  await writeFile(join(dir, 'ca.pem'), keys.caCertPem)
  await writeFile(join(dir, 'issuer.pem'), keys.issuerCertPem)
  if (keys.documentSigner) await writeDocumentSigner(dir, keys.documentSigner)
  return keys
}
