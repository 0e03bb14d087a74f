// An injectable clock: every check that depends on time asks one of these, never Date.now().

export interface Clock {
  /** The current time in milliseconds since the epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export function fixedClock(at: Date | number | string): Clock {
  const ms = typeof at === 'number' ? at : new Date(at).getTime()
  if (!Number.isFinite(ms)) throw new TypeError(`invalid fixed clock time: ${String(at)}`)
  return { now: () => ms }
}

export const toSeconds = (ms: number): number => Math.floor(ms / 1000)
