// The format step for ISO/IEC 18013-5 mdoc: issuer and device authentication, then what trust needs.
import { verifyMdoc } from '../formats/mdoc/index.ts'
import type { CheckList } from '../report/check-list.ts'
import type { IssuedCredential } from './issued-credential.ts'
import type { ReportBase, VerifierDeps, VerifyRequest } from './verify-credential.ts'

/** The format name OpenID4VP and the EUDI ARF give mdoc credentials. */
export const MDOC_FORMAT = 'mso_mdoc'

export function mdocStep(
  bytes: Uint8Array,
  request: VerifyRequest,
  deps: VerifierDeps,
  checks: CheckList,
): { base: ReportBase; credential?: IssuedCredential } {
  const mdoc = verifyMdoc(
    bytes,
    {
      clock: deps.clock,
      policy: deps.policy,
      limits: deps.limits,
      ...(request.docType !== undefined ? { docType: request.docType } : {}),
      ...(request.sessionTranscript !== undefined
        ? { sessionTranscript: request.sessionTranscript }
        : {}),
      ...(request.readerEphemeralKey !== undefined
        ? { readerEphemeralKey: request.readerEphemeralKey }
        : {}),
    },
    checks,
  )
  if (mdoc === undefined) return { base: { format: MDOC_FORMAT } }
  const base: ReportBase = {
    format: MDOC_FORMAT,
    credentialType: mdoc.docType,
    claims: mdoc.claims,
    elements: mdoc.elements,
  }
  return {
    base,
    credential: {
      format: MDOC_FORMAT,
      credentialType: mdoc.docType,
      claims: mdoc.claims,
      elements: mdoc.elements,
      x5c: mdoc.x5chain,
      status: mdoc.status,
    },
  }
}
