// VC Data Model 1.1 §6.3.1: turns a JWT's `vc`/`vp` claim and registered claims back into the credential or presentation.
import { isoTime } from '../../../lib/iso-time.ts'
import { isPlainObject } from '../../../lib/parse-json.ts'
import { type DocumentKind, holderIdOf, issuerIdOf } from '../types.ts'
import { VcJoseError } from './vc-jose-error.ts'

export interface DecodedJwt11 {
  kind: DocumentKind
  document: Record<string, unknown>
  /** The issuer of a credential or the holder of a presentation, after decoding. */
  signerId: string | undefined
  /** The validity window of the decoded document, in NumericDate seconds. */
  nbf?: number
  exp?: number
}

/**
 * Applies the decoding direction of §6.3.1: the content of `vc` (or `vp`) is the new document,
 * and each registered claim present *sets* its member (`iss` → `issuer` or `holder`, `nbf` →
 * `issuanceDate`, `exp` → `expirationDate`, `jti` → `id`, `sub` → `credentialSubject.id`). Where
 * the claim set also states that member, §6.3.1's encoding rule says the claim "MUST represent"
 * it; a differing value is refused (`w3c.jwt_claims_mismatch`) instead of being silently
 * overwritten. Time claims must be NumericDates (`w3c.time_claim_invalid`).
 */
export function decodeJwt11(payload: Record<string, unknown>): DecodedJwt11 {
  const hasVc = Object.hasOwn(payload, 'vc')
  const hasVp = Object.hasOwn(payload, 'vp')
  if (hasVc === hasVp)
    throw new VcJoseError('w3c.jose_malformed', 'a VC 1.1 JWT carries exactly one of `vc` and `vp`')
  const kind: DocumentKind = hasVc ? 'vc' : 'vp'
  const claim = payload[kind]
  if (!isPlainObject(claim))
    throw new VcJoseError('w3c.jose_malformed', `the \`${kind}\` claim is not a JSON object`)
  const document: Record<string, unknown> = { ...claim }
  const { iss, jti, sub } = payload
  const nbf = numericDate(payload, 'nbf')
  const exp = numericDate(payload, 'exp')

  if (jti !== undefined) setMember(document, 'id', jti, 'jti')
  if (kind === 'vc') {
    if (iss !== undefined) {
      if (document.issuer === undefined) document.issuer = iss
      else if (issuerIdOf(document) !== iss) mismatch('iss', 'issuer')
    }
    if (nbf !== undefined) setDate(document, 'issuanceDate', nbf, 'nbf')
    if (exp !== undefined) setDate(document, 'expirationDate', exp, 'exp')
    if (sub !== undefined) setSubjectId(document, sub)
  } else if (iss !== undefined) {
    if (document.holder === undefined) document.holder = iss
    else if (holderIdOf(document) !== iss) mismatch('iss', 'holder')
  }

  const signerId = kind === 'vc' ? issuerIdOf(document) : holderIdOf(document)
  // The window follows the decoded document, so a credential without `nbf`/`exp` is still held to its dates.
  const decodedNbf = nbf ?? dateSeconds(document.issuanceDate, 'issuanceDate')
  const decodedExp = exp ?? dateSeconds(document.expirationDate, 'expirationDate')
  return {
    kind,
    document,
    signerId,
    ...(decodedNbf === undefined ? {} : { nbf: decodedNbf }),
    ...(decodedExp === undefined ? {} : { exp: decodedExp }),
  }
}

/** ECMAScript's time range (±8.64e15 ms): a NumericDate beyond it names no date. */
const MAX_DATE_SECONDS = 8.64e12

function numericDate(payload: Record<string, unknown>, name: 'nbf' | 'exp'): number | undefined {
  const value = payload[name]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new VcJoseError('w3c.time_claim_invalid', `\`${name}\` is not a NumericDate`)
  return value
}

function mismatch(claim: string, member: string): never {
  throw new VcJoseError(
    'w3c.jwt_claims_mismatch',
    `the JWT claim \`${claim}\` and the \`${member}\` it represents differ`,
  )
}

function setMember(
  document: Record<string, unknown>,
  member: string,
  value: unknown,
  claim: string,
): void {
  if (document[member] === undefined) document[member] = value
  else if (document[member] !== value) mismatch(claim, member)
}

/** A date member and its NumericDate agree when they name the same second. */
function setDate(
  document: Record<string, unknown>,
  member: string,
  seconds: number,
  claim: string,
): void {
  const stated = document[member]
  if (stated === undefined) {
    if (!(Math.abs(seconds) <= MAX_DATE_SECONDS))
      throw new VcJoseError('w3c.time_claim_invalid', `\`${claim}\` is outside the range of dates`)
    document[member] = isoTime(seconds * 1000)
    return
  }
  if (dateSeconds(stated, member) !== Math.floor(seconds)) mismatch(claim, member)
}

function dateSeconds(value: unknown, member: string): number | undefined {
  if (value === undefined) return undefined
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN
  if (!Number.isFinite(ms))
    throw new VcJoseError('w3c.document_invalid', `\`${member}\` is not a date-time`)
  return Math.floor(ms / 1000)
}

function setSubjectId(document: Record<string, unknown>, sub: unknown): void {
  const subject = document.credentialSubject
  if (subject === undefined) document.credentialSubject = { id: sub }
  else if (isPlainObject(subject)) {
    if (subject.id === undefined) document.credentialSubject = { ...subject, id: sub }
    else if (subject.id !== sub) mismatch('sub', 'credentialSubject.id')
  } else {
    // `sub` names one subject; several subjects leave it nothing to represent.
    mismatch('sub', 'credentialSubject.id')
  }
}
