// Checks the explicit types of a secured document: JOSE `typ`/`cty` and COSE `typ` (16)/`content type` (3).
import { normalizeTyp } from '../../../lib/jws/normalize-typ.ts'
import type { DocumentKind } from '../types.ts'
import { VcJoseError } from './vc-jose-error.ts'

/**
 * VC-JOSE-COSE §3.1.1/§3.1.2: `typ` SHOULD be `vc+jwt`/`vp+jwt`, `cty` when present SHOULD be
 * `vc`/`vp`. Accepted: the media type of the document's own kind, the generic `JWT` (Open Badges
 * 3.0 issuers send it), or no `typ` at all (the specification's own examples carry none; the
 * payload then says by its `type` what it is). Anything else, including the other kind's media
 * type, is refused: a JWT typed for another purpose is not to be read as a credential.
 */
export function checkJoseMediaType(header: Record<string, unknown>, kind: DocumentKind): void {
  const { typ, cty } = header
  if (typ !== undefined) {
    const normalized = normalizeTyp(typ)
    if (normalized !== `${kind}+jwt` && normalized !== 'jwt') {
      throw new VcJoseError(
        'w3c.typ_invalid',
        `typ ${JSON.stringify(typ)} is not ${kind}+jwt for a ${kind === 'vc' ? 'credential' : 'presentation'}`,
      )
    }
  }
  if (cty !== undefined && normalizeTyp(cty) !== kind) {
    throw new VcJoseError('w3c.typ_invalid', `cty ${JSON.stringify(cty)} is not ${kind}`)
  }
}

/** VCDM 1.1 §6.3.1: "`typ`, if present, MUST be set to `JWT`". A `cty` would announce a nested JWT, which is not read. */
export function checkJwt11MediaType(header: Record<string, unknown>): void {
  if (header.typ !== undefined && normalizeTyp(header.typ) !== 'jwt') {
    throw new VcJoseError(
      'w3c.typ_invalid',
      `typ ${JSON.stringify(header.typ)} is not JWT (VCDM 1.1 §6.3.1)`,
    )
  }
  if (header.cty !== undefined) {
    throw new VcJoseError(
      'w3c.typ_invalid',
      `cty ${JSON.stringify(header.cty)} is not understood in a VC 1.1 JWT`,
    )
  }
}

/**
 * VC-JOSE-COSE §3.3.1/§3.3.2: `typ` (16) SHOULD be `application/vc+cose`, `content type` (3)
 * SHOULD be `application/vc`. Either may be absent; a present one must be the document's kind,
 * as a text media type (no CoAP content-format is registered for these types).
 */
export function checkCoseMediaType(typ: unknown, contentType: unknown, kind: DocumentKind): void {
  if (typ !== undefined && (typeof typ !== 'string' || normalizeTyp(typ) !== `${kind}+cose`)) {
    throw new VcJoseError(
      'w3c.typ_invalid',
      `COSE typ ${JSON.stringify(typ)} is not application/${kind}+cose`,
    )
  }
  if (
    contentType !== undefined &&
    (typeof contentType !== 'string' || normalizeTyp(contentType) !== kind)
  ) {
    throw new VcJoseError(
      'w3c.typ_invalid',
      `COSE content type ${JSON.stringify(contentType)} is not application/${kind}`,
    )
  }
}
