// Splits an SD-JWT or SD-JWT+KB into issuer JWT, Disclosures and KB-JWT, within the size limits.
import type { VerifyLimits } from '../../config.ts'
import { type CompactJws, decodeCompactJws } from '../../lib/jws/decode-compact-jws.ts'
import { utf8LengthExceeds } from '../../lib/utf8-length.ts'
import { parseSdJwtJson, type SdJwtParts } from './parse-sd-jwt-json.ts'

export interface ParsedSdJwt {
  serialization: SdJwtParts['serialization']
  issuerJwt: CompactJws
  /** The Disclosures exactly as presented: their digests are over these strings. */
  disclosures: string[]
  kbJwt?: string
  /**
   * The compact SD-JWT up to and including the `~` before the KB-JWT: what `sd_hash` covers.
   * For a JSON serialization it is the equivalent compact form (RFC 9901 §8.1).
   */
  sdHashInput: string
}

export type ParseSdJwtResult =
  | { ok: true; sdJwt: ParsedSdJwt }
  | { ok: false; code: 'input.too_large' | 'sdjwt.malformed' | 'input.malformed'; message: string }

/**
 * Parses `<JWT>~<D1>~…~<Dn>~[<KB-JWT>]` (RFC 9901 §4) or its JSON serializations (§8).
 * Surrounding whitespace is dropped (files end in newlines); none is allowed inside.
 */
export function parseSdJwt(input: unknown, limits: VerifyLimits): ParseSdJwtResult {
  if (typeof input !== 'string') {
    return { ok: false, code: 'input.malformed', message: 'the credential is not a string' }
  }
  if (utf8LengthExceeds(input, limits.maxInputBytes)) {
    return {
      ok: false,
      code: 'input.too_large',
      message: `the input is ${Buffer.byteLength(input, 'utf8')} bytes, more than the limit of ${limits.maxInputBytes}`,
    }
  }
  const text = input.trim()
  if (text === '') return { ok: false, code: 'sdjwt.malformed', message: 'the input is empty' }

  let parts: SdJwtParts
  if (text.startsWith('{')) {
    const json = parseSdJwtJson(text, limits)
    if (!json.ok) return json
    parts = json.parts
  } else {
    const split = splitCompact(text, limits)
    if (!split.ok) return split
    parts = split.parts
  }

  const jws = decodeCompactJws(parts.issuerJwt, limits.maxJsonDepth)
  if (!jws.ok) {
    return jws.reason === 'depth'
      ? { ok: false, code: 'input.too_large', message: `issuer JWT: ${jws.message}` }
      : { ok: false, code: 'sdjwt.malformed', message: `issuer JWT: ${jws.message}` }
  }
  // Compact: the presented text itself up to its last `~`; JSON: the equivalent compact form (§8.1).
  const sdHashInput =
    parts.serialization === 'compact'
      ? text.slice(0, text.lastIndexOf('~') + 1)
      : `${[parts.issuerJwt, ...parts.disclosures].join('~')}~`
  return {
    ok: true,
    sdJwt: {
      serialization: parts.serialization,
      issuerJwt: jws.jws,
      disclosures: parts.disclosures,
      ...(parts.kbJwt !== undefined ? { kbJwt: parts.kbJwt } : {}),
      sdHashInput,
    },
  }
}

type SplitResult =
  | { ok: true; parts: SdJwtParts }
  | { ok: false; code: 'input.too_large' | 'sdjwt.malformed'; message: string }

function splitCompact(text: string, limits: VerifyLimits): SplitResult {
  if (/\s/.test(text)) {
    return { ok: false, code: 'sdjwt.malformed', message: 'the SD-JWT contains whitespace' }
  }
  const segments = text.split('~')
  if (segments.length < 2) {
    return {
      ok: false,
      code: 'sdjwt.malformed',
      message: 'no `~` separator: a JWT alone is not an SD-JWT (it must end in `~` or a KB-JWT)',
    }
  }
  const issuerJwt = segments[0] as string
  const kbJwt = segments[segments.length - 1] as string
  const disclosures = segments.slice(1, -1)
  if (disclosures.length > limits.maxDisclosures) {
    return {
      ok: false,
      code: 'input.too_large',
      message: `${disclosures.length} disclosures, more than the limit of ${limits.maxDisclosures}`,
    }
  }
  const empty = disclosures.indexOf('')
  if (empty !== -1) {
    return {
      ok: false,
      code: 'sdjwt.malformed',
      message: `disclosure ${empty + 1} is empty (\`~~\` in the SD-JWT)`,
    }
  }
  return {
    ok: true,
    parts: {
      serialization: 'compact',
      issuerJwt,
      disclosures,
      ...(kbJwt !== '' ? { kbJwt } : {}),
    },
  }
}
