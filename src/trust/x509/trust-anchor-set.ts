// A registry snapshot's X.509 trust anchors, parsed once, with a cache of validated `x5c` chains.
import { hash } from 'node:crypto'
import type { AnchorEntry, LabelledCertificate } from './describe-certificate.ts'
import { fingerprintSha256, type ParsedCertificate, parseDer } from './parse-certificate.ts'
import type {
  PathFailure,
  PathResult,
  PathSuccess,
  PathValidationOptions,
  TrustAnchorInput,
} from './path-result.ts'
import { runPathValidation } from './run-path-validation.ts'

export interface TrustAnchorSetOptions {
  /** Most validated chains remembered; the least recently used is forgotten first. */
  cacheSize?: number
}

export interface TrustAnchorSetStats {
  /** Validations answered from the cache (or from an identical validation already running). */
  hits: number
  /** Validations that ran pkijs. */
  pathValidations: number
}

const invalid = (message: string): PathFailure => ({
  ok: false,
  code: 'trust.chain_invalid',
  message,
})

/**
 * The anchors are CA certificates. A directly trusted end-entity certificate (digital identity
 * kind `x509.certificate`) is not an anchor: it is recognised by the fingerprint of `x5c[0]`, and an
 * `x5c` whose leaf is itself an anchor is refused here.
 *
 * Construct one per registry snapshot and drop it when a new checkpoint replaces the snapshot;
 * the cache lives and dies with it.
 */
export class TrustAnchorSet {
  /** The anchors that parsed, in input order, each certificate once. */
  readonly anchors: readonly AnchorEntry[]
  /** Anchors that are not DER X.509 certificates; they take no part in validation. */
  readonly rejected: ReadonlyArray<{ id: string; message: string }>
  readonly stats: TrustAnchorSetStats = { hits: 0, pathValidations: 0 }

  readonly #byFingerprint = new Map<string, AnchorEntry>()
  readonly #subjectKeyIds = new Map<AnchorEntry, string | undefined>()
  readonly #cache = new Map<string, PathSuccess>()
  readonly #inflight = new Map<string, Promise<PathResult>>()
  readonly #cacheSize: number

  constructor(anchors: ReadonlyArray<TrustAnchorInput>, options: TrustAnchorSetOptions = {}) {
    this.#cacheSize = Math.max(0, options.cacheSize ?? 4096)
    const rejected: { id: string; message: string }[] = []
    const entries: AnchorEntry[] = []
    for (const { id, der } of anchors) {
      const parsed = parseAnchor(der)
      if (!parsed.ok) {
        rejected.push({ id, message: `not a DER X.509 certificate (${parsed.message})` })
        continue
      }
      const known = this.#byFingerprint.get(parsed.cert.fingerprint)
      if (known !== undefined) {
        if (!known.ids.includes(id)) known.ids.push(id)
        continue
      }
      const entry: AnchorEntry = { ids: [id], cert: parsed.cert }
      this.#byFingerprint.set(parsed.cert.fingerprint, entry)
      this.#subjectKeyIds.set(entry, keyIdentifier(parsed.cert, SUBJECT_KEY_ID))
      entries.push(entry)
    }
    this.anchors = entries
    this.rejected = rejected
  }

  /** The anchor with this certificate fingerprint (SHA-256 of the DER, lower-case hex), if any. */
  anchorByFingerprint(fingerprint: string): AnchorEntry | undefined {
    return this.#byFingerprint.get(fingerprint)
  }

  /**
   * Validates `x5c` (DER, leaf first, as in the JOSE header) against the anchors at `atMs`.
   * Never throws. A chain already validated is answered from the cache while `atMs` lies within
   * the validity of every certificate of its path.
   */
  async validate(
    x5c: ReadonlyArray<Uint8Array>,
    options: PathValidationOptions,
  ): Promise<PathResult> {
    const known = this.validateFromCache(x5c, options)
    if (known !== undefined) return known
    const key = cacheKey(x5c)
    const running = this.#inflight.get(key)
    if (running !== undefined) {
      const result = await running
      if (result.ok && covers(result, options.atMs)) {
        this.stats.hits++
        return copy(result)
      }
    }
    const run = this.#validateUncached(x5c, options.atMs)
    if (!this.#inflight.has(key)) {
      this.#inflight.set(key, run)
      const done = () => {
        if (this.#inflight.get(key) === run) this.#inflight.delete(key)
      }
      run.then(done, done)
    }
    const result = await run
    if (!result.ok) return result
    this.#remember(key, result)
    return copy(result)
  }

  /**
   * What `validate` answers without validating anything: the refusal of an unacceptable `x5c`, or
   * the cached path of a chain validated before whose window covers `atMs`; undefined when the
   * chain must be validated. Synchronous, so that a verifier's common case waits on no promise.
   */
  validateFromCache(
    x5c: ReadonlyArray<Uint8Array>,
    options: PathValidationOptions,
  ): PathResult | undefined {
    const refused = precheck(x5c, options)
    if (refused !== undefined) return refused
    const key = cacheKey(x5c)
    const cached = this.#cache.get(key)
    if (cached === undefined || !covers(cached, options.atMs)) return undefined
    // Re-inserting keeps the Map in least-recently-used order.
    this.#cache.delete(key)
    this.#cache.set(key, cached)
    this.stats.hits++
    return copy(cached)
  }

  async #validateUncached(x5c: ReadonlyArray<Uint8Array>, atMs: number): Promise<PathResult> {
    this.stats.pathValidations++
    try {
      const chain: LabelledCertificate[] = []
      for (const [index, der] of x5c.entries()) {
        const parsed = parseDer(der)
        if (!parsed.ok)
          return invalid(`x5c[${index}] is not a DER X.509 certificate (${parsed.message})`)
        chain.push({ cert: parsed.cert, label: `x5c[${index}]` })
      }
      const leaf = chain[0] as LabelledCertificate
      const leafAnchor = this.#byFingerprint.get(leaf.cert.fingerprint)
      if (leafAnchor !== undefined) {
        return invalid(
          `x5c[0] is trust anchor ${JSON.stringify(leafAnchor.ids[0])} itself; anchors are CAs that certify the signing certificate, not signing certificates`,
        )
      }
      // A trailing anchor copy is recognised by its bytes and dropped: pkijs then only ever trusts
      // the registry's own copy, never a certificate because the credential carries it.
      const last = chain.at(-1) as LabelledCertificate
      const strippedAnchor =
        chain.length > 1 ? this.#byFingerprint.get(last.cert.fingerprint) : undefined
      const rest = strippedAnchor === undefined ? chain : chain.slice(0, -1)
      const anchors = this.#candidates(chain)
      return await runPathValidation({ rest, anchors, atMs, strippedAnchor })
    } catch (error) {
      return invalid(
        `path validation failed: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  /**
   * The anchors pkijs could pick as the issuer of an `x5c` certificate: those it would find by
   * subject name or by key identifier (its own two ways of looking for an issuer), and copies of
   * `x5c` certificates. Any anchor left out could not end a path pkijs accepts, so handing it only
   * these keeps validation time flat as the registry grows without changing any verdict.
   */
  #candidates(chain: LabelledCertificate[]): AnchorEntry[] {
    const authorityKeyIds = new Set(
      chain
        .map((item) => keyIdentifier(item.cert, AUTHORITY_KEY_ID))
        .filter((id) => id !== undefined),
    )
    return this.anchors.filter((anchor) => {
      const subjectKeyId = this.#subjectKeyIds.get(anchor)
      if (subjectKeyId !== undefined && authorityKeyIds.has(subjectKeyId)) return true
      return chain.some(
        (item) =>
          item.cert.pkijs.issuer.isEqual(anchor.cert.pkijs.subject) ||
          item.cert.fingerprint === anchor.cert.fingerprint,
      )
    })
  }

  #remember(key: string, result: PathSuccess): void {
    if (this.#cacheSize === 0) return
    this.#cache.delete(key)
    this.#cache.set(key, result)
    while (this.#cache.size > this.#cacheSize) {
      const oldest = this.#cache.keys().next().value
      if (oldest === undefined) break
      this.#cache.delete(oldest)
    }
  }
}

function precheck(
  x5c: ReadonlyArray<Uint8Array>,
  options: PathValidationOptions,
): PathFailure | undefined {
  if (!Array.isArray(x5c) || x5c.length === 0) return invalid('`x5c` holds no certificate')
  if (x5c.length > options.maxCertificates) {
    return invalid(
      `\`x5c\` holds ${x5c.length} certificates; at most ${options.maxCertificates} are accepted`,
    )
  }
  if (!Number.isFinite(options.atMs)) return invalid('the validation time is not a number')
  for (const [index, der] of x5c.entries()) {
    if (!(der instanceof Uint8Array) || der.byteLength === 0)
      return invalid(`x5c[${index}] is empty`)
  }
  return undefined
}

/** The SHA-256 of each certificate: fixed-length base64url, so no two different `x5c` arrays share a key. */
const cacheKey = (x5c: ReadonlyArray<Uint8Array>): string =>
  x5c.map((der) => hash('sha256', der, 'base64url')).join(',')

// Anchors parsed by any set, by fingerprint, for as long as some set still holds them: a new
// registry snapshot then parses only the anchors that are new to it.
const parsedAnchors = new Map<string, WeakRef<ParsedCertificate>>()
const forgetAnchor = new FinalizationRegistry<string>((fingerprint) => {
  if (parsedAnchors.get(fingerprint)?.deref() === undefined) parsedAnchors.delete(fingerprint)
})

function parseAnchor(der: Uint8Array): ReturnType<typeof parseDer> {
  const fingerprint = der instanceof Uint8Array ? fingerprintSha256(der) : ''
  const known = parsedAnchors.get(fingerprint)?.deref()
  if (known !== undefined) return { ok: true, cert: known }
  const parsed = parseDer(der, { deferView: true })
  if (parsed.ok) {
    parsedAnchors.set(fingerprint, new WeakRef(parsed.cert))
    forgetAnchor.register(parsed.cert, fingerprint)
  }
  return parsed
}

const SUBJECT_KEY_ID = '2.5.29.14'
const AUTHORITY_KEY_ID = '2.5.29.35'

/** The subject or authority key identifier of a certificate, hex, as pkijs reads it. */
function keyIdentifier(cert: ParsedCertificate, oid: string): string | undefined {
  const extension = cert.pkijs.extensions?.find((candidate) => candidate.extnID === oid)
  const value = extension?.parsedValue
  const octets = oid === SUBJECT_KEY_ID ? value : value?.keyIdentifier
  const view: unknown = octets?.valueBlock?.valueHexView
  return view instanceof Uint8Array ? Buffer.from(view).toString('hex') : undefined
}

const covers = (result: PathSuccess, atMs: number): boolean =>
  result.validFromMs <= atMs && atMs <= result.validUntilMs

// Callers get their own arrays; the certificates and the key inside are shared and never mutated.
// Spelled out, not `{...result, …}`: V8 builds a literal that opens with a spread slowly.
const copy = (result: PathSuccess): PathSuccess => ({
  ok: true,
  anchorId: result.anchorId,
  anchorIds: [...result.anchorIds],
  path: [...result.path],
  fingerprints: [...result.fingerprints],
  leafPublicKey: result.leafPublicKey,
  validFromMs: result.validFromMs,
  validUntilMs: result.validUntilMs,
})
