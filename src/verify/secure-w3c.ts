// The securing mechanism of a W3C credential or presentation: the proof or signature, and the key that made it.
import {
  verifyDataIntegrity,
  verifyDataIntegrityPresentation,
} from '../formats/w3c-vc/data-integrity/index.ts'
import { verifyVcCose, verifyVcJose } from '../formats/w3c-vc/jose/index.ts'
import type { VcJoseVerification } from '../formats/w3c-vc/jose/types.ts'
import { documentKindOf, type IssuerKeyReference } from '../formats/w3c-vc/types.ts'
import { isPlainObject, parseJson } from '../lib/parse-json.ts'
import type { CheckCode, CheckName } from '../report/check-codes.ts'
import { checkCodes } from '../report/check-codes.ts'
import type { CheckList } from '../report/check-list.ts'
import type { VerifierDeps } from './verify-credential.ts'
import { w3cDepsOf } from './w3c-deps.ts'

/** How a W3C credential arrived: JSON-LD with embedded proofs, a compact JWS, or COSE bytes. */
export type W3cInput =
  | { securing: 'data-integrity'; text: string }
  | { securing: 'jose'; text: string }
  | { securing: 'cose'; bytes: Uint8Array }

/** The OpenID4VP format identifiers of each mechanism (OpenID4VP 1.0 Appendix B). */
const formatOf: Record<string, string> = {
  'data-integrity': 'ldp_vc',
  'vc+jwt': 'vc+jwt',
  'vc+cose': 'vc+cose',
  'jwt-vc-1.1': 'jwt_vc_json',
  'vp+jwt': 'vp+jwt',
  'vp+cose': 'vp+cose',
  'jwt-vp-1.1': 'jwt_vp_json',
}

/** The holder who presented the credential, as the presentation's proof established them. */
export interface PresentedBy {
  holder: string
  /** Whether the presentation names its holder, or the holder is the controller of its key. */
  holderStated: boolean
  /** The presentation's format (`ldp_vp`, `vp+jwt`, …); the credential's is `Secured.format`. */
  format: string
}

export interface Secured {
  format: string
  credential: Record<string, unknown>
  issuerKey: IssuerKeyReference
  presentedBy?: PresentedBy
}

/** What a presentation must answer: the verifier's nonce, and its audience when it has one. */
export interface PresentationRequest {
  nonce?: string
  audience?: string
}

/**
 * Verifies the securing mechanism of a credential, or of a presentation and the one credential it
 * carries when `presentation` is given (without it, a presentation is refused: a status list is
 * never one). Records `input.parse`, `w3c.proof` and, for presentations, `kb.binding`.
 */
export async function secureW3cCredential(
  input: W3cInput,
  deps: VerifierDeps,
  checks: CheckList,
  presentation?: PresentationRequest,
): Promise<Secured | { format: string }> {
  if (input.securing !== 'data-integrity') {
    return secureJoseOrCose(input, deps, checks, presentation)
  }
  const parsed = parseJson(input.text, deps.limits.maxJsonDepth)
  if (!parsed.ok) {
    checks.fail('input.parse', 'input.malformed', `not JSON: ${parsed.message}`)
    return { format: 'ldp_vc' }
  }
  const isPresentation = isPlainObject(parsed.value) && documentKindOf(parsed.value) === 'vp'
  checks.pass(
    'input.parse',
    `a JSON-LD ${isPresentation ? 'presentation' : 'document'} with embedded proofs (Data Integrity)`,
  )
  if (!isPresentation) return secureDataIntegrityCredential(parsed.value, deps, checks)
  if (presentation === undefined) return unsupportedPresentation('ldp_vp', checks)
  return secureDataIntegrityPresentation(
    parsed.value as Record<string, unknown>,
    presentation,
    deps,
    checks,
  )
}

async function secureDataIntegrityCredential(
  document: unknown,
  deps: VerifierDeps,
  checks: CheckList,
): Promise<Secured | { format: string }> {
  const w3c = w3cDepsOf(deps)
  const format = 'ldp_vc'
  const result = await verifyDataIntegrity(document, {
    documentLoader: w3c.documentLoader,
    resolveVerificationMethod: w3c.resolveVerificationMethod,
    expectedProofPurpose: 'assertionMethod',
    nowMs: deps.clock.now(),
    clockSkewMs: deps.policy.clockSkewSec * 1000,
  })
  if (!result.ok) {
    checks.fail('w3c.proof', result.code, result.message)
    return { format }
  }
  checks.pass(
    'w3c.proof',
    `${result.proofs.map((p) => p.proof.cryptosuite).join(', ')} proof by ${result.proof.verificationMethod} verifies`,
  )
  return {
    format,
    credential: result.unsecuredDocument,
    issuerKey: { kind: 'verificationMethod', method: result.method },
  }
}

/**
 * A Data Integrity presentation: the holder's `authentication` proof over the verifier's nonce
 * (`challenge`) and audience (`domain`), then the one credential it carries, embedded with its
 * own proof. A proof naming a domain the verifier did not state is refused, as a JWT naming an
 * audience is: it was made for someone.
 */
async function secureDataIntegrityPresentation(
  document: Record<string, unknown>,
  request: PresentationRequest,
  deps: VerifierDeps,
  checks: CheckList,
): Promise<Secured | { format: string }> {
  const format = 'ldp_vp'
  if (request.nonce === undefined) return nonceRequired(format, checks)
  const w3c = w3cDepsOf(deps)
  const result = await verifyDataIntegrityPresentation(document, {
    documentLoader: w3c.documentLoader,
    resolveVerificationMethod: w3c.resolveVerificationMethod,
    challenge: request.nonce,
    ...(request.audience !== undefined ? { domain: request.audience } : {}),
    nowMs: deps.clock.now(),
    clockSkewMs: deps.policy.clockSkewSec * 1000,
  })
  if (!result.ok) {
    checks.fail(checkOf(result.code), result.code, result.message)
    return { format }
  }
  const domains = result.proof.proofs.flatMap((p) => p.proof.domain ?? [])
  if (request.audience === undefined && domains.length > 0) {
    checks.fail(
      'kb.binding',
      'w3c.aud_required',
      `the presentation names the domain ${domains.join(', ')} but no expected audience was supplied`,
    )
    return { format }
  }
  if (result.credentials.length !== 1) return credentialCount(format, result.credentials, checks)
  const [embedded] = result.credentials
  if (!isPlainObject(embedded) || embedded.proof === undefined) {
    checks.fail(
      'w3c.proof',
      'w3c.presentation_unsupported',
      'a Data Integrity presentation must embed its credential with the credential’s own proof',
    )
    return { format }
  }
  checks.pass(
    'kb.binding',
    `presented by ${result.holder}: ${result.proof.proof.cryptosuite} authentication proof for this nonce${request.audience !== undefined ? ' and audience' : ''}`,
  )
  const credential = await secureDataIntegrityCredential(embedded, deps, checks)
  if (!('credential' in credential)) return { format }
  return {
    ...credential,
    presentedBy: { holder: result.holder, holderStated: result.holderStated, format },
  }
}

async function secureJoseOrCose(
  input: Extract<W3cInput, { securing: 'jose' | 'cose' }>,
  deps: VerifierDeps,
  checks: CheckList,
  presentation: PresentationRequest | undefined,
): Promise<Secured | { format: string }> {
  const w3c = w3cDepsOf(deps)
  const options = {
    resolveVerificationMethod: w3c.resolveVerificationMethod,
    allowedAlgorithms: w3c.allowedAlgorithms,
    nowMs: deps.clock.now(),
    clockSkewSec: deps.policy.clockSkewSec,
    ...(presentation?.nonce !== undefined ? { expectedNonce: presentation.nonce } : {}),
    ...(presentation?.audience !== undefined ? { expectedAudience: presentation.audience } : {}),
  }
  const result =
    input.securing === 'jose'
      ? await verifyVcJose(input.text, options)
      : await verifyVcCose(input.bytes, options)
  const fallback = input.securing === 'jose' ? 'vc+jwt' : 'vc+cose'
  if (!result.ok) {
    checks.fail(checkOf(result.code), result.code, result.message)
    return { format: fallback }
  }
  checks.pass(
    'input.parse',
    `a W3C ${result.presentation ? 'presentation' : 'credential'} secured as ${result.mechanism}`,
  )
  const format = formatOf[result.mechanism] ?? result.mechanism
  if (result.presentation === undefined) {
    checks.pass(
      'w3c.proof',
      `the ${result.mechanism} signature (${String(result.header.alg)}) verifies`,
    )
    return { format, credential: result.credential, issuerKey: result.issuerKey }
  }
  if (presentation === undefined) return unsupportedPresentation(format, checks)
  return fromJosePresentation(result, result.presentation, format, presentation, checks)
}

/**
 * A VC-JOSE-COSE or VC 1.1 JWT presentation, already verified by the format module: the holder's
 * signature with the nonce and audience, and every enveloped credential with its own signature.
 */
function fromJosePresentation(
  result: VcJoseVerification,
  presented: NonNullable<VcJoseVerification['presentation']>,
  format: string,
  request: PresentationRequest,
  checks: CheckList,
): Secured | { format: string } {
  // The module refuses a presentation bound to a nonce none was given for; one bound to none is
  // replayable, and a verifier without a nonce cannot tell.
  if (request.nonce === undefined) return nonceRequired(format, checks)
  const { holder, credentials } = presented
  if (credentials.length !== 1) return credentialCount(format, credentials, checks)
  const [enveloped] = credentials as [(typeof credentials)[number]]
  if (enveloped.verification === undefined) {
    checks.fail(
      'w3c.proof',
      'w3c.enveloped_unsupported',
      `an enveloped ${enveloped.mediaType} credential`,
    )
    return { format }
  }
  checks.pass(
    'kb.binding',
    `presented by ${holder}: the ${result.mechanism} signature (${String(result.header.alg)}) for this nonce${request.audience !== undefined ? ' and audience' : ''}`,
  )
  const verification = enveloped.verification
  checks.pass(
    'w3c.proof',
    `the enveloped ${verification.mechanism} signature (${String(verification.header.alg)}) verifies`,
  )
  return {
    format: formatOf[verification.mechanism] ?? verification.mechanism,
    credential: verification.credential,
    issuerKey: verification.issuerKey,
    presentedBy: { holder, holderStated: true, format },
  }
}

/** The check a format module's code belongs to, from the one table of codes. */
const checkOf = (code: string): CheckName => checkCodes[code as CheckCode]?.[0] ?? 'w3c.proof'

function nonceRequired(format: string, checks: CheckList): { format: string } {
  checks.fail(
    'kb.binding',
    'w3c.nonce_required',
    'a presentation is verified against the verifier’s nonce, and none was supplied (`nonce`)',
  )
  return { format }
}

function credentialCount(
  format: string,
  credentials: unknown[],
  checks: CheckList,
): { format: string } {
  checks.fail(
    'w3c.data_model',
    'w3c.presentation_credential_count',
    `the presentation carries ${credentials.length} credentials: present one credential per presentation`,
  )
  return { format }
}

function unsupportedPresentation(format: string, checks: CheckList): { format: string } {
  checks.fail(
    'w3c.proof',
    'w3c.presentation_unsupported',
    'a verifiable presentation where a credential is expected',
  )
  return { format }
}
