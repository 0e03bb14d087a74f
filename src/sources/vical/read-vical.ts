// Reads a signed VICAL (a COSE_Sign1 over the VICAL CBOR) into a checked list: the one way in for trust.
//
// A VICAL's signer is known out of band, so no PKIX path is built: the `x5chain` leaf must equal
// one of the configured certificates byte for byte, and the signature must verify with its key.
// Only then is the payload decoded, checked against the CDDL and its bounds, and every IACA
// certificate read: the data read is the data signed, and a list is used whole or not at all.
import { createHash, X509Certificate } from 'node:crypto'
import { type ErrorCode, KakehashiError } from '../../errors.ts'
import { CborError, type CborLimits, decodeCbor } from '../../lib/cbor/index.ts'
import { CoseError, type CoseSign1, parseCoseSign1, verifyCoseSign1 } from '../../lib/cose/index.ts'
import { type IacaCertificate, readIacaCertificates } from './read-iaca-certificates.ts'
import { VICAL_LIMITS, type Vical, zVical } from './z-vical.ts'

/** The algorithms ISO/IEC 18013-5 allows for its signatures (§9.1.3.6); RSA and MACs never. */
export const VICAL_ALGORITHMS: readonly string[] = ['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']

export interface ReadVicalOptions {
  /** DER of the certificates allowed to sign the VICAL; none means no VICAL can be accepted. */
  signers: readonly Uint8Array[]
  maxBytes?: number
  /** Milliseconds since the epoch: a VICAL past its own `notAfter` at this time is refused. */
  now?: number
}

export interface VerifiedVical {
  vical: Vical
  /** The certificate of each `certificateInfos` entry, in the same order. */
  certificates: IacaCertificate[]
  /** Lower-case hex SHA-256 of the bytes read. */
  digest: string
  signer: { der: Uint8Array; fingerprint: string; subject: string }
  /** The JOSE name of the COSE `alg`. */
  algorithm: string
}

const cborLimits: CborLimits = {
  maxDepth: VICAL_LIMITS.maxCborDepth,
  maxItems: VICAL_LIMITS.maxCborItems,
}

/** Verifies and reads `bytes`; any refusal is a `vical.*` KakehashiError saying why. */
export function readVical(bytes: Uint8Array, options: ReadVicalOptions): VerifiedVical {
  const maxBytes = Math.min(options.maxBytes ?? VICAL_LIMITS.maxBytes, VICAL_LIMITS.maxBytes)
  if (bytes.byteLength > maxBytes) {
    throw new KakehashiError('vical.too_large', `${bytes.byteLength} bytes, over ${maxBytes}`, {
      maxBytes,
    })
  }
  const sign1 = readSign1(bytes)
  const signer = checkSigner(sign1, options.signers)
  const payload = sign1.payload as Uint8Array
  const vical = parseVical(decode(payload, 'the VICAL payload'))
  checkDates(vical, options.now)
  return {
    vical,
    certificates: readIacaCertificates(vical.certificateInfos),
    digest: createHash('sha256').update(bytes).digest('hex'),
    signer,
    algorithm: sign1.alg,
  }
}

function readSign1(bytes: Uint8Array): CoseSign1 {
  let sign1: CoseSign1
  try {
    sign1 = parseCoseSign1(decode(bytes, 'the signed VICAL'))
  } catch (error) {
    if (!(error instanceof CoseError)) throw error
    const code =
      error.code === 'cose.algorithm_refused' ? 'vical.algorithm_refused' : 'vical.malformed'
    throw new KakehashiError(code, `not a COSE_Sign1 this reader accepts: ${error.message}`)
  }
  if (!VICAL_ALGORITHMS.includes(sign1.alg)) {
    throw new KakehashiError(
      'vical.algorithm_refused',
      `algorithm ${sign1.alg} is not one of ${VICAL_ALGORITHMS.join(', ')}`,
    )
  }
  if (sign1.payload === null)
    throw new KakehashiError('vical.malformed', 'the COSE_Sign1 payload is detached')
  return sign1
}

function checkSigner(sign1: CoseSign1, signers: readonly Uint8Array[]): VerifiedVical['signer'] {
  if (signers.length === 0) {
    throw new KakehashiError(
      'vical.signer_unknown',
      'the source configures no signer certificate to check the VICAL against',
    )
  }
  const leaf = sign1.x5chain[0]
  if (leaf === undefined)
    throw new KakehashiError('vical.signer_unknown', 'the COSE_Sign1 carries no x5chain')
  const der = signers.find((signer) => Buffer.from(signer).equals(leaf))
  if (der === undefined) {
    throw new KakehashiError(
      'vical.signer_unknown',
      'the x5chain leaf is not one of the configured signer certificates',
    )
  }
  let certificate: X509Certificate
  let valid: boolean
  try {
    certificate = new X509Certificate(der)
    valid = verifyCoseSign1(sign1, certificate.publicKey)
  } catch (error) {
    // The configured certificate's key cannot verify this alg at all (another curve or key type).
    throw new KakehashiError(
      'vical.signature_invalid',
      `the ${sign1.alg} signature cannot be checked with the signer's key: ${(error as Error).message}`,
    )
  }
  if (!valid)
    throw new KakehashiError(
      'vical.signature_invalid',
      `the ${sign1.alg} signature does not verify`,
    )
  return {
    der,
    fingerprint: createHash('sha256').update(der).digest('hex'),
    subject: certificate.subject.replaceAll('\n', ', ').slice(0, 2000),
  }
}

function decode(bytes: Uint8Array, what: string): unknown {
  try {
    return decodeCbor(bytes, cborLimits)
  } catch (error) {
    if (error instanceof CborError) {
      const code: ErrorCode =
        error.code === 'cbor.limit_exceeded' ? 'vical.limit_exceeded' : 'vical.malformed'
      throw new KakehashiError(code, `${what} is not CBOR this reader accepts: ${error.message}`)
    }
    // cbor-x refusing what the scan let through (an unknown simple value, say) is bad input too.
    throw new KakehashiError('vical.malformed', `${what} cannot be decoded: ${String(error)}`)
  }
}

function parseVical(payload: unknown): Vical {
  const parsed = zVical.safeParse(payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const tooMany = parsed.error.issues.find(
      (i) =>
        i.code === 'too_big' && i.origin === 'array' && i.path.join('.') === 'certificateInfos',
    )
    throw new KakehashiError(
      tooMany ? 'vical.limit_exceeded' : 'vical.schema_invalid',
      tooMany
        ? `certificateInfos: more than ${VICAL_LIMITS.maxCertificateInfos} entries`
        : `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      {
        issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path, message: i.message })),
      },
    )
  }
  const { vicalIssueID } = parsed.data
  if (vicalIssueID !== undefined && BigInt(vicalIssueID) > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new KakehashiError(
      'vical.schema_invalid',
      `vicalIssueID ${vicalIssueID} is larger than this reader can order`,
    )
  }
  return parsed.data
}

function checkDates(vical: Vical, now: number | undefined): void {
  for (const name of ['nextUpdate', 'notAfter'] as const) {
    const value = vical[name]
    if (value !== undefined && value.getTime() <= vical.date.getTime()) {
      throw new KakehashiError(
        'vical.schema_invalid',
        `${name} ${value.toISOString()} is not after date ${vical.date.toISOString()}`,
      )
    }
  }
  if (vical.notAfter !== undefined && now !== undefined && vical.notAfter.getTime() <= now) {
    throw new KakehashiError(
      'vical.expired',
      `the VICAL is not valid after ${vical.notAfter.toISOString()}`,
      { notAfter: vical.notAfter.toISOString() },
    )
  }
}
