// Decodes one Disclosure (RFC 9901 §4.2.1–4.2.2) and computes its digest (§4.2.3).
import { decodeJsonSegment } from '../../lib/jws/encoding.ts'
import { type SdHashAlgorithm, sdDigest } from './hash-algorithms.ts'

export interface DecodedDisclosure {
  encoded: string
  digest: string
  salt: string
  /** Present for `[salt, name, value]`, absent for the array-element form `[salt, value]`. */
  name?: string
  value: unknown
}

export type DecodeDisclosureResult =
  | { ok: true; disclosure: DecodedDisclosure }
  | { ok: false; code: 'sdjwt.disclosure_malformed' | 'input.too_large'; message: string }

export function decodeDisclosure(
  encoded: string,
  alg: SdHashAlgorithm,
  maxDepth: number,
): DecodeDisclosureResult {
  const json = decodeJsonSegment(encoded, maxDepth)
  if (!json.ok) {
    return json.reason === 'depth'
      ? { ok: false, code: 'input.too_large', message: json.message }
      : {
          ok: false,
          code: 'sdjwt.disclosure_malformed',
          message: `not base64url JSON: ${json.message}`,
        }
  }
  const array = json.value
  if (!Array.isArray(array) || (array.length !== 2 && array.length !== 3)) {
    return {
      ok: false,
      code: 'sdjwt.disclosure_malformed',
      message: 'not a JSON array of [salt, name, value] or [salt, value]',
    }
  }
  const [salt, second, third] = array as unknown[]
  if (typeof salt !== 'string') {
    return { ok: false, code: 'sdjwt.disclosure_malformed', message: 'the salt is not a string' }
  }
  // The digest is over the Disclosure as presented, never over a re-encoding of its JSON.
  const digest = sdDigest(encoded, alg)
  if (array.length === 2) return { ok: true, disclosure: { encoded, digest, salt, value: second } }
  if (typeof second !== 'string') {
    return {
      ok: false,
      code: 'sdjwt.disclosure_malformed',
      message: 'the claim name is not a string',
    }
  }
  return { ok: true, disclosure: { encoded, digest, salt, name: second, value: third } }
}
