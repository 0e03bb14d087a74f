// What every benchmark shares: a timed loop after a warm-up, the raw baselines, and rounding.
import { createSign, createVerify, generateKeyPairSync, sign, verify } from 'node:crypto'

/** Seconds each measured loop runs (`BENCH_SECONDS`, 3 by default). */
export const benchSeconds = Number(process.env.BENCH_SECONDS ?? 3)

/** Runs `fn` repeatedly for about `seconds` (after `warmUp` calls) and returns operations per second. */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  options: { seconds?: number; warmUp?: number; batch?: number } = {},
): Promise<number> {
  const warmUp = options.warmUp ?? 50
  const batch = options.batch ?? 20
  for (let i = 0; i < warmUp; i++) await fn()
  let ops = 0
  const start = process.hrtime.bigint()
  const budget = BigInt(Math.round((options.seconds ?? benchSeconds) * 1e9))
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < batch; i++) await fn()
    ops += batch
  }
  return ops / (Number(process.hrtime.bigint() - start) / 1e9)
}

/** The floor any verifier pays: one native ECDSA P-256 / SHA-256 verification of a JWS-sized input. */
export async function rawEcdsaP256VerifyPerSec(): Promise<number> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const data = Buffer.alloc(1200, 7)
  const signature = createSign('SHA256')
    .update(data)
    .sign({ key: privateKey, dsaEncoding: 'ieee-p1363' })
  return measure(() =>
    createVerify('SHA256')
      .update(data)
      .verify({ key: publicKey, dsaEncoding: 'ieee-p1363' }, signature),
  )
}

/** The floor of an EdDSA verifier: one native Ed25519 verification of a Data Integrity-sized input. */
export async function rawEd25519VerifyPerSec(): Promise<number> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  // vc-di-eddsa signs the 64 bytes of two SHA-256 hashes.
  const data = Buffer.alloc(64, 7)
  const signature = sign(null, data, privateKey)
  return measure(() => verify(null, data, publicKey, signature))
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
