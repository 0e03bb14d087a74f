// RDFC-1.0 canonical N-Quads of a JSON-LD document, in JSON-LD safe mode, with resolved contexts kept per loader.
import jsonld from 'jsonld'
import ContextResolver from 'jsonld/lib/ContextResolver.js'
import { RecentlyUsed } from '../recently-used.ts'
import type { DocumentLoader } from './create-document-loader.ts'
import { JsonLdContextError } from './json-ld-context-error.ts'
import { shareTermDefinitions } from './share-term-definitions.ts'

// Before any context is processed, so every active context derives from the faster copy.
shareTermDefinitions()

/** The failure of JSON-LD processing: safe-mode refusals (undefined terms, dropped values) and syntax errors. */
export class JsonLdProcessingError extends Error {
  readonly code = 'w3c.jsonld_invalid'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'JsonLdProcessingError'
  }
}

/** Resolved contexts kept per loader: bounded, and never shared between loaders that answer differently. */
const resolvedContextCacheLimit = 512
const resolvedContexts = new WeakMap<DocumentLoader, RecentlyUsed<unknown>>()

/**
 * A jsonld context resolver for one operation, sharing the contexts already resolved through
 * `documentLoader`: the loader answers with `tag: 'static'`, so jsonld keeps its processed term
 * definitions instead of re-processing the same contexts for every document.
 */
export function contextResolverFor(documentLoader: DocumentLoader): unknown {
  let sharedCache = resolvedContexts.get(documentLoader)
  if (sharedCache === undefined) {
    sharedCache = new RecentlyUsed<unknown>(resolvedContextCacheLimit)
    resolvedContexts.set(documentLoader, sharedCache)
  }
  return new ContextResolver({ sharedCache })
}

export interface CanonizeOptions {
  documentLoader: DocumentLoader
  /** RDFC-1.0's hash function: SHA-256 by default, SHA-384 where a suite asks for it (ecdsa P-384). */
  messageDigestAlgorithm?: 'SHA-256' | 'SHA-384'
}

/**
 * Canonical N-Quads of `document`: JSON-LD to RDF in safe mode (any term that would be dropped
 * or is undefined fails), then RDFC-1.0 with its default work limit, which aborts on dataset
 * poisoning. Throws JsonLdContextError for a refused context, JsonLdProcessingError otherwise.
 */
export async function canonizeRdfc(document: unknown, options: CanonizeOptions): Promise<string> {
  try {
    return await jsonld.canonize(document, {
      documentLoader: options.documentLoader,
      safe: true,
      base: null,
      // VCDM 2.0 base direction is expressed as i18n datatypes, as the Data Integrity suites expect.
      rdfDirection: 'i18n-datatype',
      format: 'application/n-quads',
      contextResolver: contextResolverFor(options.documentLoader),
      canonizeOptions: {
        algorithm: 'RDFC-1.0',
        messageDigestAlgorithm: options.messageDigestAlgorithm ?? 'SHA-256',
      },
    })
  } catch (error) {
    throw asJsonLdError(error)
  }
}

/** The context refusal behind a jsonld error (it wraps loader failures), or a processing error. */
export function asJsonLdError(error: unknown): JsonLdContextError | JsonLdProcessingError {
  for (let cause: unknown = error, hops = 0; cause !== undefined && hops < 8; hops++) {
    if (cause instanceof JsonLdContextError) return cause
    const next = cause as { details?: { cause?: unknown }; cause?: unknown } | null
    cause = next?.details?.cause ?? next?.cause
  }
  const message = error instanceof Error ? error.message : String(error)
  return new JsonLdProcessingError(`JSON-LD processing failed: ${message}`, { cause: error })
}
