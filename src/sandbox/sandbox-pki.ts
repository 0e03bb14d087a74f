// Makes the sandbox ecosystems' certificates: a self-signed CA per issuer, its issuer and mdoc signer certificates.
//
// ECDSA P-256 with SHA-256 throughout, built by @peculiar/x509 on Node's WebCrypto. Keys come back
// as JWK (the private JWK carries `d`) so they can be kept as files in the data directory.
import { randomBytes, webcrypto } from 'node:crypto'
import { KakehashiError } from '../errors.ts'
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  type Extension,
  IssuerAlternativeNameExtension,
  type JsonName,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '../trust/x509/x509-library.ts'

type JsonWebKey = webcrypto.JsonWebKey

/** A certificate with its key pair. */
export interface SandboxCertificate {
  certPem: string
  certDer: Uint8Array
  /** The private key, `d` included: keep it out of logs and out of the registry. */
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
}

interface SubjectOptions {
  commonName: string
  organisation: string
  /** ISO 3166-1 alpha-2 code (or the EUDI test code `UT`). */
  country: string
  validityDays: number
  /** Start of validity; five minutes before now by default, so clocks a little behind accept it. */
  notBefore?: Date
}

export interface CreateTrustAnchorOptions extends SubjectOptions {
  /** basicConstraints pathLenConstraint: 0 (the default) lets the CA issue end-entity certificates only. */
  pathLength?: number
}

export interface CreateIssuerCertificateOptions extends SubjectOptions {
  /** The issuing CA: what createTrustAnchor or createIntermediateCa returned. */
  ca: Pick<SandboxCertificate, 'certPem' | 'privateJwk'>
  /** uniformResourceIdentifier SAN entries; the issuer's `iss` goes here. */
  subjectAltNameUris: string[]
  /** dNSName SAN entries. */
  dnsNames?: string[]
}

export interface CreateDocumentSignerOptions extends SubjectOptions {
  /** The IACA: the issuer's sandbox CA. */
  ca: Pick<SandboxCertificate, 'certPem' | 'privateJwk'>
  /** Where the IACA can be reached (ISO/IEC 18013-5 Table B.3 issuerAltName), a URI. */
  issuerAltNameUri: string
}

export interface CreateIntermediateCaOptions extends SubjectOptions {
  ca: Pick<SandboxCertificate, 'certPem' | 'privateJwk'>
  /** basicConstraints pathLenConstraint; absent means unlimited. */
  pathLength?: number
}

const crypto = webcrypto
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const
const DAY_MS = 86_400_000
const BACKDATE_MS = 5 * 60_000

/** A self-signed CA: basicConstraints cA (pathLen 0 by default), keyUsage keyCertSign and cRLSign. */
export async function createTrustAnchor(
  options: CreateTrustAnchorOptions,
): Promise<SandboxCertificate> {
  const keys = await generateKeys()
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: subjectName(options),
      ...validity(options),
      keys,
      signingAlgorithm: SIGNING,
      extensions: [
        new BasicConstraintsExtension(true, options.pathLength ?? 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  )
  return output(certificate, keys)
}

/** An end-entity issuer certificate signed by `ca`: cA false, keyUsage digitalSignature, SAN. */
export async function createIssuerCertificate(
  options: CreateIssuerCertificateOptions,
): Promise<SandboxCertificate> {
  const sanEntries = [
    ...options.subjectAltNameUris.map((value) => ({ type: 'url' as const, value })),
    ...(options.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
  ]
  return issue(options, [
    new BasicConstraintsExtension(false, undefined, true),
    new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
    ...(sanEntries.length > 0 ? [new SubjectAlternativeNameExtension(sanEntries, false)] : []),
  ])
}

/** id-mdl-kp-mdlDS (ISO/IEC 18013-5 Annex B.1.4): the key signs mobile security objects. */
export const MDL_DS_EKU = '1.0.18013.5.1.2'

/**
 * An mdoc Document Signer certificate (ISO/IEC 18013-5 Annex B, Table B.3) under the IACA `ca`:
 * keyUsage digitalSignature and extKeyUsage mdlDS, both critical, issuerAltName, and a validity
 * cut to the IACA's. No CRL distribution point: the sandbox publishes no CRL.
 */
export async function createDocumentSignerCertificate(
  options: CreateDocumentSignerOptions,
): Promise<SandboxCertificate> {
  const caCertificate = new X509Certificate(options.ca.certPem)
  return issue(
    options,
    [
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      new ExtendedKeyUsageExtension([MDL_DS_EKU], true),
      new IssuerAlternativeNameExtension([{ type: 'url', value: options.issuerAltNameUri }], false),
    ],
    { notBefore: caCertificate.notBefore, notAfter: caCertificate.notAfter },
  )
}

/** A subordinate CA signed by `ca`, for chains longer than anchor and leaf. */
export async function createIntermediateCa(
  options: CreateIntermediateCaOptions,
): Promise<SandboxCertificate> {
  return issue(options, [
    new BasicConstraintsExtension(true, options.pathLength, true),
    new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
  ])
}

/**
 * Signs a certificate with `ca`'s key. Whether `ca` is a CA is not checked, so tests can build the
 * invalid chains a verifier must refuse.
 */
async function issue(
  options: SubjectOptions & { ca: Pick<SandboxCertificate, 'certPem' | 'privateJwk'> },
  extensions: Extension[],
  within?: { notBefore: Date; notAfter: Date },
): Promise<SandboxCertificate> {
  const caCertificate = new X509Certificate(options.ca.certPem)
  const caKey = await crypto.subtle.importKey('jwk', options.ca.privateJwk, EC_KEY, false, ['sign'])
  const keys = await generateKeys()
  const caKeyId = caCertificate.getExtension(SubjectKeyIdentifierExtension)?.keyId
  const authorityKeyId =
    caKeyId !== undefined
      ? new AuthorityKeyIdentifierExtension(caKeyId)
      : await AuthorityKeyIdentifierExtension.create(caCertificate.publicKey, false, crypto)
  const certificate = await X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: subjectName(options),
      // The CA's own encoded name, so the issuer field matches its subject byte for byte.
      issuer: caCertificate.subjectName,
      ...validity(options, within),
      publicKey: keys.publicKey,
      signingKey: caKey,
      signingAlgorithm: SIGNING,
      extensions: [
        ...extensions,
        authorityKeyId,
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  )
  return output(certificate, keys)
}

function subjectName(options: SubjectOptions): JsonName {
  for (const [name, value] of [
    ['commonName', options.commonName],
    ['organisation', options.organisation],
  ] as const) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new KakehashiError('usage.invalid', `sandbox certificate ${name} is empty`)
    }
  }
  if (!/^[A-Z]{2}$/.test(options.country)) {
    throw new KakehashiError(
      'usage.invalid',
      `sandbox certificate country ${options.country} is not two capital letters`,
    )
  }
  return [{ C: [options.country] }, { O: [options.organisation] }, { CN: [options.commonName] }]
}

function validity(
  options: SubjectOptions,
  within?: { notBefore: Date; notAfter: Date },
): { notBefore: Date; notAfter: Date } {
  if (!Number.isInteger(options.validityDays) || options.validityDays <= 0) {
    throw new KakehashiError(
      'usage.invalid',
      'sandbox certificate validityDays must be a positive integer',
    )
  }
  const notBefore = options.notBefore ?? new Date(Date.now() - BACKDATE_MS)
  // Whole seconds: certificate times carry no milliseconds.
  let start = Math.floor(notBefore.getTime() / 1000) * 1000
  let end = start + options.validityDays * DAY_MS
  if (within !== undefined) {
    start = Math.max(start, within.notBefore.getTime())
    end = Math.min(end, within.notAfter.getTime())
  }
  return { notBefore: new Date(start), notAfter: new Date(end) }
}

/** 16 random bytes, a positive INTEGER whose first byte is never zero (so DER keeps all 16). */
function randomSerial(): string {
  const bytes = randomBytes(16)
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x40
  return bytes.toString('hex')
}

function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])
}

async function output(
  certificate: X509Certificate,
  keys: webcrypto.CryptoKeyPair,
): Promise<SandboxCertificate> {
  const [privateJwk, publicJwk] = await Promise.all([
    crypto.subtle.exportKey('jwk', keys.privateKey),
    crypto.subtle.exportKey('jwk', keys.publicKey),
  ])
  return {
    certPem: certificate.toString('pem'),
    certDer: new Uint8Array(certificate.rawData),
    privateJwk: plainJwk(privateJwk),
    publicJwk: plainJwk(publicJwk),
  }
}

// WebCrypto adds `key_ops` and `ext`; without them the JWK imports for any use in any library.
function plainJwk({ key_ops: _ops, ext: _ext, ...jwk }: JsonWebKey): JsonWebKey {
  return jwk
}
