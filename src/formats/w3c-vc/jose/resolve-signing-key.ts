// Finds the key that signed a credential or presentation (`x5c`, `kid` or `jwk`) and binds it to its signer.
import type { KeyObject } from 'node:crypto'
import { calculateJwkThumbprint } from 'jose'
import { hasPrivateMembers, publicJwk } from '../../../lib/jws/public-jwk.ts'
import { publicKeyOfCertificate, publicKeyOfJwk } from '../../../lib/jws/public-key-cache.ts'
import { isPlainObject } from '../../../lib/parse-json.ts'
import type { DocumentKind, IssuerKeyReference, VerificationRelationship } from '../types.ts'
import type { ResolvedOptions } from './resolved-options.ts'
import { VcJoseError } from './vc-jose-error.ts'

export interface KeyHints {
  kid?: unknown
  jwk?: unknown
  /** DER certificates, leaf first, already decoded from `x5c` (JOSE) or `x5chain` (COSE). */
  x5c?: Uint8Array[]
}

export interface SigningKey {
  key: KeyObject
  reference: IssuerKeyReference
}

/** RFC 3986 §3.1: an absolute URL (a DID URL included) starts with its scheme. */
const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:/

const THUMBPRINT_URN = 'urn:ietf:params:oauth:jwk-thumbprint:sha-256:'

/**
 * The identifier of the verification method a `kid` names. VC-JOSE-COSE §4.1.2 lets `kid`
 * "distinguish the specific key" of the signer that `iss` names, and §4.2 asks for an absolute
 * URL when `iss` is absent. A relative `kid` (`#key-1`, or a bare key id such as the RFC 7638
 * thumbprints of the W3C test suite, whose COSE vectors carry no `iss`) is read as a fragment of
 * the signer's controlled identifier document. That cannot let a foreign key in: the method's
 * controller must still be the signer.
 */
export function methodIdFor(kid: string, signerId: string | undefined): string | undefined {
  if (ABSOLUTE_URL.test(kid)) return kid
  if (signerId === undefined) return undefined
  const document = signerId.split('#')[0] as string
  return kid.startsWith('#') ? `${document}${kid}` : `${document}#${kid}`
}

/**
 * Precedence: `x5c` (a certificate path binds the key to its subject), then `kid` (a
 * verification method, bound to its controller), then `jwk` (a bare key, bound by its
 * thumbprint). A `jwk` with private members is refused whichever key is used.
 */
export async function resolveSigningKey(
  hints: KeyHints,
  signerId: string | undefined,
  options: ResolvedOptions,
): Promise<SigningKey> {
  if (hints.jwk !== undefined) {
    if (!isPlainObject(hints.jwk))
      throw new VcJoseError('w3c.key_invalid', 'the `jwk` header is not a JSON object')
    if (hasPrivateMembers(hints.jwk))
      throw new VcJoseError('w3c.jwk_private', 'the `jwk` header carries private key members')
  }
  const leaf = hints.x5c?.[0]
  if (hints.x5c !== undefined && leaf !== undefined) {
    try {
      return { key: publicKeyOfCertificate(leaf), reference: { kind: 'x5c', x5c: hints.x5c } }
    } catch (error) {
      throw new VcJoseError(
        'w3c.key_invalid',
        `the first x5c certificate cannot be read: ${(error as Error).message}`,
      )
    }
  }
  if (hints.kid !== undefined) {
    if (typeof hints.kid !== 'string' || hints.kid.length === 0)
      throw new VcJoseError('w3c.key_unresolvable', '`kid` is not a non-empty string')
    if (hints.kid.length > options.limits.maxKidLength)
      throw new VcJoseError(
        'w3c.limit_exceeded',
        `\`kid\` is longer than ${options.limits.maxKidLength} characters`,
      )
    const methodId = methodIdFor(hints.kid, signerId)
    if (methodId === undefined)
      throw new VcJoseError(
        'w3c.key_unresolvable',
        `kid ${JSON.stringify(hints.kid)} is relative and the document names no signer to resolve it against`,
      )
    try {
      const method = await options.resolveVerificationMethod(methodId)
      return { key: method.publicKey, reference: { kind: 'verificationMethod', method } }
    } catch (error) {
      throw new VcJoseError(
        'w3c.key_unresolvable',
        `verification method ${methodId.slice(0, 200)} cannot be resolved: ${(error as Error).message}`,
      )
    }
  }
  if (hints.jwk !== undefined) {
    const jwk = publicJwk(hints.jwk as Record<string, unknown>)
    if (jwk === undefined)
      throw new VcJoseError(
        'w3c.key_invalid',
        'the `jwk` header is not an EC, OKP or RSA public key',
      )
    let key: KeyObject
    try {
      key = publicKeyOfJwk(jwk as Record<string, unknown>)
    } catch (error) {
      throw new VcJoseError(
        'w3c.key_invalid',
        `the \`jwk\` header is no key: ${(error as Error).message}`,
      )
    }
    const thumbprint = await calculateJwkThumbprint(jwk, 'sha256')
    return { key, reference: { kind: 'jwk', jwk: jwk as Record<string, unknown>, thumbprint } }
  }
  throw new VcJoseError('w3c.key_unresolvable', 'the envelope names no key (no x5c, kid or jwk)')
}

/**
 * Binds the signing key to the document's signer: the issuer of a credential, whose method must
 * be an `assertionMethod`, or the holder of a presentation, whose method must be listed under
 * `authentication` (CID 1.0 §2.3). A `jwk` is bound when the signer is named by that key
 * (`did:jwk`, or an RFC 9278 thumbprint URN); a presentation must be, a credential's issuer key
 * is otherwise left for issuer trust to bind by thumbprint, as certificates are left to path
 * validation. A presentation signed under a certificate cannot be bound to a holder here.
 */
export async function bindSigningKey(
  reference: IssuerKeyReference,
  kind: DocumentKind,
  signerId: string | undefined,
): Promise<void> {
  const role = kind === 'vc' ? 'issuer' : 'holder'
  const code = kind === 'vc' ? 'w3c.key_not_issuer' : 'w3c.key_not_holder'
  if (signerId === undefined)
    throw new VcJoseError(code, `the ${role} is not named, so the signer cannot be bound to it`)
  if (reference.kind === 'verificationMethod') {
    const { method } = reference
    if (method.controller !== signerId)
      throw new VcJoseError(
        code,
        `method ${method.id} is controlled by ${method.controller}, not the ${role} ${signerId}`,
      )
    const relationship: VerificationRelationship =
      kind === 'vc' ? 'assertionMethod' : 'authentication'
    if (!method.relationships.has(relationship))
      throw new VcJoseError(
        'w3c.key_not_authorised',
        `method ${method.id} is not listed under ${relationship}`,
      )
    return
  }
  if (reference.kind === 'jwk') {
    const named = await thumbprintNamedBy(signerId)
    if (named === reference.thumbprint) return
    if (named !== undefined || kind === 'vp')
      throw new VcJoseError(code, `the \`jwk\` header is not the key of the ${role} ${signerId}`)
    return
  }
  if (kind === 'vp')
    throw new VcJoseError(
      code,
      'a presentation signed under an x5c certificate names no holder key',
    )
}

/** The JWK thumbprint an identifier is made of (`did:jwk:…`, a thumbprint URN); undefined for others. */
async function thumbprintNamedBy(id: string): Promise<string | undefined> {
  if (id.startsWith(THUMBPRINT_URN)) return id.slice(THUMBPRINT_URN.length)
  const match = /^did:jwk:([A-Za-z0-9_-]{1,4096})(?:#0)?$/.exec(id)
  if (match === null) return undefined
  try {
    const decoded: unknown = JSON.parse(
      Buffer.from(match[1] as string, 'base64url').toString('utf8'),
    )
    const jwk = isPlainObject(decoded) ? publicJwk(decoded) : undefined
    return jwk === undefined ? '' : await calculateJwkThumbprint(jwk, 'sha256')
  } catch {
    return ''
  }
}
