// Reads the JWS JSON serializations of an SD-JWT (RFC 9901 §8) into the parts of the compact one.
import type { VerifyLimits } from '../../config.ts'
import { isPlainObject, parseJson } from '../../lib/parse-json.ts'

export interface SdJwtParts {
  serialization: 'compact' | 'json-flattened' | 'json-general'
  issuerJwt: string
  disclosures: string[]
  kbJwt?: string
}

export type SdJwtJsonResult =
  | { ok: true; parts: SdJwtParts }
  | { ok: false; code: 'sdjwt.malformed' | 'input.too_large'; message: string }

const malformed = (message: string): SdJwtJsonResult => ({
  ok: false,
  code: 'sdjwt.malformed',
  message,
})

const isString = (value: unknown): value is string => typeof value === 'string'

/**
 * Flattened: `{protected, payload, signature, header: {disclosures, kb_jwt}}`. General: the same
 * under `signatures[]`; §8.1 puts the Disclosures and KB-JWT in the first signature's unprotected
 * header and only that signature is used, so it alone is verified.
 */
export function parseSdJwtJson(input: string, limits: VerifyLimits): SdJwtJsonResult {
  const parsed = parseJson(input, limits.maxJsonDepth)
  if (!parsed.ok) {
    return parsed.reason === 'depth'
      ? { ok: false, code: 'input.too_large', message: parsed.message }
      : malformed(`the JSON serialization does not parse: ${parsed.message}`)
  }
  const doc = parsed.value
  if (!isPlainObject(doc) || !isString(doc.payload)) {
    return malformed('a JSON-serialized SD-JWT is an object with a string `payload`')
  }
  let signer: Record<string, unknown>
  let serialization: SdJwtParts['serialization']
  if (Object.hasOwn(doc, 'signatures')) {
    const signatures = doc.signatures
    if (!Array.isArray(signatures) || signatures.length === 0 || !signatures.every(isPlainObject)) {
      return malformed('`signatures` is not a non-empty array of objects')
    }
    if (Object.hasOwn(doc, 'signature') || Object.hasOwn(doc, 'protected')) {
      return malformed('the JSON serialization mixes the general and flattened forms')
    }
    const others = signatures.slice(1)
    if (
      others.some(
        (s) =>
          isPlainObject(s.header) &&
          (Object.hasOwn(s.header, 'disclosures') || Object.hasOwn(s.header, 'kb_jwt')),
      )
    ) {
      return malformed('only the first signature may carry `disclosures` and `kb_jwt`')
    }
    signer = signatures[0] as Record<string, unknown>
    serialization = 'json-general'
  } else {
    signer = doc
    serialization = 'json-flattened'
  }
  if (!isString(signer.protected) || !isString(signer.signature)) {
    return malformed('the signature object lacks a string `protected` or `signature`')
  }
  const header = signer.header ?? {}
  if (!isPlainObject(header)) return malformed('the unprotected `header` is not an object')
  const disclosures = header.disclosures ?? []
  if (!Array.isArray(disclosures) || !disclosures.every(isString)) {
    return malformed('`header.disclosures` is not an array of strings')
  }
  if (disclosures.length > limits.maxDisclosures) {
    return {
      ok: false,
      code: 'input.too_large',
      message: `${disclosures.length} disclosures, more than the limit of ${limits.maxDisclosures}`,
    }
  }
  const kbJwt = header.kb_jwt
  if (kbJwt !== undefined && !isString(kbJwt)) return malformed('`header.kb_jwt` is not a string')
  // A `~` inside a part would make the equivalent compact form, which `sd_hash` covers, ambiguous.
  const pieces = [signer.protected, doc.payload, signer.signature, ...disclosures, kbJwt ?? '']
  if (pieces.some((piece) => piece.includes('~'))) {
    return malformed('a part of the JSON serialization contains `~`')
  }
  return {
    ok: true,
    parts: {
      serialization,
      issuerJwt: `${signer.protected}.${doc.payload}.${signer.signature}`,
      disclosures,
      ...(kbJwt !== undefined && kbJwt !== '' ? { kbJwt } : {}),
    },
  }
}
