// Substitutes the Disclosures into the issuer-signed payload, with every rule of RFC 9901 §7.1 steps 3–5.
import { isPlainObject } from '../../lib/parse-json.ts'
import { type DecodedDisclosure, decodeDisclosure } from './decode-disclosure.ts'
import type { SdHashAlgorithm } from './hash-algorithms.ts'
import type { SdJwtDisclosure } from './types.ts'

export type ProcessDisclosuresCode =
  | 'sdjwt.disclosure_malformed'
  | 'sdjwt.disclosure_mismatch'
  | 'sdjwt.disclosure_duplicate'
  | 'sdjwt.digest_duplicate'
  | 'sdjwt.digest_malformed'
  | 'sdjwt.disclosure_shape'
  | 'sdjwt.claim_collision'
  | 'sdjwt.reserved_claim'
  | 'input.too_large'

export type ProcessDisclosuresResult =
  | { ok: true; claims: Record<string, unknown>; disclosures: SdJwtDisclosure[] }
  | { ok: false; code: ProcessDisclosuresCode; message: string; detail?: Record<string, unknown> }

type Path = (string | number)[]

class Rejection {
  constructor(
    readonly code: ProcessDisclosuresCode,
    readonly message: string,
    readonly detail?: Record<string, unknown>,
  ) {}
}

/**
 * Returns the processed claims: each referenced Disclosure inserted where its digest was,
 * `_sd`, top-level `_sd_alg` and unmatched (decoy) digests removed. Rejects a Disclosure that is
 * presented twice, referenced by nothing or from the wrong kind of place, a digest that occurs
 * twice, a reserved or colliding claim name, and a result nested deeper than `maxDepth`.
 * Claim values never appear in messages: they may be personal data.
 */
export function processDisclosures(
  payload: Record<string, unknown>,
  encodedDisclosures: readonly string[],
  alg: SdHashAlgorithm,
  maxDepth: number,
): ProcessDisclosuresResult {
  const byDigest = new Map<string, DecodedDisclosure>()
  for (const [index, encoded] of encodedDisclosures.entries()) {
    const decoded = decodeDisclosure(encoded, alg, maxDepth)
    if (!decoded.ok) {
      return {
        ok: false,
        code: decoded.code,
        message: `disclosure ${index + 1}: ${decoded.message}`,
      }
    }
    const { disclosure } = decoded
    if (byDigest.has(disclosure.digest)) {
      return {
        ok: false,
        code: 'sdjwt.disclosure_duplicate',
        message: `disclosure ${index + 1} is presented more than once`,
        detail: { digest: disclosure.digest },
      }
    }
    byDigest.set(disclosure.digest, disclosure)
  }

  const seen = new Set<string>()
  const placed = new Map<DecodedDisclosure, Path>()

  const see = (digest: string, path: Path): void => {
    if (seen.has(digest)) {
      throw new Rejection(
        'sdjwt.digest_duplicate',
        `digest ${digest} occurs more than once (again at ${where(path)})`,
        { digest },
      )
    }
    seen.add(digest)
  }

  const processValue = (value: unknown, path: Path, depth: number): unknown => {
    if (value === null || typeof value !== 'object') return value
    if (depth > maxDepth) {
      throw new Rejection(
        'input.too_large',
        `the processed claims are nested deeper than ${maxDepth} levels at ${where(path)}`,
      )
    }
    return Array.isArray(value)
      ? processArray(value, path, depth)
      : processObject(value as Record<string, unknown>, path, depth)
  }

  const processObject = (
    object: Record<string, unknown>,
    path: Path,
    depth: number,
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(object)) {
      if (key === '_sd' || (key === '_sd_alg' && path.length === 0)) continue
      defineClaim(out, key, processValue(value, [...path, key], depth + 1))
    }
    if (!Object.hasOwn(object, '_sd')) return out
    const digests = object._sd
    if (!Array.isArray(digests) || !digests.every((d) => typeof d === 'string')) {
      throw new Rejection(
        'sdjwt.digest_malformed',
        `\`_sd\` at ${where(path)} is not an array of digest strings`,
      )
    }
    for (const digest of digests as string[]) {
      see(digest, path)
      const disclosure = byDigest.get(digest)
      if (disclosure === undefined) continue // a decoy, or a claim the holder did not disclose
      const { name } = disclosure
      if (name === undefined) {
        throw new Rejection(
          'sdjwt.disclosure_shape',
          `an array-element disclosure [salt, value] is referenced from \`_sd\` at ${where(path)}; only [salt, name, value] may be`,
          { digest },
        )
      }
      if (name === '_sd' || name === '...') {
        throw new Rejection(
          'sdjwt.reserved_claim',
          `a disclosure referenced at ${where(path)} uses the reserved claim name ${JSON.stringify(name)}`,
          { digest, name },
        )
      }
      if (Object.hasOwn(out, name)) {
        throw new Rejection(
          'sdjwt.claim_collision',
          `disclosed claim ${JSON.stringify(name)} already exists at ${where(path)}`,
          { digest, name },
        )
      }
      const claimPath = [...path, name]
      placed.set(disclosure, claimPath)
      defineClaim(out, name, processValue(disclosure.value, claimPath, depth + 1))
    }
    return out
  }

  const processArray = (array: unknown[], path: Path, depth: number): unknown[] => {
    const out: unknown[] = []
    for (const element of array) {
      if (!isPlainObject(element) || !Object.hasOwn(element, '...')) {
        out.push(processValue(element, [...path, out.length], depth + 1))
        continue
      }
      const digest = element['...']
      // §4.2.4.2: the placeholder is an object with the single key `...`; anything else is ambiguous.
      if (typeof digest !== 'string' || Object.keys(element).length !== 1) {
        throw new Rejection(
          'sdjwt.digest_malformed',
          `an array element at ${where(path)} has a \`...\` key but is not {"...": "<digest>"}`,
        )
      }
      see(digest, path)
      const disclosure = byDigest.get(digest)
      if (disclosure === undefined) continue // undisclosed element or decoy: removed (§7.1 step 3.4)
      if (disclosure.name !== undefined) {
        throw new Rejection(
          'sdjwt.disclosure_shape',
          `object-property disclosure ${JSON.stringify(disclosure.name)} is referenced from an array element at ${where(path)}; only [salt, value] may be`,
          { digest, name: disclosure.name },
        )
      }
      const elementPath = [...path, out.length]
      placed.set(disclosure, elementPath)
      out.push(processValue(disclosure.value, elementPath, depth + 1))
    }
    return out
  }

  let claims: Record<string, unknown>
  try {
    claims = processObject(payload, [], 1)
  } catch (error) {
    if (error instanceof Rejection) {
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.detail ? { detail: error.detail } : {}),
      }
    }
    throw error
  }

  const disclosures: SdJwtDisclosure[] = []
  const unreferenced: DecodedDisclosure[] = []
  for (const disclosure of byDigest.values()) {
    const path = placed.get(disclosure)
    if (path === undefined) unreferenced.push(disclosure)
    else disclosures.push({ ...disclosure, path })
  }
  if (unreferenced.length > 0) {
    return {
      ok: false,
      code: 'sdjwt.disclosure_mismatch',
      message: `${unreferenced.length} disclosure(s) referenced by no digest in the issuer-signed JWT or another disclosure: ${unreferenced
        .map((d) =>
          d.name === undefined
            ? `array element ${d.digest}`
            : `${JSON.stringify(d.name)} ${d.digest}`,
        )
        .join(', ')}`,
      detail: { digests: unreferenced.map((d) => d.digest) },
    }
  }
  return { ok: true, claims, disclosures }
}

/** Adds an own data property: a claim named `__proto__` must stay a claim, not a prototype. */
function defineClaim(target: Record<string, unknown>, name: string, value: unknown): void {
  // Plain assignment keeps the object fast; only `__proto__` has an inherited setter to avoid.
  if (name !== '__proto__') {
    target[name] = value
    return
  }
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

const where = (path: Path): string =>
  path.length === 0
    ? 'the top level'
    : `\`${path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}\``
