// Tells connection failures apart from SQL errors, so callers see `store.unavailable` for the former.
import { KakehashiError } from '../errors.ts'

/** Socket-level errors of Node and the connection-class SQLSTATEs (08xxx, admin shutdown, …). */
const connectionErrnos = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])
const connectionSqlStates = new Set(['57P01', '57P02', '57P03', '53300', '3D000', '28000', '28P01'])

/** What `pg` says when a socket closes or a pool cannot hand out a client. */
const connectionMessages =
  /connection terminated|timeout exceeded when trying to connect|connection error|cannot use a pool after calling end/i

export function isConnectionError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (connectionErrnos.has(code) || connectionSqlStates.has(code) || code.startsWith('08')) {
      return true
    }
  }
  const message = (error as { message?: unknown }).message
  return typeof message === 'string' && connectionMessages.test(message)
}

/** Rethrows a connection failure as `store.unavailable`; any other error passes unchanged. */
export function toStoreError(error: unknown, what: string): unknown {
  if (error instanceof KakehashiError || !isConnectionError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new KakehashiError('store.unavailable', `${what}: ${message}`, undefined, { cause: error })
}
