// `kakehashi registry sync` and `kakehashi registry sources`: keep the official lists current, and show where each stands.
import { resolve } from 'node:path'
import { KakehashiError } from '../../errors.ts'
import type { SourceState } from '../../model/index.ts'
import type { SourceOutcome } from '../../sync/source-outcome.ts'
import type { SourcesConfig } from '../../sync/sources-config.ts'
import { parseSourcesConfig } from '../../sync/sources-config.ts'
import { dataDirOption, jsonOption, parse } from '../args.ts'
import { connect } from '../connect.ts'
import type { Io } from '../io.ts'
import { type ProgressBar, progressBar } from '../progress.ts'

export const registrySyncUsage = [
  'kakehashi registry sync [--config <sources.json>] [--only <source-id>]… [--json]',
  'kakehashi registry sync --lotl <file|url> --lotl-signer <pem-file>… [--tl-dir <folder>] [--territory <CC>]… [--json]',
  'kakehashi registry sources [--json]',
]

export async function registrySyncCommand(
  sub: 'sync' | 'sources',
  args: string[],
  io: Io,
  bar: ProgressBar = progressBar(),
): Promise<number> {
  const { values } = parse(args, {
    ...jsonOption,
    ...dataDirOption,
    config: { type: 'string' },
    only: { type: 'string', multiple: true },
    lotl: { type: 'string' },
    'lotl-signer': { type: 'string', multiple: true },
    'tl-dir': { type: 'string' },
    territory: { type: 'string', multiple: true },
  })
  const { api } = await connect(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  try {
    if (sub === 'sources') {
      const sources = (await api.list('sources')) as SourceState[]
      io.out(
        values.json ? JSON.stringify(sources, null, 2) : sources.map(describeSource).join('\n'),
      )
      return 0
    }
    const inline = shorthandConfig(values)
    const report = await api.sync({
      actor: `operator:${process.env.USER ?? 'cli'}`,
      ...(inline === undefined ? {} : { config: inline }),
      ...(values.config === undefined ? {} : { configPath: resolve(values.config) }),
      ...(values.only === undefined ? {} : { only: values.only }),
      ...(values.json ? {} : { onProgress: (p) => bar.update(p.done, p.total, p.current) }),
    })
    bar.done()
    if (values.json) io.out(JSON.stringify(report, null, 2))
    else {
      for (const outcome of report.sources) io.out(describeOutcome(outcome))
      const failed = report.sources.filter((s) => s.outcome === 'failed').length
      const qualified = report.sources.reduce(
        (sum, s) => sum + (s.counts?.grantedQualifiedServices ?? 0),
        0,
      )
      io.out(
        `\n${report.sources.length} source(s): ${report.sources.length - failed} in force, ${failed} failed; ` +
          `${qualified} granted qualified service(s) in the lists read; log ${report.before.size} → ${report.after.size}`,
      )
    }
    // Some sources failed: the registry kept their last good versions, and the exit status says so.
    return report.sources.some((s) => s.outcome === 'failed') ? 1 : 0
  } finally {
    bar.done()
    await api.close()
  }
}

/** `--lotl … --lotl-signer …`: a one-source configuration, for a sync without a sources file. */
function shorthandConfig(values: {
  lotl?: string | undefined
  'lotl-signer'?: string[] | undefined
  'tl-dir'?: string | undefined
  territory?: string[] | undefined
  config?: string | undefined
}): SourcesConfig | undefined {
  if (values.lotl === undefined) {
    if (values['lotl-signer'] !== undefined || values['tl-dir'] !== undefined)
      throw new KakehashiError('usage.invalid', '--lotl-signer and --tl-dir go with --lotl')
    return undefined
  }
  if (values.config !== undefined)
    throw new KakehashiError('usage.invalid', '--lotl and --config exclude each other')
  const signers = values['lotl-signer'] ?? []
  if (signers.length === 0)
    throw new KakehashiError(
      'usage.invalid',
      '--lotl needs at least one --lotl-signer: the certificates the Official Journal publishes for the LOTL',
    )
  const isUrl = /^https?:\/\//i.test(values.lotl)
  const source = {
    kind: 'etsi-lotl',
    id: 'eu.lotl',
    uri: isUrl ? values.lotl : resolve(values.lotl),
    signers: signers.map((signer) => resolve(signer)),
    ...(values['tl-dir'] === undefined ? {} : { nationalListDirectory: resolve(values['tl-dir']) }),
    ...(values.territory === undefined ? {} : { territories: values.territory }),
  }
  return parseSourcesConfig(JSON.stringify({ sources: [source] }), process.cwd())
}

function describeOutcome(outcome: SourceOutcome): string {
  const seq = outcome.sequenceNumber === undefined ? '' : ` #${outcome.sequenceNumber}`
  const stale = outcome.stale ? ` STALE since ${outcome.nextUpdate ?? '?'}` : ''
  const counts = outcome.counts ? `  ${describeCounts(outcome.counts)}` : ''
  switch (outcome.outcome) {
    case 'imported':
      return `imported   ${outcome.sourceId}${seq} (+${outcome.put ?? 0} −${outcome.removed ?? 0})${counts}${stale}`
    case 'unchanged':
      return `unchanged  ${outcome.sourceId}${seq}${stale}`
    case 'failed':
      return `FAILED     ${outcome.sourceId}: ${outcome.failure?.code} ${outcome.failure?.message ?? ''}${
        outcome.digest === undefined
          ? ' (nothing in force)'
          : ` (keeps${seq || ` ${outcome.digest.slice(0, 12)}…`} in force)`
      }${stale}`
  }
}

/** Trusted lists report qualified services; other sources report whatever they count. */
function describeCounts(counts: Record<string, number>): string {
  const { grantedQualifiedServices, qualifiedServices, services, ...others } = counts
  const parts: string[] = []
  if (qualifiedServices !== undefined)
    parts.push(`${grantedQualifiedServices ?? 0}/${qualifiedServices} qualified services granted`)
  if (services !== undefined) parts.push(`${services} services`)
  for (const [name, value] of Object.entries(others)) parts.push(`${value} ${name}`)
  return parts.join(', ')
}

function describeSource(source: SourceState): string {
  const current = source.current
  const version = current
    ? `#${current.sequenceNumber ?? '-'} issued ${current.issuedAt ?? '?'} next update ${current.nextUpdate ?? 'none'} signature ${current.signature.status}${
        current.nextUpdate !== undefined && Date.parse(current.nextUpdate) <= Date.now()
          ? ' STALE'
          : ''
      }`
    : 'no version in force'
  const failure = source.lastFailure
    ? `\n    last failure ${source.lastFailure.at}: ${source.lastFailure.code} ${source.lastFailure.message}`
    : ''
  return `${source.id}  (${source.kind})  ${version}${failure}`
}
