// The SD-JWT VC media types, compared as RFC 7515 §4.1.9 compares `typ` values.
import { normalizeTyp } from '../../lib/jws/normalize-typ.ts'

/** The SD-JWT VC media types: `dc+sd-jwt`, and `vc+sd-jwt` that issuers built before draft 06 still use. */
export const sdJwtVcTypes: readonly string[] = ['dc+sd-jwt', 'vc+sd-jwt']

export const isSdJwtVcTyp = (typ: unknown): boolean => {
  const normalized = normalizeTyp(typ)
  return normalized !== undefined && sdJwtVcTypes.includes(normalized)
}
