// A jsonld document loader that answers only from memory: the bundled contexts and those the operator pinned.
import { bundledContexts, type PinnedContext, pinContext } from './bundled-contexts.ts'
import { JsonLdContextError } from './json-ld-context-error.ts'

/** What jsonld expects a document loader to answer. */
export interface RemoteDocument {
  contextUrl: null
  documentUrl: string
  document: Record<string, unknown>
  /** `static` lets jsonld keep the resolved context across operations (the document never changes). */
  tag: 'static'
}

/** A jsonld-compatible document loader; `has` answers without copying a document. */
export interface DocumentLoader {
  (url: string): Promise<RemoteDocument>
  has?: (url: string) => boolean
}

/** A context an operator adds, pinned by the SHA-256 of its `JSON.stringify` text. */
export interface ExtraContext {
  document: unknown
  sha256: string
}

export interface CreateDocumentLoaderOptions {
  /** URL → document and digest; a wrong digest is refused when the loader is created. */
  extraContexts?: ReadonlyMap<string, ExtraContext>
}

/**
 * Creates the loader. It never touches the network: every other URL, including DID URLs, is
 * refused with `w3c.context_unknown` (verification methods are resolved elsewhere).
 */
export function createDocumentLoader(options: CreateDocumentLoaderOptions = {}): DocumentLoader {
  const contexts = new Map<string, PinnedContext>(bundledContexts)
  for (const [url, extra] of options.extraContexts ?? []) {
    if (!isAbsoluteUrl(url)) {
      throw new JsonLdContextError('w3c.context_invalid', `context URL ${url} is not absolute`, url)
    }
    const bundled = bundledContexts.get(url)
    if (bundled !== undefined && bundled.sha256 !== extra.sha256.toLowerCase()) {
      throw new JsonLdContextError(
        'w3c.context_digest_mismatch',
        `context ${url} is bundled with SHA-256 ${bundled.sha256}; it cannot be replaced`,
        url,
      )
    }
    contexts.set(url, pinContext(url, extra.document, extra.sha256))
  }

  const loader = async (url: string): Promise<RemoteDocument> => {
    const context = contexts.get(url)
    if (context === undefined) {
      throw new JsonLdContextError('w3c.context_unknown', `unknown JSON-LD context ${url}`, url)
    }
    // A fresh copy each time: jsonld rewrites context URLs in place while resolving them.
    return {
      contextUrl: null,
      documentUrl: url,
      document: JSON.parse(context.text) as Record<string, unknown>,
      tag: 'static',
    }
  }
  return Object.assign(loader, { has: (url: string) => contexts.has(url) })
}

function isAbsoluteUrl(url: string): boolean {
  return URL.canParse(url) && /^[a-z][a-z0-9+.-]*:/i.test(url)
}
