// Benchmarks, each reported against a raw baseline measured in the same run: `npm run bench -- --json`.
//
// `npm run bench -- --json` prints one JSON object a line; `-- --only <name>` runs the named ones.
import { etsiTlImport } from './etsi-tl-import.ts'
import type { BenchResult } from './measure.ts'
import { registryQuery } from './registry-query.ts'
import { sdJwtVcVerify } from './sdjwt-vc-verify.ts'

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  'sdjwt-vc.verify': sdJwtVcVerify,
  'etsi-tl.import': etsiTlImport,
  'registry.query': registryQuery,
}

const args = process.argv.slice(2)
const json = args.includes('--json')
const onlyAt = args.indexOf('--only')
const only = onlyAt >= 0 ? args[onlyAt + 1]?.split(',') : undefined

for (const [name, run] of Object.entries(benchmarks)) {
  if (only !== undefined && !only.includes(name)) continue
  const result = await run()
  if (json) console.log(JSON.stringify(result))
  else {
    const { name: _, description, ...figures } = result
    console.log(`${result.name}: ${description}`)
    for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(28)} ${value}`)
  }
}
