// JSON-LD for Kakehashi: bundled, pinned contexts, a loader that never fetches, and safe-mode RDFC-1.0.
export {
  bundledContextDigests,
  bundledContexts,
  contextDigest,
  credentialsExamplesV2,
  type PinnedContext,
} from './bundled-contexts.ts'
export {
  asJsonLdError,
  type CanonizeOptions,
  canonizeRdfc,
  contextResolverFor,
  JsonLdProcessingError,
} from './canonize-rdfc.ts'
export { checkDocumentContexts, contextUrlsOf } from './check-document-contexts.ts'
export {
  type CreateDocumentLoaderOptions,
  createDocumentLoader,
  type DocumentLoader,
  type ExtraContext,
  type RemoteDocument,
} from './create-document-loader.ts'
export { type JsonLdContextCode, JsonLdContextError } from './json-ld-context-error.ts'
export { jsonLdLimits } from './json-ld-limits.ts'
