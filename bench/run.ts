// Benchmarks, each reported against a raw baseline measured in the same run: `npm run bench -- --json`.
//
// `npm run bench -- --json` prints one JSON object a line; `-- --only <name>[,<name>]` runs the named ones.
// Each benchmark runs in a process of its own, so that its peak RSS and its JIT state are its own,
// and each format's meaning share in three more (see crosswalk-share.ts); `--in-process` runs the
// named benchmarks in this one, without their shares.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { crosswalkMap } from './crosswalk-map.ts'
import { shareProcesses, summariseShare } from './crosswalk-share.ts'
import { etsiTlImport } from './etsi-tl-import.ts'
import { mdocShare, mdocVerify } from './mdoc-verify.ts'
import type { BenchResult } from './measure.ts'
import { registryQuery } from './registry-query.ts'
import { sdJwtVcShare, sdJwtVcVerify } from './sdjwt-vc-verify.ts'
import { w3cDiShare, w3cDiVerify, w3cJoseShare, w3cJoseVerify } from './w3c-verify.ts'

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  'sdjwt-vc.verify': sdJwtVcVerify,
  'etsi-tl.import': etsiTlImport,
  'mdoc.verify': mdocVerify,
  'registry.query': registryQuery,
  'w3c-di.verify': w3cDiVerify,
  'w3c-jose.verify': w3cJoseVerify,
  'crosswalk.map': crosswalkMap,
}

/** The benchmarks that also report what the meaning step adds: each pair's ratio, from one process. */
const shares: Record<string, () => Promise<number[]>> = {
  'sdjwt-vc.verify': sdJwtVcShare,
  'mdoc.verify': mdocShare,
  'w3c-di.verify': w3cDiShare,
  'w3c-jose.verify': w3cJoseShare,
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

// A full run takes minutes: on a terminal, which benchmark is running; nothing when piped.
function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`)
}

/** Runs this script again in a child process with `childArgs`: its stdout's JSON lines, or undefined when it failed. */
function inChild(childArgs: string[], what: string): unknown[] | undefined {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--in-process', ...childArgs],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  if (child.status !== 0) {
    progress('')
    console.error(`${what} failed (exit ${child.status})`)
    return undefined
  }
  return child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as unknown)
}

const shareAt = args.indexOf('--share')
if (args.includes('--in-process')) {
  if (shareAt >= 0) {
    const name = args[shareAt + 1] as string
    const share = shares[name]
    if (share === undefined) throw new Error(`no share measured for ${name}`)
    console.log(JSON.stringify({ ratios: await share() }))
  } else {
    for (const name of only ?? []) print(await (benchmarks[name] as () => Promise<BenchResult>)())
  }
} else {
  let failed = false
  const names = only ?? []
  for (const [index, name] of names.entries()) {
    progress(`[${index + 1}/${names.length}] ${name}`)
    const results = inChild(['--only', name, '--json'], `benchmark ${name}`) as
      | BenchResult[]
      | undefined
    if (results === undefined) {
      failed = true
      continue
    }
    const byProcess: number[][] = []
    if (name in shares) {
      for (let i = 0; i < shareProcesses; i++) {
        progress(`[${index + 1}/${names.length}] ${name}: meaning share ${i + 1}/${shareProcesses}`)
        const [measured] = (inChild(['--share', name], `the meaning share of ${name}`) ?? []) as {
          ratios: number[]
        }[]
        if (measured === undefined) failed = true
        else byProcess.push(measured.ratios)
      }
    }
    progress('')
    for (const result of results)
      print(byProcess.length === 0 ? result : { ...result, ...summariseShare(byProcess) })
  }
  if (failed) process.exit(1)
}
