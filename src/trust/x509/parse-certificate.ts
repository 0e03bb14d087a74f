// Parses X.509 certificates (DER, PEM, or the base64 of a JOSE `x5c` entry) without ever throwing.
import { createHash } from 'node:crypto'
import * as pkijs from 'pkijs'
import { X509Certificate } from './x509-library.ts'

/** A certificate as both libraries read it, with its bytes and their SHA-256. */
export interface ParsedCertificate {
  /** The @peculiar/x509 view: names, dates, extensions, public key. */
  certificate: X509Certificate
  /** The pkijs view, which path validation runs on. */
  pkijs: pkijs.Certificate
  /** The exact DER bytes that were parsed. */
  der: Uint8Array
  /** SHA-256 of `der`, lower-case hex: how certificates are compared and how anchors are found. */
  fingerprint: string
}

export type ParseCertificateResult =
  | { ok: true; certificate: X509Certificate; der: Uint8Array; fingerprint: string }
  | { ok: false; code: 'trust.chain_invalid'; message: string }

type ParseDerResult =
  | { ok: true; cert: ParsedCertificate }
  | { ok: false; code: 'trust.chain_invalid'; message: string }

export interface ParseDerOptions {
  /**
   * Build the @peculiar/x509 view on first use instead of now. Trust anchor sets use this: pkijs
   * needs every anchor, the other view is only read for the few that end up in a path.
   */
  deferView?: boolean
}

const pemBlock = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g
const base64Text = /^[A-Za-z0-9+/]+={0,2}$/

/** SHA-256 of a certificate's DER, lower-case hex (the registry's `fingerprint`). */
export function fingerprintSha256(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex')
}

const fail = (message: string) => ({ ok: false, code: 'trust.chain_invalid', message }) as const

/**
 * Parses one certificate from DER bytes, a PEM text holding exactly one certificate, or the
 * standard base64 of an `x5c` entry (RFC 7515 §4.1.6: base64, not base64url).
 */
export function parseCertificate(input: Uint8Array | string): ParseCertificateResult {
  const der = typeof input === 'string' ? decodeText(input) : input
  if (typeof der === 'string') return fail(der)
  const parsed = parseDer(der)
  if (!parsed.ok) return parsed
  const { certificate, fingerprint } = parsed.cert
  return { ok: true, certificate, der: parsed.cert.der, fingerprint }
}

/** Every certificate of a PEM bundle, as DER, in order; other PEM blocks are ignored. */
export function decodePemCertificates(pem: string): Uint8Array[] {
  const out: Uint8Array[] = []
  for (const match of pem.matchAll(pemBlock)) {
    const body = (match[1] ?? '').replace(/\s+/g, '')
    if (base64Text.test(body)) out.push(new Uint8Array(Buffer.from(body, 'base64')))
  }
  return out
}

/**
 * Parses DER into both library views. The whole input must be one certificate: trailing bytes
 * are refused, because both libraries would silently ignore them and two different byte strings
 * would then stand for the same certificate.
 */
export function parseDer(der: Uint8Array, options: ParseDerOptions = {}): ParseDerResult {
  if (!(der instanceof Uint8Array) || der.byteLength === 0) return fail('no bytes')
  const bytes = new Uint8Array(der) // a private copy: callers may reuse their buffers
  const framed = derSequenceLength(bytes)
  if (framed === undefined) return fail('not a DER SEQUENCE')
  if (framed > bytes.byteLength) return fail('truncated: the DER length exceeds the input')
  if (framed < bytes.byteLength)
    return fail(`${bytes.byteLength - framed} byte(s) follow the certificate`)
  let pkijsCertificate: pkijs.Certificate
  let view: X509Certificate | undefined
  try {
    pkijsCertificate = pkijs.Certificate.fromBER(bytes)
    if (!options.deferView) view = readView(bytes)
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
  const cert: ParsedCertificate = {
    get certificate(): X509Certificate {
      view ??= readView(bytes)
      return view
    },
    pkijs: pkijsCertificate,
    der: bytes,
    fingerprint: fingerprintSha256(bytes),
  }
  return { ok: true, cert }
}

function readView(bytes: Uint8Array): X509Certificate {
  const view = new X509Certificate(bytes)
  // Reading these once surfaces malformed names and dates as parse errors, not later.
  void view.subject
  void view.issuer
  void view.notBefore
  void view.notAfter
  return view
}

/**
 * The total length of the outer DER element when it is a SEQUENCE with a definite length (the
 * only shape a certificate has), else undefined. Reading two header fields is enough to tell
 * whether bytes trail the certificate, without decoding it a second time.
 */
function derSequenceLength(bytes: Uint8Array): number | undefined {
  if (bytes.byteLength < 2 || bytes[0] !== 0x30) return undefined
  const first = bytes[1] as number
  if (first < 0x80) return 2 + first
  const count = first & 0x7f
  if (count === 0 || count > 4 || bytes.byteLength < 2 + count) return undefined
  let length = 0
  for (let index = 0; index < count; index++) length = length * 256 + (bytes[2 + index] as number)
  return 2 + count + length
}

function decodeText(text: string): Uint8Array | string {
  if (text.includes('-----BEGIN')) {
    const blocks = decodePemCertificates(text)
    if (blocks.length !== 1) {
      return `expected one PEM certificate, found ${blocks.length}`
    }
    return blocks[0] as Uint8Array
  }
  const compact = text.trim()
  if (!base64Text.test(compact) || compact.length % 4 !== 0) {
    return 'neither PEM nor standard base64 DER'
  }
  return new Uint8Array(Buffer.from(compact, 'base64'))
}
