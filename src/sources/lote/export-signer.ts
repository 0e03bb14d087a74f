// The key and certificate that sign exported lists: given by the operator, or made once and kept in the data directory.
//
// A reader of an exported LoTE trusts it by configuring this certificate as the list's signer (the
// `x5c` leaf must equal it byte for byte), so it must stay the same from one export to the next:
// it is created at first use, a self-signed ECDSA P-256 certificate made with @peculiar/x509,
// and kept as `<data-dir>/export-signer/key.jwk` (mode 0600) and `cert.pem`.
import { createPrivateKey, createPublicKey, type KeyObject, webcrypto } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KakehashiError } from '../../errors.ts'
import { decodePemCertificates, fingerprintSha256 } from '../../trust/x509/parse-certificate.ts'
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '../../trust/x509/x509-library.ts'

export interface ExportSigner {
  privateKey: KeyObject
  /** The certificate's DER, as `x5c[0]` carries it. */
  certificate: Uint8Array
  certificatePem: string
  fingerprint: string
  algorithm: 'ES256' | 'ES384' | 'ES512' | 'PS256' | 'EdDSA'
}

export interface ExportSignerLocation {
  /** `<dataDir>/export-signer/`; without it (an in-memory bridge) the signer lives in memory. */
  dataDir?: string
  /** Files the operator gives instead: a private key (JWK or PKCS #8 PEM) and its certificate (PEM). */
  keyPath?: string
  certPath?: string
  /** Subject common name of a created certificate. */
  commonName?: string
}

const VALIDITY_DAYS = 3 * 365
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const

export async function loadExportSigner(location: ExportSignerLocation): Promise<ExportSigner> {
  if (location.keyPath !== undefined || location.certPath !== undefined) {
    if (location.keyPath === undefined || location.certPath === undefined) {
      throw new KakehashiError(
        'lote.export_signer_invalid',
        'an export signer needs both a key and a certificate',
      )
    }
    return fromFiles(
      await readText(location.keyPath, 'key'),
      await readText(location.certPath, 'certificate'),
    )
  }
  if (location.dataDir === undefined) return fromCreated(await createSigner(location))
  const dir = join(location.dataDir, 'export-signer')
  const keyFile = join(dir, 'key.jwk')
  const certFile = join(dir, 'cert.pem')
  const existing = await readExisting(keyFile, certFile)
  if (existing !== undefined) return fromFiles(existing.key, existing.cert)
  const created = await createSigner(location)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  try {
    // `wx`: when another process created the signer meanwhile, its files win and are read back.
    await writeFile(certFile, created.certificatePem, { flag: 'wx' })
    await writeFile(keyFile, JSON.stringify(created.jwk), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const raced = await readExisting(keyFile, certFile)
    if (raced !== undefined) return fromFiles(raced.key, raced.cert)
    throw error
  }
  return fromCreated(created)
}

interface CreatedSigner {
  jwk: webcrypto.JsonWebKey
  certificatePem: string
}

async function createSigner(location: ExportSignerLocation): Promise<CreatedSigner> {
  const keys = (await webcrypto.subtle.generateKey(EC_KEY, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const notBefore = new Date(Date.now() - 5 * 60_000)
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
        .toString('hex')
        .replace(/^[89a-f]/, '1'),
      name: `CN=${escapeRdn(location.commonName ?? 'Kakehashi list export signer')}, O=Kakehashi`,
      notBefore,
      notAfter: new Date(notBefore.getTime() + VALIDITY_DAYS * 86_400_000),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      ],
    },
    webcrypto,
  )
  return {
    jwk: await webcrypto.subtle.exportKey('jwk', keys.privateKey),
    certificatePem: certificate.toString('pem'),
  }
}

const fromCreated = (created: CreatedSigner): ExportSigner =>
  fromFiles(JSON.stringify(created.jwk), created.certificatePem)

/** Reads a key and certificate and checks that they belong together. */
function fromFiles(keyText: string, certPem: string): ExportSigner {
  let privateKey: KeyObject
  try {
    privateKey = keyText.trimStart().startsWith('{')
      ? createPrivateKey({ key: JSON.parse(keyText), format: 'jwk' })
      : createPrivateKey(keyText)
  } catch (error) {
    throw new KakehashiError(
      'lote.export_signer_invalid',
      `the export signer key cannot be read: ${(error as Error).message}`,
    )
  }
  const [der] = decodePemCertificates(certPem)
  if (der === undefined) {
    throw new KakehashiError(
      'lote.export_signer_invalid',
      'the export signer certificate is not PEM',
    )
  }
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(der)
  } catch (error) {
    throw new KakehashiError(
      'lote.export_signer_invalid',
      `the export signer certificate cannot be read: ${(error as Error).message}`,
    )
  }
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
  if (!Buffer.from(certificate.publicKey.rawData).equals(fromKey)) {
    throw new KakehashiError(
      'lote.export_signer_invalid',
      'the export signer certificate does not certify its key',
    )
  }
  return {
    privateKey,
    certificate: der,
    certificatePem: certificate.toString('pem'),
    fingerprint: fingerprintSha256(der),
    algorithm: algorithmOf(privateKey),
  }
}

/** The JWS algorithm of a key: ECDSA by its curve, RSA as PSS (RFC 7518 §3.5), Ed25519 as EdDSA. */
function algorithmOf(key: KeyObject): ExportSigner['algorithm'] {
  const details = key.asymmetricKeyDetails
  switch (key.asymmetricKeyType) {
    case 'ec':
      if (details?.namedCurve === 'prime256v1') return 'ES256'
      if (details?.namedCurve === 'secp384r1') return 'ES384'
      if (details?.namedCurve === 'secp521r1') return 'ES512'
      break
    case 'rsa':
      if ((details?.modulusLength ?? 0) >= 2048) return 'PS256'
      break
    case 'ed25519':
      return 'EdDSA'
  }
  throw new KakehashiError(
    'lote.export_signer_invalid',
    `an export signer key of type ${key.asymmetricKeyType} ${details?.namedCurve ?? details?.modulusLength ?? ''} cannot sign a list`,
  )
}

async function readExisting(
  keyFile: string,
  certFile: string,
): Promise<{ key: string; cert: string } | undefined> {
  try {
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')])
    return { key, cert }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new KakehashiError(
      'lote.export_signer_invalid',
      `cannot read the export signer ${what} ${path}`,
      undefined,
      { cause: error },
    )
  }
}

const escapeRdn = (value: string): string => value.replace(/([,+"\\<>;=])/g, '\\$1').slice(0, 64)
