// The format step for SD-JWT VC: signature, disclosures, time and key binding, then what trust needs.
import { verifySdJwtVc } from '../formats/sd-jwt-vc/index.ts'
import type { CheckList } from '../report/check-list.ts'
import type { IssuedCredential } from './issued-credential.ts'
import type { ReportBase, VerifierDeps, VerifyRequest } from './verify-credential.ts'

export async function sdJwtVcStep(
  text: string,
  request: VerifyRequest,
  deps: VerifierDeps,
  checks: CheckList,
): Promise<{ base: ReportBase; credential?: IssuedCredential }> {
  const sdJwt = await verifySdJwtVc(
    text,
    {
      clock: deps.clock,
      policy: deps.policy,
      limits: deps.limits,
      ...(request.nonce !== undefined ? { expectedNonce: request.nonce } : {}),
      ...(request.audience !== undefined ? { expectedAudience: request.audience } : {}),
    },
    checks,
  )
  // Without a verified issuer signature nothing the payload says may be used.
  if (sdJwt === undefined) return { base: { format: 'dc+sd-jwt' } }
  const format = String(sdJwt.header.typ ?? 'dc+sd-jwt')
  const vct = sdJwt.vct
  if (vct === undefined) return { base: { format, claims: sdJwt.claims } }
  return {
    base: { format, credentialType: vct, claims: sdJwt.claims },
    credential: {
      format,
      credentialType: vct,
      claims: sdJwt.claims,
      x5c: sdJwt.x5c,
      ...(sdJwt.iss !== undefined ? { iss: sdJwt.iss } : {}),
      // The status claim is never selectively disclosable, so the issuer-signed payload holds it.
      status: sdJwt.payload.status,
    },
  }
}
