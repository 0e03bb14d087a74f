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
  | 'trqp.entity_unknown'
  | 'trqp.authority_unknown'
  | 'trqp.action_unknown'
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
  | 'jp-list.too_large'
  | 'jp-list.malformed'
  | 'jp-list.schema_invalid'
  | 'jp-list.corporate_number_invalid'
  | 'jp-list.certificate_invalid'
  | 'jp-list.unsigned_refused'
  | 'jp-list.algorithm_refused'
  | 'jp-list.signer_unknown'
  | 'jp-list.signature_invalid'
  | 'jp-list.framework_conflict'
  | 'jp-list.sequence_regressed'
  | 'lote.too_large'
  | 'lote.malformed'
  | 'lote.algorithm_refused'
  | 'lote.crit_refused'
  | 'lote.type_refused'
  | 'lote.signer_unknown'
  | 'lote.signature_invalid'
  | 'lote.not_conformant'
  | 'lote.limit_exceeded'
  | 'lote.sequence_regressed'
  | 'lote.export_signer_invalid'
  | 'lote.not_xml'
  | 'lote.doctype_refused'
  | 'lote.pi_refused'
  | 'lote.too_deep'
  | 'lote.too_many_elements'
  | 'lote.signature_missing'
  | 'lote.signature_multiple'
  | 'lote.signature_scope'
  | 'oidfed.malformed'
  | 'oidfed.too_large'
  | 'oidfed.limit_exceeded'
  | 'oidfed.signature_invalid'
  | 'oidfed.expired'
  | 'oidfed.not_yet_valid'
  | 'oidfed.subject_mismatch'
  | 'oidfed.unsupported_critical'
  | 'oidfed.chain_unresolvable'
  | 'oidfed.authority_loop'
  | 'oidfed.path_too_long'
  | 'oidfed.constraint_violated'
  | 'oidfed.policy_conflict'
  | 'oidfed.policy_violation'
  | 'oidfed.trust_mark_invalid'
  | 'oidfed.trust_mark_missing'
  | 'cbor.malformed'
  | 'cbor.limit_exceeded'
  | 'cbor.duplicate_key'
  | 'cose.malformed'
  | 'cose.algorithm_refused'
  | 'cose.key_unsupported'
  | 'vical.too_large'
  | 'vical.malformed'
  | 'vical.limit_exceeded'
  | 'vical.algorithm_refused'
  | 'vical.signer_unknown'
  | 'vical.signature_invalid'
  | 'vical.schema_invalid'
  | 'vical.certificate_invalid'
  | 'vical.expired'
  | 'vical.sequence_regressed'

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
