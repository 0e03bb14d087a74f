// The format step for W3C Verifiable Credentials: the securing mechanism, the data model and validity, then what trust needs.
import { readCredentialDataModel } from '../formats/w3c-vc/data-model.ts'
import { learningSummaryOf } from '../formats/w3c-vc/profiles/learning-summary.ts'
import {
  formatViolation,
  isOpenBadgeCredential,
  validateOpenBadgeCredential,
} from '../formats/w3c-vc/profiles/open-badges-schema/validate-open-badge.ts'
import { checkTimeWindow } from '../lib/check-time-window.ts'
import { isoTime } from '../lib/iso-time.ts'
import type { CheckList } from '../report/check-list.ts'
import type { IssuedCredential } from './issued-credential.ts'
import { type PresentedBy, secureW3cCredential, type W3cInput } from './secure-w3c.ts'
import type { ReportBase, VerifierDeps, VerifyRequest } from './verify-credential.ts'

/** The credential's own type: the last of `type` that is not `VerifiableCredential`. */
const credentialTypeOf = (types: string[]): string =>
  types.filter((t) => t !== 'VerifiableCredential').at(-1) ?? 'VerifiableCredential'

/**
 * Holder binding for a presented credential: whoever presented it must be its subject. VCDM 2.0
 * lets a holder present someone else's credential, but nothing in the credential then says the
 * holder may; a credential naming no subject binds no one, and the report says so.
 */
function checkHolderIsSubject(
  presentedBy: PresentedBy,
  subjects: Record<string, unknown>[],
  checks: CheckList,
): void {
  const ids = subjects.map((s) => s.id).filter((id): id is string => typeof id === 'string')
  if (ids.length === 0) {
    checks.pass(
      'kb.binding',
      `the credential names no subject id, so it binds no holder: ${presentedBy.holder} presented it`,
    )
  } else if (ids.includes(presentedBy.holder)) {
    checks.pass('kb.binding', `the holder ${presentedBy.holder} is the credential’s subject`)
  } else {
    checks.fail(
      'kb.binding',
      'w3c.holder_not_subject',
      `the holder ${presentedBy.holder} is not the credential’s subject (${ids.join(', ')})`,
    )
  }
}

/** Open Badges 3.0: a credential of its classes conforms to the data model of Appendix B, checked by schema. */
function checkOpenBadgeSchema(credential: Record<string, unknown>, checks: CheckList): void {
  const validation = validateOpenBadgeCredential(credential)
  if (validation.ok) {
    checks.pass('w3c.data_model', `conforms to the Open Badges 3.0 schema ${validation.schema}`)
    return
  }
  checks.fail(
    'w3c.data_model',
    'w3c.open_badge_schema_invalid',
    `does not conform to the Open Badges 3.0 schema ${validation.schema}: ${validation.violations.map(formatViolation).join('; ')}`,
    { violations: validation.violations },
  )
}

export async function w3cVcStep(
  input: W3cInput,
  request: VerifyRequest,
  deps: VerifierDeps,
  checks: CheckList,
): Promise<{ base: ReportBase; credential?: IssuedCredential }> {
  const secured = await secureW3cCredential(input, deps, checks, {
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    ...(request.audience !== undefined ? { audience: request.audience } : {}),
  })
  if (!('credential' in secured)) return { base: { format: secured.format } }
  const { format, credential, issuerKey, presentedBy } = secured
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
  if (isOpenBadgeCredential(credential)) checkOpenBadgeSchema(credential, checks)
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
  if (presentedBy !== undefined) checkHolderIsSubject(presentedBy, subjects, checks)
  const claims = (subjects.length === 1 ? subjects[0] : { credentialSubject: subjects }) as Record<
    string,
    unknown
  >
  const learning = learningSummaryOf(credential, model.types)
  const base: ReportBase = { format, credentialType, claims }
  if (learning !== undefined) base.learning = learning
  if (presentedBy !== undefined)
    base.presentation = { holder: presentedBy.holder, format: presentedBy.format }
  return {
    base,
    credential: {
      format,
      credentialType,
      claims,
      document: credential,
      x5c: issuerKey.kind === 'x5c' ? issuerKey.x5c : [],
      ...(issuerKey.kind !== 'x5c' ? { issuerKey } : {}),
      iss: model.issuer,
      ...(model.credentialStatus.length > 0 ? { credentialStatus: model.credentialStatus } : {}),
    },
  }
}
