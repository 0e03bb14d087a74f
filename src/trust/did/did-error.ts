// Why a DID or one of its verification methods could not be resolved, with a stable code.
import { KakehashiError } from '../../errors.ts'

/** The `did.*` codes of `ErrorCode`. */
export type DidResolutionCode = Extract<KakehashiError['code'], `did.${string}`>

export class DidResolutionError extends KakehashiError {
  constructor(code: DidResolutionCode, message: string, options?: ErrorOptions) {
    super(code, message, undefined, options)
    this.name = 'DidResolutionError'
  }
}
