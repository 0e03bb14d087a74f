// Benchmarks, each reported against a raw baseline measured in the same run: `npm run bench -- --json`.
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto'
import { resolveBridgeConfig } from '../src/bridge/bridge-config.ts'
import { openBridge } from '../src/bridge/open-bridge.ts'
import { issueSandboxCredential } from '../src/sandbox/issue-sandbox-credential.ts'

const json = process.argv.includes('--json')
const seconds = Number(process.env.BENCH_SECONDS ?? 3)

/** Runs `fn` repeatedly for about `seconds` (after a warm-up) and returns operations per second. */
async function measure(fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await fn()
  let ops = 0
  const start = process.hrtime.bigint()
  const budget = BigInt(Math.round(seconds * 1e9))
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 20; i++) await fn()
    ops += 20
  }
  return ops / (Number(process.hrtime.bigint() - start) / 1e9)
}

/** The floor any verifier pays: one native ECDSA P-256 / SHA-256 verification of a JWS-sized input. */
async function rawEcdsaP256VerifyPerSec(): Promise<number> {
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

async function sdJwtVcVerify() {
  const config = { ...resolveBridgeConfig({}, {}), sandbox: true }
  const bridge = await openBridge(config, { inMemory: true })
  try {
    const nonce = 'bench-nonce'
    const audience = 'https://admissions.example.eu'
    if (bridge.sandbox === undefined) throw new Error('the benchmark needs the sandbox')
    const issued = await issueSandboxCredential(bridge.sandbox, 'jp-university', {
      nonce,
      audience,
    })
    const request = {
      credential: issued.credential,
      relyingPartyFramework: 'eu.academic',
      nonce,
      audience,
    }
    const first = await bridge.verify(request)
    if (first.verdict !== 'accepted')
      throw new Error(`benchmark credential rejected: ${first.errors.join(', ')}`)
    const raw = await rawEcdsaP256VerifyPerSec()
    const opsPerSec = await measure(() => bridge.verify(request))
    const last = await bridge.verify(request)
    if (last.verdict !== 'accepted') throw new Error('benchmark credential rejected after the run')
    return {
      name: 'sdjwt-vc.verify',
      description:
        'complete pipeline, SD-JWT VC with key binding, x5c trust and status list from cache, single core',
      opsPerSec: round(opsPerSec),
      rawEcdsaP256VerifyPerSec: round(raw),
      // Two signatures (issuer, key binding) per verification: the raw floor is half the raw rate.
      ratio: round(opsPerSec / (raw / 2), 3),
      target: 0.7,
      peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
    }
  } finally {
    await bridge.close()
  }
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits

const results = [await sdJwtVcVerify()]
for (const result of results) {
  if (json) console.log(JSON.stringify(result))
  else
    console.log(
      `${result.name}: ${result.opsPerSec} ops/s, raw ES256 verify ${result.rawEcdsaP256VerifyPerSec}/s, ratio ${result.ratio} (target ≥ ${result.target}), peak RSS ${result.peakRssMiB} MiB`,
    )
}
