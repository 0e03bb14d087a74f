// Verifies a credential or presentation secured with COSE_Sign1: `application/vc+cose` and `vp+cose` (VC-JOSE-COSE §3.3).
import { isUtf8 } from 'node:buffer'
import { isKakehashiError } from '../../../errors.ts'
import { decodeCbor } from '../../../lib/cbor/index.ts'
import { CoseHeader, parseCoseSign1, verifyCoseSign1 } from '../../../lib/cose/index.ts'
import { isAllowedAlgorithm } from '../../../lib/jws/is-allowed-algorithm.ts'
import { JwsKeyMismatch } from '../../../lib/jws/verify-jws-signature.ts'
import { isPlainObject, parseJson } from '../../../lib/parse-json.ts'
import { type DocumentKind, documentKindOf, holderIdOf, issuerIdOf } from '../types.ts'
import { checkDocument } from './check-document.ts'
import { checkPresentationBinding, checkTimeClaims } from './check-jwt-claims.ts'
import { checkCoseMediaType } from './check-media-type.ts'
import { bindSigningKey, resolveSigningKey } from './resolve-signing-key.ts'
import type { ResolvedOptions } from './resolved-options.ts'
import type { VcJoseVerification } from './types.ts'
import { VcJoseError } from './vc-jose-error.ts'
import {
  type SecuredVerifiers,
  verifyEnvelopedCredentials,
} from './verify-enveloped-credentials.ts'

/** RFC 9596 `typ` and draft-ietf-cose-cwt-claims-in-headers `CWT Claims` labels. */
const TYP = 16
const CWT_CLAIMS = 15
/** RFC 8392 §3.1 claim keys read from `CWT Claims`. */
const CWT = { iss: 1, exp: 4, nbf: 5, iat: 6 } as const

const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$|^[A-Za-z0-9_-]*$/

/** The bytes of a COSE message: as given, or from base64 / base64url text as the W3C test suite publishes it. */
export function coseBytes(input: Uint8Array | string): Uint8Array {
  if (typeof input !== 'string') return input
  const text = input.trim()
  if (text.length === 0 || text.length % 4 === 1 || !BASE64_TEXT.test(text))
    throw new VcJoseError('w3c.cose_malformed', 'the COSE text is neither base64 nor base64url')
  return new Uint8Array(
    Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64'),
  )
}

/** RFC 9052 §4.4 verification of COSE_Sign1, as VC-JOSE-COSE §5.3 asks, with key discovery of §4 first. Throws VcJoseError. */
export async function verifyCoseDocument(
  input: Uint8Array,
  options: ResolvedOptions,
  expect: DocumentKind | undefined,
  verifiers: SecuredVerifiers,
): Promise<VcJoseVerification> {
  const { limits } = options
  if (input.byteLength > limits.maxInputBytes)
    throw new VcJoseError('w3c.input_too_large', `larger than ${limits.maxInputBytes} bytes`)
  let sign1: ReturnType<typeof parseCoseSign1>
  try {
    sign1 = parseCoseSign1(
      decodeCbor(input, { maxDepth: limits.maxCborDepth, maxItems: limits.maxCborItems }),
    )
  } catch (error) {
    if (isKakehashiError(error) && error.code === 'cose.algorithm_refused')
      throw new VcJoseError('w3c.alg_not_allowed', error.message)
    if (isKakehashiError(error) && error.code === 'cbor.limit_exceeded')
      throw new VcJoseError('w3c.limit_exceeded', error.message)
    throw new VcJoseError('w3c.cose_malformed', `not a COSE_Sign1: ${(error as Error).message}`)
  }
  if (!isAllowedAlgorithm(sign1.alg, options))
    throw new VcJoseError(
      'w3c.alg_not_allowed',
      `alg ${sign1.alg} is not one of ${options.allowedAlgorithms.join(', ')}`,
    )
  if (sign1.payload === null)
    throw new VcJoseError('w3c.cose_malformed', 'a detached payload is not a secured credential')
  if (!isUtf8(sign1.payload))
    throw new VcJoseError('w3c.cose_malformed', 'the payload is not UTF-8 JSON')
  const parsed = parseJson(Buffer.from(sign1.payload).toString('utf8'), limits.maxJsonDepth)
  if (!parsed.ok)
    throw new VcJoseError(
      parsed.reason === 'depth' ? 'w3c.limit_exceeded' : 'w3c.cose_malformed',
      `the payload is not JSON: ${parsed.message}`,
    )
  if (!isPlainObject(parsed.value))
    throw new VcJoseError('w3c.cose_malformed', 'the payload is not a JSON object')
  const document = parsed.value
  const kind = documentKindOf(document)
  if (kind === undefined)
    throw new VcJoseError(
      'w3c.document_invalid',
      `the payload is neither a credential nor a presentation (type ${JSON.stringify(document.type)})`,
    )
  const header = sign1.protectedHeader
  checkCoseMediaType(header.get(TYP), header.get(CoseHeader.contentType), kind)
  checkDocument(document, kind, '2.0')
  if (expect !== undefined && kind !== expect)
    throw new VcJoseError('w3c.document_invalid', `a ${expect} was expected, this is a ${kind}`)

  const signerId = kind === 'vc' ? issuerIdOf(document) : holderIdOf(document)
  const signing = await resolveSigningKey(
    {
      kid: kidText(header.get(CoseHeader.kid) ?? sign1.unprotectedHeader.get(CoseHeader.kid)),
      x5c: sign1.x5chain.length > 0 ? sign1.x5chain : undefined,
    },
    signerId,
    options,
  )
  let valid: boolean
  try {
    valid = verifyCoseSign1(sign1, signing.key)
  } catch (error) {
    if (error instanceof JwsKeyMismatch) throw new VcJoseError('w3c.key_invalid', error.message)
    throw error
  }
  if (!valid)
    throw new VcJoseError('w3c.signature_invalid', `the ${sign1.alg} signature does not verify`)
  await bindSigningKey(signing.reference, kind, signerId)

  const warnings: string[] = []
  const claims = cwtClaims(header.get(CWT_CLAIMS))
  if (claims.iss !== undefined && claims.iss !== signerId)
    throw new VcJoseError(
      'w3c.jwt_claims_mismatch',
      `CWT iss ${JSON.stringify(claims.iss)} is not ${JSON.stringify(signerId)}`,
    )
  checkTimeClaims(claims, options, warnings)
  const verification: VcJoseVerification = {
    ok: true,
    mechanism: kind === 'vc' ? 'vc+cose' : 'vp+cose',
    credential: document,
    issuerKey: signing.reference,
    header: headerObject(header),
    warnings,
  }
  if (kind === 'vp') {
    // A COSE presentation has no standard nonce member either; OpenID4VP-style members are read from the payload.
    checkPresentationBinding(document, options)
    verification.presentation = {
      holder: signerId as string,
      credentials: await verifyEnvelopedCredentials(document, '2.0', options, verifiers),
    }
  }
  return verification
}

/** RFC 9052 §3.1: `kid` is a byte string; as a method identifier it must be UTF-8 text. */
function kidText(kid: unknown): string | undefined {
  if (kid === undefined) return undefined
  if (!(kid instanceof Uint8Array) || !isUtf8(kid))
    throw new VcJoseError('w3c.key_unresolvable', 'the COSE kid is not a UTF-8 byte string')
  return Buffer.from(kid).toString('utf8')
}

function cwtClaims(value: unknown): { iss?: unknown; iat?: unknown; nbf?: unknown; exp?: unknown } {
  if (value === undefined) return {}
  if (!(value instanceof Map))
    throw new VcJoseError('w3c.cose_malformed', 'CWT Claims (15) is not a map')
  return {
    iss: value.get(CWT.iss),
    iat: value.get(CWT.iat),
    nbf: value.get(CWT.nbf),
    exp: value.get(CWT.exp),
  }
}

/** The protected header for the result, labels as strings and byte strings as base64url. */
function headerObject(header: ReadonlyMap<unknown, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [label, value] of header)
    out[String(label)] =
      value instanceof Uint8Array ? Buffer.from(value).toString('base64url') : value
  return out
}
