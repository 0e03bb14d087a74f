// The one error type of Kakehashi: every failure carries a stable code a caller can branch on.

/** Stable error codes for failures outside a verification report (bad input, store, usage). */
export type ErrorCode =
  | 'input.malformed'
  | 'input.too_large'
  | 'input.limit_exceeded'
  | 'input.format_unknown'
  | 'input.invalid'
  | 'usage.invalid'
  | 'registry.not_found'
  | 'registry.conflict'
  | 'registry.change_invalid'
  | 'log.integrity'
  | 'store.unavailable'
  | 'fetch.refused'
  | 'fetch.failed'
  | 'fetch.too_large'
  | 'fetch.timeout'
  | 'sandbox.unknown_issuer'
  | 'config.invalid'
  | 'sources.config_invalid'
  | 'sources.not_found'
  | 'source.stale'
  | 'source.unavailable'
  | 'tl.too_large'
  | 'tl.not_xml'
  | 'tl.doctype_refused'
  | 'tl.pi_refused'
  | 'tl.too_deep'
  | 'tl.too_many_elements'
  | 'tl.not_conformant'
  | 'tl.signature_missing'
  | 'tl.signature_multiple'
  | 'tl.signature_invalid'
  | 'tl.signature_scope'
  | 'tl.signer_unknown'
  | 'tl.sequence_regressed'

export class KakehashiError extends Error {
  readonly code: ErrorCode
  readonly detail?: Record<string, unknown>

  constructor(
    code: ErrorCode,
    message: string,
    detail?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'KakehashiError'
    this.code = code
    if (detail !== undefined) this.detail = detail
  }
}

export function isKakehashiError(error: unknown): error is KakehashiError {
  return error instanceof KakehashiError
}
