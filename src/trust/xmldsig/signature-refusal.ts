// What verifying an XML signature refuses, each with a code of its own in the caller's family (`tl.*`, `lote.*`).
import { KakehashiError } from '../../errors.ts'
import { type CodeFamily, familyCode } from '../../lib/code-family.ts'
import type { XmlRefusal } from '../../lib/xml/refuse-hostile-xml.ts'

export type SignatureRefusal =
  | 'signature_missing'
  | 'signature_multiple'
  | 'signature_scope'
  | 'signature_invalid'
  | 'signer_unknown'

/** A code family with every signature refusal and every XML one (values are read on the way). */
export type SignatureCodeFamily = CodeFamily<SignatureRefusal | XmlRefusal>

export const signatureRefusal = (
  family: SignatureCodeFamily,
  kind: SignatureRefusal,
  message: string,
  detail?: Record<string, unknown>,
): KakehashiError => new KakehashiError(familyCode(family, kind), message, detail)
