// What every benchmark shares: a timed loop after a warm-up, the raw baselines, and rounding.
import { createSign, createVerify, generateKeyPairSync, sign, verify } from 'node:crypto'

/** Seconds each measured loop runs (`BENCH_SECONDS`, 3 by default). */
export const benchSeconds = Number(process.env.BENCH_SECONDS ?? 3)

/** Runs `fn` repeatedly for about `seconds` (after `warmUp` calls) and returns operations per second. */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  options: { seconds?: number; warmUp?: number; batch?: number } = {},
): Promise<number> {
  await warmUp(fn, options.warmUp)
  const { ops, ns } = await runFor(fn, options.seconds ?? benchSeconds, options.batch)
  return ops / (Number(ns) / 1e9)
}

async function warmUp(fn: () => unknown | Promise<unknown>, calls = 50): Promise<void> {
  for (let i = 0; i < calls; i++) await fn()
}

/** Calls `fn` in batches until `seconds` have passed: how many calls, in how many nanoseconds. */
async function runFor(
  fn: () => unknown | Promise<unknown>,
  seconds: number,
  batch = 20,
): Promise<{ ops: number; ns: bigint }> {
  let ops = 0
  const start = process.hrtime.bigint()
  const budget = BigInt(Math.round(seconds * 1e9))
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < batch; i++) await fn()
    ops += batch
  }
  return { ops, ns: process.hrtime.bigint() - start }
}

/** The raw baseline of an ES256 verifier: one native ECDSA P-256 / SHA-256 verification of a JWS-sized input. */
export function rawEcdsaP256Verify(): () => boolean {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const data = Buffer.alloc(1200, 7)
  const signature = createSign('SHA256')
    .update(data)
    .sign({ key: privateKey, dsaEncoding: 'ieee-p1363' })
  return () =>
    createVerify('SHA256')
      .update(data)
      .verify({ key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
}

/** The raw baseline of an EdDSA verifier: one native Ed25519 verification of a Data Integrity-sized input. */
export function rawEd25519Verify(): () => boolean {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  // vc-di-eddsa signs the 64 bytes of two SHA-256 hashes.
  const data = Buffer.alloc(64, 7)
  const signature = sign(null, data, privateKey)
  return () => verify(null, data, publicKey, signature)
}

/**
 * Operations per second of each of `operations`, measured in turns of about `slice` seconds each
 * (round robin, for about `seconds` each in all): a ratio between two of them then compares rates
 * taken over the same minutes, so a shared machine's drift, which can exceed the difference being
 * measured, affects both alike.
 */
export async function measureAlternating<Name extends string>(
  operations: Record<Name, () => unknown | Promise<unknown>>,
  options: { seconds?: number; slice?: number; warmUp?: number; batch?: number } = {},
): Promise<Record<Name, number>> {
  const names = Object.keys(operations) as Name[]
  const slice = options.slice ?? 0.25
  const turns = Math.max(1, Math.round((options.seconds ?? benchSeconds) / slice))
  const totals = new Map(names.map((name) => [name, { ops: 0, ns: 0n }]))
  for (const name of names) await warmUp(operations[name], options.warmUp)
  for (let turn = 0; turn < turns; turn++) {
    for (const name of names) {
      const { ops, ns } = await runFor(operations[name], slice, options.batch)
      const total = totals.get(name) as { ops: number; ns: bigint }
      total.ops += ops
      total.ns += ns
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const { ops, ns } = totals.get(name) as { ops: number; ns: bigint }
      return [name, ops / (Number(ns) / 1e9)]
    }),
  ) as Record<Name, number>
}

/**
 * What every ECDSA verification benchmark reports: the pipeline's rate beside the raw ES256 rate
 * and the floor's (bench/floors.ts), measured in alternating turns. `signatures` is how many a
 * verification checks: the ratio's baseline is the raw rate divided by it.
 */
export async function ecdsaVerifyFigures(
  pipeline: () => Promise<unknown>,
  floor: () => void,
  signatures: number,
) {
  const rates = await measureAlternating({ raw: rawEcdsaP256Verify(), pipeline, floor })
  const perSignature = rates.raw / signatures
  return {
    opsPerSec: round(rates.pipeline),
    rawEcdsaP256VerifyPerSec: round(rates.raw),
    ratio: round(rates.pipeline / perSignature, 3),
    target: 0.7,
    // The same credential through the specification's own steps alone.
    floorOpsPerSec: round(rates.floor),
    floorRatio: round(rates.floor / perSignature, 3),
    ofFloor: round(rates.pipeline / rates.floor, 3),
  }
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits

export const peakRssMiB = () => round(process.resourceUsage().maxRSS / 1024)

/** One line of `npm run bench -- --json`: a name, the measured figures, and a ratio to a raw baseline. */
export interface BenchResult {
  name: string
  description: string
  ratio: number
  target?: number
  [figure: string]: unknown
}
