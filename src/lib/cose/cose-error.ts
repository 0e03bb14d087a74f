// The error of COSE parsing and key handling, with its stable code.
import { KakehashiError } from '../../errors.ts'

export class CoseError extends KakehashiError {
  constructor(
    code: 'cose.malformed' | 'cose.algorithm_refused' | 'cose.key_unsupported',
    message: string,
  ) {
    super(code, message)
    this.name = 'CoseError'
  }
}
