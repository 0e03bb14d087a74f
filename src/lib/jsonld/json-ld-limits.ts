// The bounds of JSON-LD processing: context size, contexts per document, and how deep they are looked for.

export const jsonLdLimits = {
  /** Largest context document accepted, in bytes of its JSON text (the largest bundled one is 10.7 KB). */
  maxContextBytes: 64 * 1024,
  /** Most distinct context URLs one document may name, at any depth. */
  maxContextsPerDocument: 16,
  /** Deepest nesting walked when looking for `@context` values. */
  maxDocumentDepth: 64,
} as const
