// `kakehashi registry list|show|log|anchor add`: read the registry, or make an operator change.
import { readFile } from 'node:fs/promises'
import { KakehashiError } from '../../errors.ts'
import { dataDirOption, jsonOption, parse, requireString } from '../args.ts'
import type { RegistryListKind } from '../bridge-api.ts'
import { connect } from '../connect.ts'
import type { Io } from '../io.ts'
import {
  registryExportLoteCommand,
  registryExportLoteUsage,
} from './registry-export-lote-command.ts'
import { registryQueryCommand, registryQueryUsage } from './registry-query-command.ts'
import { registrySyncCommand, registrySyncUsage } from './registry-sync-command.ts'

export const registryUsage = [
  'kakehashi registry list [frameworks|entities|authorisations|recognition-rules|sources] [--json]',
  'kakehashi registry show <id> [--json]',
  'kakehashi registry log [--from <seq>] [--limit <n>] [--json]',
  'kakehashi registry verify-log [--json]',
  ...registrySyncUsage,
  ...registryQueryUsage,
  ...registryExportLoteUsage,
  'kakehashi registry anchor add --framework <id> --entity <name> --cert <pem-file> --credential-type <type>… [--country <CC> (default: the certificate C)] [--entity-id <id>] [--reason <text>]',
].join('\n  ')

const kinds: RegistryListKind[] = [
  'frameworks',
  'entities',
  'authorisations',
  'recognition-rules',
  'sources',
]

function describe(kind: RegistryListKind, item: Record<string, unknown>): string {
  switch (kind) {
    case 'frameworks':
      return `${item.id}  [${item.jurisdiction}]  ${item.name}`
    case 'entities': {
      const names = (item.names as { value: string }[] | undefined)?.map((n) => n.value).join(' / ')
      return `${item.id}  (${item.country})  ${names}`
    }
    case 'authorisations':
      return `${item.id}  ${item.entityId} ${item.role} under ${item.frameworkId} [${item.status}]  ${(item.credentialTypes as string[]).join(', ')}`
    case 'recognition-rules':
      return `${item.id}  ${item.recognisingFrameworkId} ← ${item.recognisedFrameworkId}  for ${(item.credentialTypes as string[]).join(', ')}`
    case 'sources':
      return `${item.id}  (${item.kind})  ${item.description}`
  }
}

export async function registryCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'sync' || sub === 'sources') return registrySyncCommand(sub, rest, io)
  if (sub === 'query' || sub === 'lookup') return registryQueryCommand(sub, rest, io)
  if (sub === 'export-lote') return registryExportLoteCommand(rest, io)
  const { values, positionals } = parse(rest, {
    ...jsonOption,
    ...dataDirOption,
    from: { type: 'string' },
    limit: { type: 'string' },
    framework: { type: 'string' },
    entity: { type: 'string' },
    'entity-id': { type: 'string' },
    country: { type: 'string' },
    cert: { type: 'string' },
    'credential-type': { type: 'string', multiple: true },
    reason: { type: 'string' },
  })
  const { api } = await connect(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  const print = (value: unknown, text: () => string) =>
    io.out(values.json ? JSON.stringify(value, null, 2) : text())
  try {
    switch (sub) {
      case 'list': {
        const wanted = positionals[0] as RegistryListKind | undefined
        if (wanted !== undefined && !kinds.includes(wanted)) {
          throw new KakehashiError(
            'usage.invalid',
            `unknown list ${wanted}: one of ${kinds.join(', ')}`,
          )
        }
        if (wanted === undefined && !values.json)
          io.out(`Registry ${JSON.stringify(await api.summary())}`)
        const result: Record<string, unknown[]> = {}
        for (const kind of wanted ? [wanted] : kinds) result[kind] = await api.list(kind)
        print(wanted ? result[wanted] : result, () =>
          Object.entries(result)
            .map(
              ([kind, items]) =>
                `\n${kind} (${items.length})\n${items.map((i) => `  ${describe(kind as RegistryListKind, i as Record<string, unknown>)}`).join('\n')}`,
            )
            .join('\n'),
        )
        return 0
      }
      case 'show': {
        const id = requireString(positionals[0], 'an id')
        const found = await api.show(id)
        print(found, () => `${found.kind} ${id}\n${JSON.stringify(found.value, null, 2)}`)
        return 0
      }
      case 'log': {
        const entries = await api.log(Number(values.from ?? 0), Number(values.limit ?? 100))
        print(entries, () =>
          entries
            .map(
              (e) =>
                `#${e.seq}  ${e.recordedAt}  ${e.change.type.padEnd(22)} by ${e.actor}: ${e.reason}  ${e.entryHash.slice(0, 12)}`,
            )
            .join('\n'),
        )
        return 0
      }
      case 'verify-log': {
        const result = await api.verifyLog()
        print(result, () => `log intact: ${result.size} entries, head ${result.headHash}`)
        return 0
      }
      case 'anchor': {
        if (positionals[0] !== 'add')
          throw new KakehashiError('usage.invalid', `usage: ${registryUsage}`)
        const certFile = requireString(values.cert, '--cert')
        const certPem = await readFile(certFile, 'utf8').catch(() => {
          throw new KakehashiError('input.invalid', `cannot read ${certFile}`)
        })
        const credentialTypes = values['credential-type'] ?? []
        if (credentialTypes.length === 0)
          throw new KakehashiError('usage.invalid', 'at least one --credential-type is required')
        const entries = await api.addAnchor(
          {
            framework: requireString(values.framework, '--framework'),
            entity: requireString(values.entity, '--entity'),
            ...(values['entity-id'] !== undefined ? { entityId: values['entity-id'] } : {}),
            ...(values.country !== undefined ? { country: values.country } : {}),
            certPem,
            credentialTypes,
            ...(values.reason !== undefined ? { reason: values.reason } : {}),
          },
          `operator:${process.env.USER ?? 'cli'}`,
        )
        print(entries, () =>
          entries
            .map((e) => `logged #${e.seq} ${e.change.type} (${e.entryHash.slice(0, 12)})`)
            .join('\n'),
        )
        return 0
      }
      default:
        throw new KakehashiError('usage.invalid', `usage:\n  ${registryUsage}`)
    }
  } finally {
    await api.close()
  }
}
