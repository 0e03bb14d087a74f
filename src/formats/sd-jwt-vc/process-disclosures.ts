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

/**
 * Where a value sits in the processed claims, as a link to its parent (undefined: the top level).
 * Most claims are primitives whose place is never asked for, so a path is built as an array only
 * for a placed Disclosure or an error message, not for every value visited.
 */
interface PathLink {
  readonly parent: At
  readonly key: string | number
}
type At = PathLink | undefined

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
  for (let index = 0; index < encodedDisclosures.length; index++) {
    const decoded = decodeDisclosure(encodedDisclosures[index] as string, alg, maxDepth)
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

  const substitution = new Substitution(byDigest, maxDepth)
  let claims: Record<string, unknown>
  try {
    claims = substitution.object(payload, undefined, 1)
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
    const at = substitution.placed.get(disclosure)
    if (at === undefined) unreferenced.push(disclosure)
    else disclosures.push(placedDisclosure(disclosure, pathOf(at)))
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

/** One walk over the payload, recursing into the Disclosures it references. */
class Substitution {
  /** Every Disclosure inserted, with its place. */
  readonly placed = new Map<DecodedDisclosure, PathLink>()
  readonly #seen = new Set<string>()

  constructor(
    readonly byDigest: ReadonlyMap<string, DecodedDisclosure>,
    readonly maxDepth: number,
  ) {}

  value(value: unknown, at: At, depth: number): unknown {
    if (value === null || typeof value !== 'object') return value
    if (depth > this.maxDepth) {
      throw new Rejection(
        'input.too_large',
        `the processed claims are nested deeper than ${this.maxDepth} levels at ${where(at)}`,
      )
    }
    return Array.isArray(value)
      ? this.array(value, at, depth)
      : this.object(value as Record<string, unknown>, at, depth)
  }

  object(object: Record<string, unknown>, at: At, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(object)) {
      if (key === '_sd' || (key === '_sd_alg' && at === undefined)) continue
      const value = object[key]
      defineClaim(
        out,
        key,
        value === null || typeof value !== 'object'
          ? value
          : this.value(value, { parent: at, key }, depth + 1),
      )
    }
    if (!Object.hasOwn(object, '_sd')) return out
    const digests = object._sd
    if (!isStringArray(digests)) {
      throw new Rejection(
        'sdjwt.digest_malformed',
        `\`_sd\` at ${where(at)} is not an array of digest strings`,
      )
    }
    for (const digest of digests) {
      this.#see(digest, at)
      const disclosure = this.byDigest.get(digest)
      if (disclosure === undefined) continue // a decoy, or a claim the holder did not disclose
      const { name } = disclosure
      if (name === undefined) {
        throw new Rejection(
          'sdjwt.disclosure_shape',
          `an array-element disclosure [salt, value] is referenced from \`_sd\` at ${where(at)}; only [salt, name, value] may be`,
          { digest },
        )
      }
      if (name === '_sd' || name === '...') {
        throw new Rejection(
          'sdjwt.reserved_claim',
          `a disclosure referenced at ${where(at)} uses the reserved claim name ${JSON.stringify(name)}`,
          { digest, name },
        )
      }
      if (Object.hasOwn(out, name)) {
        throw new Rejection(
          'sdjwt.claim_collision',
          `disclosed claim ${JSON.stringify(name)} already exists at ${where(at)}`,
          { digest, name },
        )
      }
      const claimAt: PathLink = { parent: at, key: name }
      this.placed.set(disclosure, claimAt)
      defineClaim(out, name, this.value(disclosure.value, claimAt, depth + 1))
    }
    return out
  }

  array(array: unknown[], at: At, depth: number): unknown[] {
    const out: unknown[] = []
    for (const element of array) {
      if (!isPlainObject(element) || !Object.hasOwn(element, '...')) {
        out.push(
          element === null || typeof element !== 'object'
            ? element
            : this.value(element, { parent: at, key: out.length }, depth + 1),
        )
        continue
      }
      const digest = element['...']
      // §4.2.4.2: the placeholder is an object with the single key `...`; anything else is ambiguous.
      if (typeof digest !== 'string' || Object.keys(element).length !== 1) {
        throw new Rejection(
          'sdjwt.digest_malformed',
          `an array element at ${where(at)} has a \`...\` key but is not {"...": "<digest>"}`,
        )
      }
      this.#see(digest, at)
      const disclosure = this.byDigest.get(digest)
      if (disclosure === undefined) continue // undisclosed element or decoy: removed (§7.1 step 3.4)
      if (disclosure.name !== undefined) {
        throw new Rejection(
          'sdjwt.disclosure_shape',
          `object-property disclosure ${JSON.stringify(disclosure.name)} is referenced from an array element at ${where(at)}; only [salt, value] may be`,
          { digest, name: disclosure.name },
        )
      }
      const elementAt: PathLink = { parent: at, key: out.length }
      this.placed.set(disclosure, elementAt)
      out.push(this.value(disclosure.value, elementAt, depth + 1))
    }
    return out
  }

  #see(digest: string, at: At): void {
    if (this.#seen.has(digest)) {
      throw new Rejection(
        'sdjwt.digest_duplicate',
        `digest ${digest} occurs more than once (again at ${where(at)})`,
        { digest },
      )
    }
    this.#seen.add(digest)
  }
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false
  for (const item of value) if (typeof item !== 'string') return false
  return true
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

/**
 * The Disclosure with its path, built field by field: V8 copies these objects with `{...d, path}`
 * through a slow generic path, measured at more than a JSON.parse of the Disclosure.
 */
function placedDisclosure(disclosure: DecodedDisclosure, path: Path): SdJwtDisclosure {
  const { encoded, digest, salt, name, value } = disclosure
  return name === undefined
    ? { encoded, digest, salt, value, path }
    : { encoded, digest, salt, name, value, path }
}

/** The path from the top level to `at`: property names and array indexes. */
function pathOf(at: At): Path {
  const path: Path = []
  for (let link = at; link !== undefined; link = link.parent) path.push(link.key)
  return path.reverse()
}

const where = (at: At): string => {
  const path = pathOf(at)
  return path.length === 0
    ? 'the top level'
    : `\`${path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}\``
}
