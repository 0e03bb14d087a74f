// Checks the claims SD-JWT VC (draft-ietf-oauth-sd-jwt-vc §3.2.2) requires or forbids to disclose.
import type { CheckList } from '../../report/check-list.ts'
import { recordFailure } from './record-failure.ts'
import type { SdJwtDisclosure } from './types.ts'

/** Claims that must sit in the issuer-signed payload itself, never in a Disclosure. */
export const nonDisclosableClaims: readonly string[] = [
  'iss',
  'nbf',
  'exp',
  'cnf',
  'vct',
  'vct#integrity',
  'status',
]

/**
 * Records `vc.claims`; true when all passed. `vct` and, when the issuer key comes from `x5c`,
 * `iss` are required: a certificate-identified issuer must say who it is so the certificate's
 * subjectAltName can be matched against it.
 */
export function checkVcClaims(
  payload: Record<string, unknown>,
  disclosures: readonly SdJwtDisclosure[],
  options: { issuerKeySource: 'x5c' | 'issuerKey' },
  checks: CheckList,
): boolean {
  let ok = true
  for (const disclosure of disclosures) {
    const { name } = disclosure
    if (disclosure.path.length === 1 && name !== undefined && nonDisclosableClaims.includes(name)) {
      ok = false
      recordFailure(
        checks,
        'vc.claim_not_disclosable',
        `\`${name}\` is selectively disclosed; SD-JWT VC requires it in the issuer-signed payload`,
        { name, digest: disclosure.digest },
      )
    }
  }
  const { vct, iss } = payload
  if (typeof vct !== 'string' || vct === '') {
    ok = false
    recordFailure(
      checks,
      'vc.vct_missing',
      vct === undefined
        ? 'the issuer-signed payload has no `vct`'
        : '`vct` is not a non-empty string',
    )
  }
  const issMissing = iss === undefined && options.issuerKeySource === 'x5c'
  if (issMissing || (iss !== undefined && (typeof iss !== 'string' || iss === ''))) {
    ok = false
    recordFailure(
      checks,
      'vc.iss_missing',
      iss === undefined
        ? 'the issuer-signed payload has no `iss`, which a certificate-identified issuer must state'
        : '`iss` is not a non-empty string',
    )
  }
  if (ok)
    checks.pass('vc.claims', `vct ${String(vct)}${typeof iss === 'string' ? `, iss ${iss}` : ''}`)
  return ok
}
