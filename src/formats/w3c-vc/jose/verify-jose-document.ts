// Verifies a credential or presentation secured as a compact JWS: `vc+jwt`/`vp+jwt` (VC-JOSE-COSE §3.1) or a VC 1.1 JWT (VCDM 1.1 §6.3.1).

import { decodeCompactJws } from '../../../lib/jws/decode-compact-jws.ts'
import { isAllowedAlgorithm } from '../../../lib/jws/is-allowed-algorithm.ts'
import { normalizeTyp } from '../../../lib/jws/normalize-typ.ts'
import { verifyCompactJwsSignature } from '../../../lib/jws/verify-compact-jws.ts'
import { decodeX5c } from '../../../trust/x509/decode-x5c.ts'
import { type DocumentKind, documentKindOf, holderIdOf, issuerIdOf } from '../types.ts'
import { checkDocument, type DataModelVersion } from './check-document.ts'
import { checkPresentationBinding, checkTimeClaims, checkVcJoseClaims } from './check-jwt-claims.ts'
import { checkJoseMediaType, checkJwt11MediaType } from './check-media-type.ts'
import { decodeJwt11 } from './decode-jwt-1-1.ts'
import { bindSigningKey, resolveSigningKey } from './resolve-signing-key.ts'
import type { ResolvedOptions } from './resolved-options.ts'
import type { VcJoseMechanism, VcJoseVerification } from './types.ts'
import { VcJoseError } from './vc-jose-error.ts'
import {
  type SecuredVerifiers,
  verifyEnvelopedCredentials,
} from './verify-enveloped-credentials.ts'

/** What the payload is, once the form (VCDM 2.0 payload, or VCDM 1.1 `vc`/`vp` claim) is known. */
interface ReadPayload {
  version: DataModelVersion
  kind: DocumentKind
  document: Record<string, unknown>
  signerId: string | undefined
  nbf?: unknown
  exp?: unknown
}

/**
 * RFC 7519 §7.2 as VC-JOSE-COSE §5.1 asks, with key discovery of §4 first. Throws VcJoseError.
 * `expect` is set for an enveloped credential, which must not turn out to be a presentation.
 */
export async function verifyJoseDocument(
  input: string,
  options: ResolvedOptions,
  expect: DocumentKind | undefined,
  verifiers: SecuredVerifiers,
): Promise<VcJoseVerification> {
  if (Buffer.byteLength(input, 'utf8') > options.limits.maxInputBytes)
    throw new VcJoseError(
      'w3c.input_too_large',
      `larger than ${options.limits.maxInputBytes} bytes`,
    )
  const compact = input.trim()
  const decoded = decodeCompactJws(compact, options.limits.maxJsonDepth)
  if (!decoded.ok)
    throw new VcJoseError(
      decoded.reason === 'depth' ? 'w3c.limit_exceeded' : 'w3c.jose_malformed',
      decoded.message,
    )
  const { header, payload } = decoded.jws
  const alg = header.alg
  if (!isAllowedAlgorithm(alg, options))
    throw new VcJoseError(
      'w3c.alg_not_allowed',
      alg === 'none'
        ? 'the JWT is unsecured (`alg: none`); unsecured claim sets are ignored (VC-JOSE-COSE §1.1.2.1)'
        : `alg ${JSON.stringify(alg)} is not one of ${options.allowedAlgorithms.join(', ')}`,
    )
  // No header parameter is understood as critical (RFC 7515 §4.1.11).
  if (Object.hasOwn(header, 'crit'))
    throw new VcJoseError(
      'w3c.crit_unsupported',
      `critical header parameters are not understood: ${JSON.stringify(header.crit)}`,
    )

  const read = readPayload(header, payload)
  if (expect !== undefined && read.kind !== expect)
    throw new VcJoseError(
      'w3c.document_invalid',
      `a ${expect} was expected, this is a ${read.kind}`,
    )
  const x5c = decodeX5cHeader(header, options)
  const signing = await resolveSigningKey(
    { kid: header.kid, jwk: header.jwk, x5c },
    read.signerId,
    options,
  )
  const signature = verifyCompactJwsSignature(compact, alg, signing.key)
  if (!signature.ok)
    throw new VcJoseError(
      signature.reason === 'signature'
        ? 'w3c.signature_invalid'
        : signature.reason === 'key'
          ? 'w3c.key_invalid'
          : 'w3c.jose_malformed',
      signature.message,
    )
  await bindSigningKey(signing.reference, read.kind, read.signerId)

  const warnings: string[] = []
  if (read.version === '2.0') checkVcJoseClaims(payload, read.kind, read.signerId)
  checkTimeClaims({ iat: payload.iat, nbf: read.nbf, exp: read.exp }, options, warnings)
  const verification: VcJoseVerification = {
    ok: true,
    mechanism: mechanismOf(read),
    credential: read.document,
    issuerKey: signing.reference,
    header,
    warnings,
  }
  if (read.kind === 'vp') {
    checkPresentationBinding({ nonce: payload.nonce, aud: payload.aud }, options)
    verification.presentation = {
      holder: read.signerId as string,
      credentials: await verifyEnvelopedCredentials(
        read.document,
        read.version,
        options,
        verifiers,
      ),
    }
  }
  return verification
}

/**
 * The form is told by the payload: a `vc` or `vp` claim is the VCDM 1.1 JWT encoding, unless the
 * header types it `vc+jwt`/`vp+jwt`, where those claims are forbidden (checked with the claims).
 */
function readPayload(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): ReadPayload {
  const typ = normalizeTyp(header.typ)
  const legacy =
    (Object.hasOwn(payload, 'vc') || Object.hasOwn(payload, 'vp')) &&
    typ !== 'vc+jwt' &&
    typ !== 'vp+jwt'
  if (legacy) {
    checkJwt11MediaType(header)
    const decoded = decodeJwt11(payload)
    checkDocument(decoded.document, decoded.kind, '1.1')
    return { version: '1.1', ...decoded }
  }
  const kind = documentKindOf(payload)
  if (kind === undefined)
    throw new VcJoseError(
      'w3c.document_invalid',
      `the payload is neither a credential nor a presentation (type ${JSON.stringify(payload.type)})`,
    )
  checkJoseMediaType(header, kind)
  checkDocument(payload, kind, '2.0')
  // A presentation's holder, or failing that `iss`, which VCDM 1.1 already made the holder.
  const signerId =
    kind === 'vc'
      ? issuerIdOf(payload)
      : (holderIdOf(payload) ?? (typeof payload.iss === 'string' ? payload.iss : undefined))
  return { version: '2.0', kind, document: payload, signerId, nbf: payload.nbf, exp: payload.exp }
}

function decodeX5cHeader(
  header: Record<string, unknown>,
  options: ResolvedOptions,
): Uint8Array[] | undefined {
  if (!Object.hasOwn(header, 'x5c')) return undefined
  const decoded = decodeX5c(header.x5c, options.limits.maxX5cCertificates)
  if (!decoded.ok) throw new VcJoseError('w3c.key_invalid', decoded.message)
  return decoded.certificates
}

const mechanismOf = ({ version, kind }: ReadPayload): VcJoseMechanism =>
  version === '1.1'
    ? kind === 'vc'
      ? 'jwt-vc-1.1'
      : 'jwt-vp-1.1'
    : kind === 'vc'
      ? 'vc+jwt'
      : 'vp+jwt'
