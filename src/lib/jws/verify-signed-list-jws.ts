// Verifies a list published as a compact JWS (LoTE, Japanese lists) against the signer certificates an operator configured.
//
// A list's signer is known out of band, so no PKIX path is built: the `x5c` leaf must equal one of the
// configured certificates byte for byte, and the signature must verify with that certificate's key.
// The caller maps each failure reason onto its own error codes.
import { createHash, X509Certificate } from 'node:crypto'
import { compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose'
import { decodeBase64 } from '../base64.ts'
import { parseJson } from '../parse-json.ts'
import { supportedJwsAlgorithms } from './verify-jws-signature.ts'

/** Asymmetric algorithms a list may be signed with; `none` and MACs never. */
const LIST_ALGORITHMS = supportedJwsAlgorithms.filter((alg) => alg !== 'none' && !/^HS/i.test(alg))

const MAX_X5C_CERTIFICATES = 10

export interface SignedListJwsOptions {
  /** DER of every certificate allowed to sign the list. */
  signers: readonly Uint8Array[]
  maxBytes: number
  maxJsonDepth: number
  /** `typ` header values accepted; any when absent. */
  types?: readonly string[]
}

export type SignedListJwsFailure =
  | 'too_large'
  | 'malformed'
  | 'algorithm'
  | 'crit'
  | 'type'
  | 'signer_unknown'
  | 'signature_invalid'

export type SignedListJwsResult =
  | {
      ok: true
      header: ProtectedHeaderParameters
      payload: unknown
      /** SHA-256 of the JWS as received, lower-case hex. */
      digest: string
      signer: { der: Uint8Array; fingerprint: string; subject: string }
      algorithm: string
    }
  | { ok: false; reason: SignedListJwsFailure; message: string }

const fail = (reason: SignedListJwsFailure, message: string): SignedListJwsResult => ({
  ok: false,
  reason,
  message,
})

export async function verifySignedListJws(
  jws: string,
  options: SignedListJwsOptions,
): Promise<SignedListJwsResult> {
  if (Buffer.byteLength(jws, 'utf8') > options.maxBytes) {
    return fail('too_large', `larger than ${options.maxBytes} bytes`)
  }
  const compact = jws.trim()
  // The signature part may be empty here so that `alg: none` is refused as an algorithm, by name.
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(compact)) {
    return fail('malformed', 'not a compact JWS of three base64url parts')
  }
  let header: ProtectedHeaderParameters
  try {
    header = decodeProtectedHeader(compact)
  } catch (error) {
    return fail('malformed', `the JWS header is not JSON: ${(error as Error).message}`)
  }
  const alg = header.alg
  if (typeof alg !== 'string' || !LIST_ALGORITHMS.includes(alg)) {
    return fail('algorithm', `algorithm ${String(alg)} is not allowed for a signed list`)
  }
  if (header.crit !== undefined) {
    // No extension is understood here, so RFC 7515 §4.1.11 requires refusing any that is critical.
    return fail('crit', `critical header parameters are not understood: ${String(header.crit)}`)
  }
  if (options.types !== undefined && !options.types.includes(String(header.typ))) {
    return fail('type', `typ ${String(header.typ)} is not one of ${options.types.join(', ')}`)
  }
  const x5c = header.x5c
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_X5C_CERTIFICATES) {
    return fail('signer_unknown', 'the JWS header carries no x5c signer certificate')
  }
  const decoded = typeof x5c[0] === 'string' ? decodeBase64(x5c[0]) : undefined
  if (decoded === undefined) return fail('malformed', 'x5c[0] is not base64 (RFC 7515 §4.1.6)')
  const leaf = Buffer.from(decoded)
  const der = options.signers.find((signer) => Buffer.from(signer).equals(leaf))
  if (der === undefined) {
    return fail('signer_unknown', 'the x5c leaf is not one of the configured signer certificates')
  }
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(der)
  } catch (error) {
    return fail(
      'signer_unknown',
      `the signer certificate cannot be read: ${(error as Error).message}`,
    )
  }
  let payloadBytes: Uint8Array
  try {
    const verified = await compactVerify(compact, certificate.publicKey, { algorithms: [alg] })
    payloadBytes = verified.payload
  } catch (error) {
    return fail(
      'signature_invalid',
      `the ${alg} signature does not verify: ${(error as Error).message}`,
    )
  }
  const json = parseJson(Buffer.from(payloadBytes).toString('utf8'), options.maxJsonDepth)
  if (!json.ok) return fail('malformed', `the payload is not JSON: ${json.message}`)
  return {
    ok: true,
    header,
    payload: json.value,
    digest: createHash('sha256').update(jws, 'utf8').digest('hex'),
    signer: {
      der,
      fingerprint: createHash('sha256').update(der).digest('hex'),
      subject: certificate.subject,
    },
    algorithm: alg,
  }
}
