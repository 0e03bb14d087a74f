// `kakehashi registry export-lote <framework-id> [--format jws|xml] [--out file]`: a framework as a signed TS 119 602 list.
import { writeFile } from 'node:fs/promises'
import { isLoteExportFormat, LOTE_EXPORT_FORMATS } from '../../bridge/export-lote.ts'
import { KakehashiError } from '../../errors.ts'
import { dataDirOption, parse, requireString } from '../args.ts'
import type { BridgeApi } from '../bridge-api.ts'
import { connect } from '../connect.ts'
import type { Io } from '../io.ts'

export const registryExportLoteUsage = [
  'kakehashi registry export-lote <framework-id> [--format jws|xml] [--out <file>]',
]

type Connect = (flags: { dataDir?: string }) => Promise<{ api: BridgeApi }>

export async function registryExportLoteCommand(
  args: string[],
  io: Io,
  connectTo: Connect = connect,
): Promise<number> {
  const { values, positionals } = parse(args, {
    ...dataDirOption,
    out: { type: 'string' },
    format: { type: 'string' },
  })
  const frameworkId = requireString(positionals[0], 'a framework id')
  const format = values.format ?? 'jws'
  if (!isLoteExportFormat(format)) {
    throw new KakehashiError(
      'input.invalid',
      `--format must be one of ${LOTE_EXPORT_FORMATS.join(', ')}`,
    )
  }
  const { api } = await connectTo(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  try {
    const list = await api.exportLote(frameworkId, format)
    if (values.out === undefined) {
      io.out(list)
      return 0
    }
    await writeFile(values.out, list).catch((error: unknown) => {
      throw new KakehashiError('input.invalid', `cannot write ${values.out}`, undefined, {
        cause: error,
      })
    })
    io.err(`wrote the LoTE of ${frameworkId} (${format}) to ${values.out}`)
    return 0
  } finally {
    await api.close()
  }
}
