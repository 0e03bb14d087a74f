// Verifies an SD-JWT VC: parse, issuer header and signature, Disclosures, VC claims, validity, key binding.
import { checkTimeWindow, isoSeconds } from '../../lib/check-time-window.ts'
import { isPlainObject } from '../../lib/parse-json.ts'
import type { CheckName } from '../../report/check-codes.ts'
import type { CheckList } from '../../report/check-list.ts'
import { toSeconds } from '../../util/clock.ts'
import { checkIssuerHeader } from './check-issuer-header.ts'
import { checkVcClaims } from './check-vc-claims.ts'
import { defaultSdHashAlgorithm, isSupportedSdHashAlgorithm } from './hash-algorithms.ts'
import { isSdJwtVcTyp } from './media-type.ts'
import { parseSdJwt } from './parse-sd-jwt.ts'
import { processDisclosures } from './process-disclosures.ts'
import { recordFailure, skipChecks } from './record-failure.ts'
import { resolveIssuerKey } from './resolve-issuer-key.ts'
import type { SdJwtVcVerification, StatusListReference, VerifySdJwtVcOptions } from './types.ts'
import { verifyIssuerSignature } from './verify-issuer-signature.ts'
import { verifyKeyBinding } from './verify-key-binding.ts'

const stepsAfterParse: readonly CheckName[] = [
  'sdjwt.header',
  'sdjwt.signature',
  'sdjwt.disclosures',
  'vc.claims',
  'time.validity',
  'kb.binding',
]
const stepsAfter = (step: CheckName): CheckName[] =>
  stepsAfterParse.slice(stepsAfterParse.indexOf(step) + 1)

/**
 * Verifies an SD-JWT VC presentation (or, with `stage: 'issuance'`, an SD-JWT as issued) and
 * records every step in `checks`. Returns undefined when it could not get as far as trusted,
 * processed claims: nothing an unverified payload says is returned. A returned result is not an
 * acceptance: the verdict is `checks.failed`, and issuer trust and status are later steps.
 * Never throws.
 */
export async function verifySdJwtVc(
  input: string,
  options: VerifySdJwtVcOptions,
  checks: CheckList,
): Promise<SdJwtVcVerification | undefined> {
  try {
    return verify(input, options, checks)
  } catch (error) {
    // Every known failure is a result; an exception here is a defect, and it must not accept.
    recordFailure(checks, 'input.malformed', `verification stopped: ${(error as Error).message}`)
    return undefined
  }
}

// Synchronous throughout: every check here is CPU work, and each `await` would cost a promise.
function verify(
  input: string,
  options: VerifySdJwtVcOptions,
  checks: CheckList,
): SdJwtVcVerification | undefined {
  const { limits, policy } = options
  const parsed = parseSdJwt(input, limits)
  if (!parsed.ok) {
    recordFailure(checks, parsed.code, parsed.message)
    skipChecks(checks, stepsAfterParse, 'not evaluated: the input could not be parsed')
    return undefined
  }
  const sdJwt = parsed.sdJwt
  const { header, payload } = sdJwt.issuerJwt
  checks.pass(
    'input.parse',
    `SD-JWT (${sdJwt.serialization}) with ${sdJwt.disclosures.length} disclosure(s)${sdJwt.kbJwt ? ' and a KB-JWT' : ''}`,
  )

  const alg = checkIssuerHeader(header, options, checks)
  if (alg === undefined) {
    skipChecks(
      checks,
      stepsAfter('sdjwt.header'),
      'not evaluated: the issuer JWT header is not acceptable',
    )
    return undefined
  }

  const key = resolveIssuerKey(header, options.issuerKey, limits)
  if (!key.ok) {
    recordFailure(checks, key.code, key.message)
    skipChecks(
      checks,
      stepsAfter('sdjwt.header'),
      'not evaluated: the issuer key could not be resolved',
    )
    return undefined
  }
  const signature = verifyIssuerSignature(sdJwt.issuerJwt.encoded, key.key, alg)
  if (!signature.ok) {
    recordFailure(checks, 'sdjwt.signature_invalid', signature.message)
    skipChecks(
      checks,
      stepsAfter('sdjwt.signature'),
      'not evaluated: the issuer signature is not valid',
    )
    return undefined
  }
  checks.pass(
    'sdjwt.signature',
    `issuer JWT signature verified (${alg}) with ${key.source === 'x5c' ? 'the key of x5c[0]' : 'the given issuer key'}`,
  )

  // RFC 9901 §7.1 step 2.4: the hash algorithm must be understood before any digest is trusted.
  const sdAlg = Object.hasOwn(payload, '_sd_alg') ? payload._sd_alg : defaultSdHashAlgorithm
  if (!isSupportedSdHashAlgorithm(sdAlg)) {
    recordFailure(
      checks,
      'sdjwt.sd_alg_unsupported',
      `_sd_alg ${JSON.stringify(sdAlg)} is not a supported hash algorithm`,
    )
    skipChecks(
      checks,
      stepsAfter('sdjwt.disclosures'),
      'not evaluated: the disclosures could not be processed',
    )
    return undefined
  }
  const processed = processDisclosures(payload, sdJwt.disclosures, sdAlg, limits.maxJsonDepth)
  if (!processed.ok) {
    recordFailure(checks, processed.code, processed.message, processed.detail)
    skipChecks(
      checks,
      stepsAfter('sdjwt.disclosures'),
      'not evaluated: the disclosures could not be processed',
    )
    return undefined
  }
  const { claims, disclosures } = processed
  checks.pass(
    'sdjwt.disclosures',
    `${disclosures.length} disclosure(s) matched their digests (${sdAlg})`,
  )

  if (isSdJwtVcTyp(header.typ)) {
    checkVcClaims(payload, disclosures, { issuerKeySource: key.source }, checks)
  } else {
    checks.skip(
      'vc.claims',
      `typ ${JSON.stringify(header.typ)} is not an SD-JWT VC type, so SD-JWT VC claim rules do not apply`,
    )
  }

  const nowSec = toSeconds(options.clock.now())
  const window = checkTimeWindow(claims, nowSec, policy.clockSkewSec)
  if (window.ok) checks.pass('time.validity', validityMessage(claims, nowSec))
  else recordFailure(checks, window.code, window.message)

  const cnf = claims.cnf
  const keyBinding = verifyKeyBinding(
    { kbJwt: sdJwt.kbJwt, sdHashInput: sdJwt.sdHashInput, sdAlg, cnf },
    options,
    checks,
  )

  const { iss, vct } = claims
  const status = statusReference(claims.status)
  return {
    serialization: sdJwt.serialization,
    header,
    payload,
    claims,
    disclosures,
    sdAlg,
    x5c: key.x5c,
    issuerKeySource: key.source,
    ...(typeof iss === 'string' ? { iss } : {}),
    ...(typeof vct === 'string' ? { vct } : {}),
    ...(isPlainObject(cnf) ? { cnf } : {}),
    ...(status !== undefined ? { status } : {}),
    keyBindingVerified: keyBinding.verified,
    ...(keyBinding.header ? { kbJwtHeader: keyBinding.header } : {}),
    ...(keyBinding.payload ? { kbJwtPayload: keyBinding.payload } : {}),
  }
}

function statusReference(status: unknown): StatusListReference | undefined {
  if (status === undefined) return undefined
  const list = isPlainObject(status) ? status.status_list : undefined
  return isPlainObject(list) ? { idx: list.idx, uri: list.uri } : { idx: undefined, uri: undefined }
}

function validityMessage(claims: Record<string, unknown>, nowSec: number): string {
  const parts = (['iat', 'nbf', 'exp'] as const)
    .filter((name) => typeof claims[name] === 'number')
    .map((name) => `${name} ${isoSeconds(claims[name] as number)}`)
  const at = isoSeconds(nowSec)
  return parts.length === 0
    ? `no iat, nbf or exp; nothing limits validity at ${at}`
    : `valid at ${at} (${parts.join(', ')})`
}
