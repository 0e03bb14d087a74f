// What verifying W3C credentials needs beyond the common dependencies: a context loader, a DID resolver, algorithms.

import type { ResolveVerificationMethod } from '../formats/w3c-vc/types.ts'
import {
  createDocumentLoader,
  type DocumentLoader,
  type ExtraContext,
} from '../lib/jsonld/index.ts'
import {
  BitstringStatusListCache,
  type BitstringStatusListSource,
  HttpBitstringStatusListSource,
} from '../status/bitstring-status-list/index.ts'
import { createDidResolver, type DidMethod } from '../trust/did/index.ts'
import type { VerifierDeps } from './verify-credential.ts'

export interface W3cDeps {
  documentLoader: DocumentLoader
  resolveVerificationMethod: ResolveVerificationMethod
  /** JOSE algorithms for VC-JOSE and VC 1.1 JWTs. */
  allowedAlgorithms: readonly string[]
  /** Bitstring Status List credentials: where they come from, and the verified lists kept. */
  statusSource: BitstringStatusListSource
  statusCache: BitstringStatusListCache
}

/**
 * Open Badges 3.0 requires verifiers to support RS256 for VC-JWT (OB 3.0 §8.2.3), so W3C
 * credentials accept it beside the common allow-list; SD-JWT VC and mdoc do not.
 */
export const w3cExtraAlgorithms = ['RS256'] as const

export interface W3cDepsOptions {
  policy: VerifierDeps['policy']
  limits: VerifierDeps['limits']
  clock: VerifierDeps['clock']
  /** Contexts the operator pinned beside the bundled ones. */
  extraContexts?: ReadonlyMap<string, ExtraContext>
  /** DID methods resolved; did:web fetches under the policy's private-address rule. */
  didMethods?: readonly DidMethod[]
  /** Where status list credentials come from; HTTPS with every safe-fetch guard by default. */
  statusSource?: BitstringStatusListSource
}

/** Largest DID document fetched for did:web. */
const MAX_DID_DOCUMENT_BYTES = 64 * 1024
/** How long a did:web document is used before it is fetched again. */
const DID_WEB_CACHE_MS = 300_000

export function createW3cDeps(options: W3cDepsOptions): W3cDeps {
  const { policy, limits, clock } = options
  return {
    documentLoader: createDocumentLoader(
      options.extraContexts !== undefined ? { extraContexts: options.extraContexts } : {},
    ),
    resolveVerificationMethod: createDidResolver({
      methods: options.didMethods ?? ['key', 'jwk'],
      web: {
        timeoutMs: policy.fetchTimeoutMs,
        maxBytes: MAX_DID_DOCUMENT_BYTES,
        allowPrivate: policy.allowPrivateFetch,
      },
      clock,
      webCacheTtlMs: DID_WEB_CACHE_MS,
    }),
    allowedAlgorithms: [...policy.allowedAlgorithms, ...w3cExtraAlgorithms],
    statusSource: options.statusSource ?? new HttpBitstringStatusListSource({ policy, limits }),
    statusCache: new BitstringStatusListCache({ clock, policy }),
  }
}

const defaults = new WeakMap<VerifierDeps, W3cDeps>()

/**
 * The deps' own W3C dependencies, or defaults made once per deps: the bundled contexts only, and
 * the DID methods that need no network (did:key, did:jwk). The bridge enables did:web where it
 * is opened.
 */
export function w3cDepsOf(deps: VerifierDeps): W3cDeps {
  if (deps.w3c !== undefined) return deps.w3c
  let made = defaults.get(deps)
  if (made === undefined) {
    made = createW3cDeps({ policy: deps.policy, limits: deps.limits, clock: deps.clock })
    defaults.set(deps, made)
  }
  return made
}
