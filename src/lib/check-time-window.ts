// The one validity-window check (`iat`, `nbf`, `exp` in NumericDate seconds) used by every format.
import { isoTime } from './iso-time.ts'

export type TimeWindowResult =
  | { ok: true }
  | {
      ok: false
      code: 'time.not_yet_valid' | 'time.expired' | 'time.claim_invalid'
      message: string
    }

export interface TimeClaims {
  iat?: unknown
  nbf?: unknown
  exp?: unknown
}

/**
 * Checks a token's validity window at `nowSec`, tolerating `skewSec` either way.
 * Absent claims are not required here; callers that require one check for it themselves.
 */
export function checkTimeWindow(
  claims: TimeClaims,
  nowSec: number,
  skewSec: number,
): TimeWindowResult {
  for (const name of ['iat', 'nbf', 'exp'] as const) {
    const value = claims[name]
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      return { ok: false, code: 'time.claim_invalid', message: `\`${name}\` is not a NumericDate` }
    }
  }
  const { iat, nbf, exp } = claims as { iat?: number; nbf?: number; exp?: number }
  if (nbf !== undefined && nbf > nowSec + skewSec) {
    return { ok: false, code: 'time.not_yet_valid', message: `not valid before ${isoSeconds(nbf)}` }
  }
  if (iat !== undefined && iat > nowSec + skewSec) {
    return {
      ok: false,
      code: 'time.not_yet_valid',
      message: `issued in the future (${isoSeconds(iat)})`,
    }
  }
  if (exp !== undefined && exp <= nowSec - skewSec) {
    return { ok: false, code: 'time.expired', message: `expired at ${isoSeconds(exp)}` }
  }
  return { ok: true }
}

export const isoSeconds = (sec: number): string => isoTime(sec * 1000)
