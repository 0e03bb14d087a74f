// Benchmarks, each reported against a raw baseline measured in the same run: `npm run bench -- --json`.
//
// `npm run bench -- --json` prints one JSON object a line; `-- --only <name>[,<name>]` runs the named ones.
// Each benchmark runs in a process of its own, so that its peak RSS and its JIT state are its own.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { crosswalkMap } from './crosswalk-map.ts'
import { etsiTlImport } from './etsi-tl-import.ts'
import { mdocVerify } from './mdoc-verify.ts'
import type { BenchResult } from './measure.ts'
import { registryQuery } from './registry-query.ts'
import { sdJwtVcVerify } from './sdjwt-vc-verify.ts'
import { w3cDiVerify, w3cJoseVerify } from './w3c-verify.ts'

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  'sdjwt-vc.verify': sdJwtVcVerify,
  'etsi-tl.import': etsiTlImport,
  'mdoc.verify': mdocVerify,
  'registry.query': registryQuery,
  'w3c-di.verify': w3cDiVerify,
  'w3c-jose.verify': w3cJoseVerify,
  'crosswalk.map': crosswalkMap,
}

const args = process.argv.slice(2)
const json = args.includes('--json')
const onlyAt = args.indexOf('--only')
const only = onlyAt >= 0 ? args[onlyAt + 1]?.split(',') : Object.keys(benchmarks)
const unknown = only?.filter((name) => !(name in benchmarks)) ?? []
if (unknown.length > 0) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}: one of ${Object.keys(benchmarks).join(', ')}`,
  )
  process.exit(2)
}

function print(result: BenchResult): void {
  if (json) {
    console.log(JSON.stringify(result))
    return
  }
  const { name: _, description, ...figures } = result
  console.log(`${result.name}: ${description}`)
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(28)} ${value}`)
}

if (args.includes('--in-process') || only?.length === 1) {
  for (const name of only ?? []) print(await (benchmarks[name] as () => Promise<BenchResult>)())
} else {
  let failed = false
  for (const name of only ?? []) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--only', name, '--json'],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
    )
    if (child.status !== 0) {
      failed = true
      console.error(`benchmark ${name} failed (exit ${child.status})`)
      continue
    }
    for (const line of child.stdout.split('\n').filter((l) => l.startsWith('{'))) {
      print(JSON.parse(line) as BenchResult)
    }
  }
  if (failed) process.exit(1)
}
