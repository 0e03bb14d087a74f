// RFC 9457 (formerly 7807) problem details: every error answer of the HTTP API has this shape.
import type { FastifyReply } from 'fastify'
import type { ErrorCode } from '../errors.ts'
import { isKakehashiError } from '../errors.ts'

export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  /** The stable Kakehashi error code. */
  code: string
  errors?: unknown
}

const statusFor: Partial<Record<ErrorCode, number>> = {
  'registry.not_found': 404,
  // TRQP v2 HTTPS binding: an entity, authority or action not recognised is 404.
  'trqp.entity_unknown': 404,
  'trqp.authority_unknown': 404,
  'trqp.action_unknown': 404,
  'sandbox.unknown_issuer': 404,
  'registry.conflict': 409,
  'log.integrity': 409,
  'store.unavailable': 503,
  'fetch.refused': 502,
  'fetch.failed': 502,
  'fetch.timeout': 504,
  'fetch.too_large': 502,
  // The bridge's own export signer files are wrong: the operator's fault, not the client's.
  'lote.export_signer_invalid': 500,
}

export const problemType = (code: string): string => `urn:kakehashi:error:${code}`

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  title: string,
  extra: Partial<Problem> = {},
) {
  const body: Problem = { type: problemType(code), title, status, code, ...extra }
  return reply.code(status).type('application/problem+json').send(body)
}

/** Maps any thrown error to a problem; unknown errors say nothing of their internals. */
export function problemFromError(error: unknown): Problem {
  if (isKakehashiError(error)) {
    const status = statusFor[error.code] ?? 400
    return {
      type: problemType(error.code),
      title: error.message,
      status,
      code: error.code,
      ...(error.detail ? { errors: error.detail } : {}),
    }
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string }
  if (fastifyError.statusCode === 413) {
    return {
      type: problemType('input.too_large'),
      title: 'request body too large',
      status: 413,
      code: 'input.too_large',
    }
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return {
      type: problemType('input.malformed'),
      title: fastifyError.message ?? 'bad request',
      status: fastifyError.statusCode,
      code: 'input.malformed',
    }
  }
  return { type: problemType('internal'), title: 'internal error', status: 500, code: 'internal' }
}
