// The refusal of a JSON-LD context: unknown, altered, too large or too many, with its stable code.

/** Stable codes of a context refusal (the `w3c.` family of the verification report). */
export type JsonLdContextCode =
  | 'w3c.context_unknown'
  | 'w3c.context_digest_mismatch'
  | 'w3c.context_too_large'
  | 'w3c.context_limit_exceeded'
  | 'w3c.context_invalid'

export class JsonLdContextError extends Error {
  readonly code: JsonLdContextCode
  /** The context URL concerned. */
  readonly url: string | undefined

  constructor(code: JsonLdContextCode, message: string, url?: string) {
    super(message)
    this.name = 'JsonLdContextError'
    this.code = code
    this.url = url
  }
}
