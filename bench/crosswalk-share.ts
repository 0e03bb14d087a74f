// What the meaning step adds to a format's verification: pairs of blocks with and without it, pooled over processes.
import type { VerificationReport } from '../src/report/verification-report.ts'
import type { VerifyRequest } from '../src/verify/verify-credential.ts'
import { benchSeconds, round } from './measure.ts'

/** How many processes of their own measure each format's share (see `crosswalkShareRatios`). */
export const shareProcesses = 3

/** What the meaning step adds to a verification, over every pair of blocks of every process. */
export interface CrosswalkShare {
  crosswalkShare: number
  crosswalkShareQuartiles: [number, number]
  crosswalkSharePairs: number
  /** Each process's own median, in the order they ran. */
  crosswalkShareByProcess: number[]
}

/**
 * What the meaning step adds to each of many verifications, as a fraction of the time without it:
 * the same request verified with and without it in adjacent blocks of about 5 ms in one process
 * (in the order with, without, without, with, …), for twice a benchmark's time; each pair of
 * blocks gives one ratio. Two blocks a few milliseconds apart see the same state of a shared
 * machine, so its drift cancels; each block is long enough that a verification follows one of its
 * own kind, as in service, so what the meaning step leaves in the caches is paid for by its own
 * side.
 */
export async function crosswalkShareRatios(
  verify: (request: VerifyRequest) => Promise<VerificationReport>,
  request: VerifyRequest,
): Promise<number[]> {
  const first = await verify(request)
  if (first.meaning === undefined)
    throw new Error(`no crosswalk for ${request.relyingPartyFramework}`)
  const without = { ...request, meaning: false }
  // A process of its own starts cold: a second of both kinds first, so that neither is measured
  // while the compiler is still at work on it.
  const warm = process.hrtime.bigint()
  for (let i = 0; process.hrtime.bigint() - warm < 1_000_000_000n; i++)
    await verify(i % 2 === 0 ? request : without)
  // Blocks of about 5 ms (at most 32 verifications): long enough for a verification to follow its
  // own kind, short enough that a slow credential still gives hundreds of them.
  const probe = process.hrtime.bigint()
  for (let i = 0; i < 8; i++) await verify(request)
  const perVerifyNs = Number(process.hrtime.bigint() - probe) / 8
  const block = Math.min(32, Math.max(2, Math.round(5e6 / perVerifyNs)))
  const timed = async (r: VerifyRequest): Promise<number> => {
    // The first of a block follows the other kind: it is run, not counted.
    await verify(r)
    const start = process.hrtime.bigint()
    for (let i = 0; i < block; i++) await verify(r)
    return Number(process.hrtime.bigint() - start)
  }
  const ratios: number[] = []
  const budget = BigInt(Math.round(benchSeconds * 2 * 1e9))
  const start = process.hrtime.bigint()
  for (let pair = 0; process.hrtime.bigint() - start < budget; pair++) {
    let withNs: number
    let withoutNs: number
    if (pair % 2 === 0) {
      withNs = await timed(request)
      withoutNs = await timed(without)
    } else {
      withoutNs = await timed(without)
      withNs = await timed(request)
    }
    ratios.push(withNs / withoutNs - 1)
  }
  return ratios
}

const quantile = (sorted: readonly number[], fraction: number): number =>
  round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number, 4)

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b)

/**
 * The figure: the median of every pair's ratio, pooled over the processes that measured them.
 * One process is one draw of the machine's state: on the shared development machine a process's
 * median moves between runs by several times its own standard error (docs/crosswalks.md#cost),
 * so a single process would report that draw rather than the step. The median, unlike a mean,
 * does not move with the few blocks another tenant or a garbage collection lengthened.
 */
export function summariseShare(byProcess: readonly (readonly number[])[]): CrosswalkShare {
  const pooled = sorted(byProcess.flat())
  if (pooled.length === 0) throw new Error('no pairs measured')
  return {
    crosswalkShare: quantile(pooled, 0.5),
    crosswalkShareQuartiles: [quantile(pooled, 0.25), quantile(pooled, 0.75)],
    crosswalkSharePairs: pooled.length,
    crosswalkShareByProcess: byProcess.map((ratios) => quantile(sorted(ratios), 0.5)),
  }
}
