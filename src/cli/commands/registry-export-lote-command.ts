// `kakehashi registry export-lote <framework-id> [--out file]`: a framework as a signed TS 119 602 list.
import { writeFile } from 'node:fs/promises'
import { KakehashiError } from '../../errors.ts'
import { dataDirOption, parse, requireString } from '../args.ts'
import { connect } from '../connect.ts'
import type { Io } from '../io.ts'

export const registryExportLoteUsage = [
  'kakehashi registry export-lote <framework-id> [--out <file>]',
]

export async function registryExportLoteCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { ...dataDirOption, out: { type: 'string' } })
  const frameworkId = requireString(positionals[0], 'a framework id')
  const { api } = await connect(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  try {
    const jws = await api.exportLote(frameworkId)
    if (values.out === undefined) {
      io.out(jws)
      return 0
    }
    await writeFile(values.out, jws).catch((error: unknown) => {
      throw new KakehashiError('input.invalid', `cannot write ${values.out}`, undefined, {
        cause: error,
      })
    })
    io.err(`wrote the LoTE of ${frameworkId} to ${values.out}`)
    return 0
  } finally {
    await api.close()
  }
}
