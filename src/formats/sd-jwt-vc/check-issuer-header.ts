// Checks the issuer JWT protected header: allowed `alg`, SD-JWT VC `typ`, no `crit` it cannot honour.
import type { VerifyPolicy } from '../../config.ts'
import { isAllowedAlgorithm } from '../../lib/jws/is-allowed-algorithm.ts'
import type { CheckList } from '../../report/check-list.ts'
import { isSdJwtVcTyp, sdJwtVcTypes } from './media-type.ts'
import { recordFailure } from './record-failure.ts'

/** Records `sdjwt.header`; returns the accepted `alg`, or undefined when any check failed. */
export function checkIssuerHeader(
  header: Record<string, unknown>,
  options: { policy: VerifyPolicy; allowAnyTyp?: boolean },
  checks: CheckList,
): string | undefined {
  let ok = true
  const { alg, typ } = header
  if (!isAllowedAlgorithm(alg, options.policy)) {
    ok = false
    recordFailure(
      checks,
      'sdjwt.alg_not_allowed',
      alg === 'none'
        ? 'the issuer JWT is unsigned (`alg: none`)'
        : `issuer JWT alg ${JSON.stringify(alg)} is not one of ${options.policy.allowedAlgorithms.join(', ')}`,
      { alg },
    )
  }
  if (!options.allowAnyTyp && !isSdJwtVcTyp(typ)) {
    ok = false
    recordFailure(
      checks,
      'sdjwt.typ_invalid',
      typ === undefined
        ? `the issuer JWT has no typ; an SD-JWT VC is typed ${sdJwtVcTypes.join(' or ')}`
        : `issuer JWT typ ${JSON.stringify(typ)} is not ${sdJwtVcTypes.join(' or ')}`,
      { typ },
    )
  } else if (options.allowAnyTyp && typ !== undefined && typeof typ !== 'string') {
    ok = false
    recordFailure(checks, 'sdjwt.typ_invalid', 'issuer JWT typ is not a string', { typ })
  }
  // No header parameter is understood as critical, so any `crit` is one this verifier cannot honour.
  if (Object.hasOwn(header, 'crit')) {
    ok = false
    recordFailure(
      checks,
      'sdjwt.crit_unsupported',
      `the issuer JWT marks ${JSON.stringify(header.crit)} critical; none of them is understood`,
      { crit: header.crit },
    )
  }
  if (!ok || typeof alg !== 'string') return undefined
  checks.pass('sdjwt.header', `issuer JWT alg ${alg}, typ ${String(typ)}`)
  return alg
}
