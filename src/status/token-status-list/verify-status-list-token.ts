// Verifies a Status List Token in JWT form (`typ: statuslist+jwt`) and decodes the list it carries.
import type { KeyObject, webcrypto } from 'node:crypto'
import {
  base64url,
  type CompactJWSHeaderParameters,
  decodeProtectedHeader,
  type ProtectedHeaderParameters,
} from 'jose'
import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import { checkTimeWindow } from '../../lib/check-time-window.ts'
import { isAllowedAlgorithm } from '../../lib/jws/is-allowed-algorithm.ts'
import { toPublicKeyObject } from '../../lib/jws/to-public-key-object.ts'
import { verifyCompactJwsSignature } from '../../lib/jws/verify-compact-jws.ts'
import { isPlainObject, parseJson } from '../../lib/parse-json.ts'
import type { Clock } from '../../util/clock.ts'
import { toSeconds } from '../../util/clock.ts'
import { decodeStatusList, type StatusList } from './decode-status-list.ts'

export type SignerKey = webcrypto.CryptoKey | KeyObject

/**
 * Gives the public key that may have signed a status list, from its protected header
 * (`x5c`, `kid`, …). The caller decides which signers it trusts; throwing (or rejecting) means
 * "none". A resolver that already knows the answer may give it synchronously.
 */
export type ResolveSignerKey = (
  protectedHeader: CompactJWSHeaderParameters,
) => SignerKey | Promise<SignerKey>

export interface VerifiedStatusList {
  header: CompactJWSHeaderParameters
  /** The key the signature verified with, kept so a later reader can check it trusts the same one. */
  signerKey: KeyObject
  sub: string
  iat: number
  exp?: number
  ttl?: number
  list: StatusList
}

export type StatusListTokenFailureCode = 'status.list_invalid' | 'status.list_signature_invalid'

export type VerifyStatusListTokenResult =
  | { ok: true; value: VerifiedStatusList }
  | { ok: false; code: StatusListTokenFailureCode; message: string }

export interface VerifyStatusListTokenDeps {
  clock: Clock
  policy: Pick<VerifyPolicy, 'allowedAlgorithms' | 'clockSkewSec'>
  limits: Pick<VerifyLimits, 'maxJsonDepth' | 'maxStatusListInflatedBytes'>
  resolveSignerKey: ResolveSignerKey
}

const statusListTyp = /^(application\/)?statuslist\+jwt$/i

/**
 * Verifies `token` as the Status List Token published at `expectedUri`: header `typ`,
 * an allowed asymmetric `alg`, the signature under the caller's key, `sub` equal to the
 * URI the credential referenced, `iat` present, `exp` not passed, and a decodable list.
 */
export async function verifyStatusListToken(
  token: string,
  expectedUri: string,
  deps: VerifyStatusListTokenDeps,
): Promise<VerifyStatusListTokenResult> {
  const invalid = (message: string): VerifyStatusListTokenResult => ({
    ok: false,
    code: 'status.list_invalid',
    message,
  })
  const badSignature = (message: string): VerifyStatusListTokenResult => ({
    ok: false,
    code: 'status.list_signature_invalid',
    message,
  })

  let header: ProtectedHeaderParameters
  try {
    if (token.split('.').length !== 3) throw new TypeError('not compact')
    header = decodeProtectedHeader(token)
  } catch {
    return invalid('the status list token is not a compact JWS')
  }
  // RFC 7515 §4.1.9: `typ` compares case-insensitively and may omit `application/`.
  if (typeof header.typ !== 'string' || !statusListTyp.test(header.typ)) {
    return invalid(
      `the status list token \`typ\` is ${JSON.stringify(header.typ)}, not statuslist+jwt`,
    )
  }
  const alg = header.alg
  if (!isAllowedAlgorithm(alg, deps.policy)) {
    return badSignature(`the status list token \`alg\` ${JSON.stringify(alg)} is not allowed`)
  }

  let signerKey: KeyObject
  try {
    signerKey = toKeyObject(await deps.resolveSignerKey(header as CompactJWSHeaderParameters))
  } catch (error) {
    return badSignature(`no trusted signer for the status list: ${(error as Error).message}`)
  }

  const signature = verifyCompactJwsSignature(token, alg, signerKey)
  if (!signature.ok) {
    if (signature.reason === 'signature')
      return badSignature('the status list token signature does not verify')
    if (signature.reason === 'key')
      return badSignature(`the signer key does not fit \`alg\` ${alg}`)
    return invalid(`the status list token is malformed: ${signature.message}`)
  }
  let payloadBytes: Uint8Array
  try {
    payloadBytes = base64url.decode(token.split('.')[1] ?? '')
  } catch {
    return invalid('the status list token payload is not base64url')
  }

  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes)
  } catch {
    return invalid('the status list token payload is not UTF-8')
  }
  const parsed = parseJson(text, deps.limits.maxJsonDepth)
  if (!parsed.ok || !isPlainObject(parsed.value)) {
    return invalid('the status list token payload is not a JSON object')
  }
  const claims = parsed.value

  if (claims.sub !== expectedUri) {
    return invalid('the status list token `sub` is not the URI the credential references')
  }
  if (claims.iat === undefined) return invalid('the status list token has no `iat`')
  const window = checkTimeWindow(
    { iat: claims.iat, nbf: claims.nbf, exp: claims.exp },
    toSeconds(deps.clock.now()),
    deps.policy.clockSkewSec,
  )
  if (!window.ok) return invalid(`the status list token is not current: ${window.message}`)
  const ttl = claims.ttl
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0)) {
    return invalid('the status list token `ttl` is not a non-negative number')
  }

  const decoded = decodeStatusList(claims.status_list, {
    maxInflatedBytes: deps.limits.maxStatusListInflatedBytes,
  })
  if (!decoded.ok) return invalid(decoded.message)

  const value: VerifiedStatusList = {
    header: header as CompactJWSHeaderParameters,
    signerKey,
    sub: expectedUri,
    iat: claims.iat as number,
    list: decoded.list,
  }
  if (typeof claims.exp === 'number') value.exp = claims.exp
  if (ttl !== undefined) value.ttl = ttl
  return { ok: true, value }
}

/** One representation for every key, so keys can be compared (`KeyObject.equals`). */
export function toKeyObject(key: SignerKey): KeyObject {
  return toPublicKeyObject(key)
}
