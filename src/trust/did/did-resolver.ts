// Resolves verification method identifiers (DID URLs) to keys, for the DID methods an operator enables.
import type {
  ResolvedVerificationMethod,
  ResolveVerificationMethod,
} from '../../formats/w3c-vc/types.ts'
import { RecentlyUsed } from '../../lib/recently-used.ts'
import type { Clock } from '../../util/clock.ts'
import { DidResolutionError } from './did-error.ts'
import { didJwkDocument } from './did-jwk.ts'
import { didKeyDocument } from './did-key.ts'
import { type DidWebFetchOptions, didWebDocument } from './did-web.ts'
import { methodInDocument } from './method-in-document.ts'

export const didMethods = ['key', 'jwk', 'web'] as const
export type DidMethod = (typeof didMethods)[number]

export interface DidResolverOptions {
  /** The methods resolved; any other is refused (`did.method_unsupported`). */
  methods: readonly DidMethod[]
  /** did:web fetches: deadline, size cap, private-address policy. */
  web: DidWebFetchOptions
  clock: Clock
  /** How long a fetched did:web document is used before it is fetched again. */
  webCacheTtlMs: number
  /** Resolved methods kept (did:key and did:jwk never change; did:web until the TTL). */
  cacheEntries?: number
}

interface Cached {
  method: ResolvedVerificationMethod
  /** Epoch ms after which the method is resolved again; Infinity for self-describing DIDs. */
  until: number
}

const DID_URL = /^did:([a-z0-9]+):([^#?]+)(#.+)?$/

/**
 * A `ResolveVerificationMethod` over did:key, did:jwk and did:web. A method resolved before is
 * answered synchronously from a bounded cache: on the verification hot path a promise costs
 * more than the lookup. A method id must be a DID URL with a fragment.
 */
export function createDidResolver(options: DidResolverOptions): ResolveVerificationMethod {
  const cache = new RecentlyUsed<Cached>(options.cacheEntries ?? 4096)
  const enabled = new Set<string>(options.methods)

  async function resolve(methodId: string): Promise<ResolvedVerificationMethod> {
    const match = DID_URL.exec(methodId)
    if (match === null || match[3] === undefined)
      throw new DidResolutionError(
        'did.invalid',
        `${methodId.slice(0, 80)} is not a DID URL naming a verification method`,
      )
    const didMethod = match[1] as string
    const did = `did:${didMethod}:${match[2]}`
    if (!enabled.has(didMethod))
      throw new DidResolutionError(
        'did.method_unsupported',
        `DID method ${didMethod} is not enabled (enabled: ${[...enabled].join(', ') || 'none'})`,
      )
    let document: unknown
    let until = Number.POSITIVE_INFINITY
    if (didMethod === 'key') document = await didKeyDocument(did)
    else if (didMethod === 'jwk') document = didJwkDocument(did)
    else {
      document = await didWebDocument(did, options.web)
      until = options.clock.now() + options.webCacheTtlMs
    }
    const method = await methodInDocument(document, did, methodId)
    cache.set(methodId, { method, until })
    return method
  }

  return (methodId: string) => {
    const cached = cache.get(methodId)
    if (cached !== undefined && cached.until > options.clock.now()) return cached.method
    return resolve(methodId)
  }
}
