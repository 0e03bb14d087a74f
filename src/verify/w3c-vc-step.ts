// The format step for W3C Verifiable Credentials: the securing mechanism, the data model and validity, then what trust needs.
import type { DataIntegrityResult } from '../formats/w3c-vc/data-integrity/index.ts'
import { verifyDataIntegrity } from '../formats/w3c-vc/data-integrity/index.ts'
import { readCredentialDataModel } from '../formats/w3c-vc/data-model.ts'
import { verifyVcCose, verifyVcJose } from '../formats/w3c-vc/jose/index.ts'
import type { VcJoseResult } from '../formats/w3c-vc/jose/types.ts'
import { learningSummaryOf } from '../formats/w3c-vc/profiles/learning-summary.ts'
import type { IssuerKeyReference } from '../formats/w3c-vc/types.ts'
import { checkTimeWindow } from '../lib/check-time-window.ts'
import { isoTime } from '../lib/iso-time.ts'
import { parseJson } from '../lib/parse-json.ts'
import type { CheckList } from '../report/check-list.ts'
import type { IssuedCredential } from './issued-credential.ts'
import type { ReportBase, VerifierDeps, VerifyRequest } from './verify-credential.ts'
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
}

interface Secured {
  format: string
  credential: Record<string, unknown>
  issuerKey: IssuerKeyReference
}

/** The credential's own type: the last of `type` that is not `VerifiableCredential`. */
const credentialTypeOf = (types: string[]): string =>
  types.filter((t) => t !== 'VerifiableCredential').at(-1) ?? 'VerifiableCredential'

/** Verifies the securing mechanism alone: the proof or signature, and the key that made it. */
export async function secureW3cCredential(
  input: W3cInput,
  deps: VerifierDeps,
  checks: CheckList,
): Promise<Secured | { format: string }> {
  const w3c = w3cDepsOf(deps)
  const nowMs = deps.clock.now()
  if (input.securing === 'data-integrity') {
    const format = formatOf['data-integrity'] as string
    const parsed = parseJson(input.text, deps.limits.maxJsonDepth)
    if (!parsed.ok) {
      checks.fail('input.parse', 'input.malformed', `not JSON: ${parsed.message}`)
      return { format }
    }
    checks.pass('input.parse', 'a JSON-LD document with embedded proofs (Data Integrity)')
    const result: DataIntegrityResult = await verifyDataIntegrity(parsed.value, {
      documentLoader: w3c.documentLoader,
      resolveVerificationMethod: w3c.resolveVerificationMethod,
      expectedProofPurpose: 'assertionMethod',
      nowMs,
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
  const options = {
    resolveVerificationMethod: w3c.resolveVerificationMethod,
    allowedAlgorithms: w3c.allowedAlgorithms,
    nowMs,
    clockSkewSec: deps.policy.clockSkewSec,
  }
  const result: VcJoseResult =
    input.securing === 'jose'
      ? await verifyVcJose(input.text, options)
      : await verifyVcCose(input.bytes, options)
  const fallback = input.securing === 'jose' ? 'vc+jwt' : 'vc+cose'
  if (!result.ok) {
    checks.fail('w3c.proof', result.code, result.message)
    return { format: fallback }
  }
  checks.pass('input.parse', `a W3C credential secured as ${result.mechanism}`)
  if (result.presentation !== undefined) {
    checks.fail(
      'w3c.proof',
      'w3c.presentation_unsupported',
      'a verifiable presentation: verify the credentials it carries one by one',
    )
    return { format: result.mechanism }
  }
  checks.pass(
    'w3c.proof',
    `the ${result.mechanism} signature (${String(result.header.alg)}) verifies`,
  )
  return {
    format: formatOf[result.mechanism] ?? result.mechanism,
    credential: result.credential,
    issuerKey: result.issuerKey,
  }
}

export async function w3cVcStep(
  input: W3cInput,
  _request: VerifyRequest,
  deps: VerifierDeps,
  checks: CheckList,
): Promise<{ base: ReportBase; credential?: IssuedCredential }> {
  const secured = await secureW3cCredential(input, deps, checks)
  if (!('credential' in secured)) return { base: { format: secured.format } }
  const { format, credential, issuerKey } = secured
  const read = readCredentialDataModel(credential)
  if (!read.ok) {
    checks.fail('w3c.data_model', read.code, read.message)
    return { base: { format } }
  }
  const { model } = read
  checks.pass(
    'w3c.data_model',
    `a VC Data Model ${model.version} credential of type ${model.types.join(', ')}, issued by ${model.issuer}`,
  )
  const window = checkTimeWindow(
    {
      ...(model.validFromMs !== undefined ? { nbf: model.validFromMs / 1000 } : {}),
      ...(model.validUntilMs !== undefined ? { exp: model.validUntilMs / 1000 } : {}),
    },
    Math.floor(deps.clock.now() / 1000),
    deps.policy.clockSkewSec,
  )
  if (window.ok) {
    const from = model.validFromMs !== undefined ? isoTime(model.validFromMs) : 'its issuance'
    const until = model.validUntilMs !== undefined ? isoTime(model.validUntilMs) : 'no end'
    checks.pass('time.validity', `the credential is valid from ${from} to ${until}`)
  } else
    checks.fail(
      'time.validity',
      window.code === 'time.expired' ? 'w3c.expired' : 'w3c.not_yet_valid',
      `the credential ${window.message}`,
    )
  const credentialType = credentialTypeOf(model.types)
  const subjects = model.credentialSubject
  const claims = (subjects.length === 1 ? subjects[0] : { credentialSubject: subjects }) as Record<
    string,
    unknown
  >
  const learning = learningSummaryOf(credential, model.types)
  const base: ReportBase = {
    format,
    credentialType,
    claims,
    ...(learning !== undefined ? { learning } : {}),
  }
  return {
    base,
    credential: {
      format,
      credentialType,
      claims,
      x5c: issuerKey.kind === 'x5c' ? issuerKey.x5c : [],
      ...(issuerKey.kind !== 'x5c' ? { issuerKey } : {}),
      iss: model.issuer,
      ...(model.credentialStatus.length > 0 ? { credentialStatus: model.credentialStatus } : {}),
    },
  }
}
