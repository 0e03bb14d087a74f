// Every context URL a document names, at any depth, counted and checked against the loader before any processing.
import type { DocumentLoader } from './create-document-loader.ts'
import { JsonLdContextError } from './json-ld-context-error.ts'
import { jsonLdLimits } from './json-ld-limits.ts'

/**
 * The distinct context URLs of `document` (in `@context` values of any node, embedded contexts
 * included). Throws JsonLdContextError when there are more than the limit allows, or the document
 * nests deeper than the walk goes.
 */
export function contextUrlsOf(document: unknown): string[] {
  const urls = new Set<string>()
  walk(document, 0, urls)
  return [...urls]
}

function walk(node: unknown, depth: number, urls: Set<string>): void {
  if (node === null || typeof node !== 'object') return
  if (depth > jsonLdLimits.maxDocumentDepth) {
    throw new JsonLdContextError(
      'w3c.context_limit_exceeded',
      `document nested deeper than ${jsonLdLimits.maxDocumentDepth} levels`,
    )
  }
  if (Array.isArray(node)) {
    for (const item of node) walk(item, depth + 1, urls)
    return
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === '@context') addContextUrls(value, urls)
    walk(value, depth + 1, urls)
  }
}

function addContextUrls(value: unknown, urls: Set<string>): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item !== 'string') continue
    urls.add(item)
    if (urls.size > jsonLdLimits.maxContextsPerDocument) {
      throw new JsonLdContextError(
        'w3c.context_limit_exceeded',
        `document names more than ${jsonLdLimits.maxContextsPerDocument} contexts`,
      )
    }
  }
}

/**
 * Checks that the loader answers every context URL of `document` (closed by default: an unknown
 * context is refused even where no JSON-LD processing follows, as with JCS proofs).
 */
export async function checkDocumentContexts(
  document: unknown,
  documentLoader: DocumentLoader,
): Promise<void> {
  for (const url of contextUrlsOf(document)) {
    if (documentLoader.has !== undefined) {
      if (!documentLoader.has(url)) {
        throw new JsonLdContextError('w3c.context_unknown', `unknown JSON-LD context ${url}`, url)
      }
    } else {
      await documentLoader(url)
    }
  }
}
