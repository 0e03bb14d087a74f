// registry.query: TRQP authorisation queries in process against a plain Map look-up of the same key, and
// their p99 latency over HTTP under load from a second process on 127.0.0.1.
import { spawn } from 'node:child_process'
import { resolveBridgeConfig } from '../src/bridge/bridge-config.ts'
import { answerAuthorization } from '../src/bridge/bridge-trust-queries.ts'
import { openBridge } from '../src/bridge/open-bridge.ts'
import { appendChanges } from '../src/log/append-changes.ts'
import type { Change } from '../src/model/index.ts'
import { createServer } from '../src/server/create-server.ts'
import { type BenchResult, measure, peakRssMiB, round } from './measure.ts'

/** Entities added beside the sandbox, each with one issuer authorisation, so look-ups are not trivial. */
const ENTITIES = 1000
const HTTP_REQUESTS = 5000
const HTTP_CONCURRENCY = 16
/** The load process is killed past this, whatever it is doing. */
const HTTP_TIMEOUT_MS = 30_000

function registryChanges(): Change[] {
  const changes: Change[] = []
  for (let i = 0; i < ENTITIES; i++) {
    const id = `bench.entity-${i}`
    changes.push(
      {
        type: 'entity.put',
        entity: {
          id,
          names: [{ value: `Bench ${i}`, lang: 'en' }],
          country: 'JP',
          identifiers: [],
        },
      },
      {
        type: 'authorisation.put',
        authorisation: {
          id: `${id}.issuer`,
          entityId: id,
          frameworkId: 'jp.academic',
          role: 'issuer',
          credentialTypes: [`urn:bench:type:${i % 10}`],
          status: 'granted',
          validFrom: '2026-01-01T00:00:00Z',
        },
      },
    )
  }
  return changes
}

/** A second Node process that fires a bounded number of requests, `concurrency` at a time. */
const loadScript = `
const { URL: url, COUNT, CONCURRENCY, BODY } = process.env
const count = Number(COUNT), latencies = []
let next = 0, errors = 0
const started = performance.now()
async function worker() {
  while (next < count) {
    next++
    const t = performance.now()
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY })
      const answer = await res.json()
      if (!res.ok || answer.authorized !== true) errors++
    } catch { errors++ }
    latencies.push(performance.now() - t)
  }
}
await Promise.all(Array.from({ length: Number(CONCURRENCY) }, worker))
const seconds = (performance.now() - started) / 1000
latencies.sort((a, b) => a - b)
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
console.log(JSON.stringify({ count: latencies.length, errors, seconds, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) }))
`

interface LoadResult {
  count: number
  errors: number
  seconds: number
  p50: number
  p99: number
  max: number
}

function runLoad(url: string, body: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', loadScript], {
      env: {
        ...process.env,
        URL: url,
        COUNT: String(HTTP_REQUESTS),
        CONCURRENCY: String(HTTP_CONCURRENCY),
        BODY: body,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), HTTP_TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code !== 0) reject(new Error(`the load process exited with ${code}`))
      else resolve(JSON.parse(out) as LoadResult)
    })
  })
}

export async function registryQuery(): Promise<BenchResult> {
  const config = { ...resolveBridgeConfig({}, {}), sandbox: true }
  const bridge = await openBridge(config, { inMemory: true })
  const app = createServer(bridge, { operatorToken: 'bench-operator-token', logger: false })
  try {
    await appendChanges(
      bridge.store,
      registryChanges(),
      { actor: 'operator:bench', reason: 'benchmark registry' },
      bridge.clock,
    )
    bridge.registry.invalidate()
    const entityId = `bench.entity-${ENTITIES - 1}`
    const request = {
      entity_id: entityId,
      authority_id: 'jp.academic',
      action: 'issue',
      resource: `urn:bench:type:${(ENTITIES - 1) % 10}`,
    }
    const first = await answerAuthorization(bridge, request)
    if (!first.authorized) throw new Error(`benchmark query not authorised: ${first.message}`)

    const snapshot = await bridge.registry.get()
    let sink = 0
    const rawPerSec = await measure(
      () => {
        sink += snapshot.authorisationsByEntity.get(entityId)?.length ?? 0
      },
      { batch: 1000, warmUp: 1000 },
    )
    const opsPerSec = await measure(() => answerAuthorization(bridge, request), { batch: 100 })
    if (sink === 0) throw new Error('the baseline found nothing')

    const url = await app.listen({ host: '127.0.0.1', port: 0 })
    const load = await runLoad(`${url}/authorization`, JSON.stringify(request))
    if (load.errors > 0) throw new Error(`${load.errors} HTTP queries failed`)
    return {
      name: 'registry.query',
      description: `TRQP authorisation query with evidence from the in-memory snapshot (${ENTITIES + 4} entities), single core; HTTP: ${HTTP_REQUESTS} POST /authorization from a second process, ${HTTP_CONCURRENCY} at a time`,
      opsPerSec: round(opsPerSec),
      rawMapLookupPerSec: round(rawPerSec),
      // The baseline is the floor of any in-memory answer: one Map.get of the entity's authorisations.
      ratio: round(opsPerSec / rawPerSec, 4),
      httpRequests: load.count,
      httpRequestsPerSec: round(load.count / load.seconds),
      httpP50Ms: round(load.p50, 2),
      httpP99Ms: round(load.p99, 2),
      httpMaxMs: round(load.max, 2),
      peakRssMiB: peakRssMiB(),
    }
  } finally {
    await app.close()
    await bridge.close()
  }
}
