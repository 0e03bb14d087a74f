// Issues a sample W3C Verifiable Credential from a sandbox university: Open Badges 3.0 or ELM, as ldp_vc or vc+jwt.
import { randomUUID } from 'node:crypto'
import { KakehashiError } from '../errors.ts'
import type { SandboxContext } from './issue-sandbox-credential.ts'
import {
  allocateBitstringIndex,
  bitstringStatusEntry,
  sandboxBitstringListUrl,
} from './sandbox-bitstring-lists.ts'
import { findSandboxIssuer } from './sandbox-ecosystems.ts'
import {
  OPEN_BADGE_CREDENTIAL,
  type SandboxW3cSecuring,
  sandboxW3cCredentials,
} from './sandbox-w3c-credentials.ts'
import { isoSeconds, signDataIntegrity, signVcJwt } from './secure-sandbox-w3c.ts'

/** The OpenID4VP format identifiers (OpenID4VP 1.0 Appendix B) the sandbox issues. */
export const sandboxW3cFormats = ['ldp_vc', 'vc+jwt'] as const
export type SandboxW3cFormat = (typeof sandboxW3cFormats)[number]

const securingOf: Record<SandboxW3cFormat, SandboxW3cSecuring> = {
  ldp_vc: 'data-integrity',
  'vc+jwt': 'jose',
}

/** The format a securing mechanism issues in. */
export const sandboxW3cFormatOf: Record<SandboxW3cSecuring, SandboxW3cFormat> = {
  'data-integrity': 'ldp_vc',
  jose: 'vc+jwt',
}

export interface IssueW3cOptions {
  /** `OpenBadgeCredential` unless told otherwise; `EuropeanDigitalCredential` from the EU university. */
  credentialType?: string
  validityDays?: number
}

export interface IssuedW3cCredential {
  issuer: string
  format: SandboxW3cFormat
  credentialType: string
  /** The DID the credential is issued by: did:key for ldp_vc, did:jwk for vc+jwt. */
  issuerDid: string
  /** JSON-LD text with its proof (ldp_vc), or the compact JWS (vc+jwt). */
  credential: string
  statusIndex: number
  statusListCredential: string
}

const DAY_MS = 86_400_000
const MAX_VALIDITY_DAYS = 3650

export async function issueSandboxW3c(
  context: SandboxContext,
  issuerId: string,
  format: SandboxW3cFormat,
  options: IssueW3cOptions = {},
): Promise<IssuedW3cCredential> {
  const issuer = findSandboxIssuer(issuerId)
  if (issuer === undefined)
    throw new KakehashiError('sandbox.unknown_issuer', `no sandbox issuer ${issuerId}`)
  const keys = context.keyring.get(issuer.id).w3c
  const definitions = sandboxW3cCredentials.get(issuer.id)
  if (keys === undefined || definitions === undefined)
    throw new KakehashiError(
      'usage.invalid',
      `the sandbox issuer ${issuerId} issues no W3C credential`,
    )
  const securing = securingOf[format]
  if (securing === undefined)
    throw new KakehashiError(
      'usage.invalid',
      `the W3C format is ${sandboxW3cFormats.join(' or ')}, not ${String(format)}`,
    )
  const credentialType = options.credentialType ?? OPEN_BADGE_CREDENTIAL
  const definition = definitions.find((d) => d.credentialType === credentialType)
  if (definition === undefined)
    throw new KakehashiError(
      'usage.invalid',
      `${issuerId} issues ${definitions.map((d) => d.credentialType).join(', ')}, not ${credentialType}`,
    )
  if (!definition.securing.includes(securing))
    throw new KakehashiError(
      'usage.invalid',
      `${credentialType} is issued as vc+jwt only: its JSON-LD context is not bundled, so no Data Integrity proof over it could be checked offline`,
    )
  const validityDays = options.validityDays ?? 365
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > MAX_VALIDITY_DAYS)
    throw new KakehashiError(
      'usage.invalid',
      `validityDays must be an integer from 1 to ${MAX_VALIDITY_DAYS}`,
    )

  const nowMs = Math.floor(context.clock.now() / 1000) * 1000
  const statusIndex = await allocateBitstringIndex(context.store, issuer.id)
  const statusListCredential = sandboxBitstringListUrl(context.publicUrl, issuer.id, securing)
  const issuerDid = securing === 'data-integrity' ? keys.didKey : keys.didJwk
  const unsecured = definition.build({
    issuerDid,
    id: `urn:uuid:${randomUUID()}`,
    validFrom: isoSeconds(nowMs),
    validUntil: isoSeconds(nowMs + validityDays * DAY_MS),
    credentialStatus: bitstringStatusEntry(statusListCredential, statusIndex),
  })
  const credential =
    securing === 'data-integrity'
      ? JSON.stringify(await signDataIntegrity(unsecured, keys, nowMs))
      : await signVcJwt(unsecured, keys)
  return {
    issuer: issuer.id,
    format,
    credentialType,
    issuerDid,
    credential,
    statusIndex,
    statusListCredential,
  }
}
