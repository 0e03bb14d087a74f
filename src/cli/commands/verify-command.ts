// `kakehashi verify <file|-> [--rp <framework>] [--nonce <n>] [--aud <a>] [--json]`.
import { open } from 'node:fs/promises'
import { defaultLimits, limitsFromEnv } from '../../config.ts'
import { KakehashiError } from '../../errors.ts'
import { dataDirOption, jsonOption, parse } from '../args.ts'
import { connect } from '../connect.ts'
import { formatReport } from '../format-report.ts'
import type { Io } from '../io.ts'

export const verifyUsage =
  'kakehashi verify <file|-> [--rp <framework>] [--nonce <n>] [--aud <audience>] [--json] [--data-dir <dir>]'

/** Reads at most `max` + 1 bytes, so an oversized input is reported as such without being held whole. */
async function readBounded(source: string, io: Io, max: number): Promise<string> {
  if (source === '-') return io.readStdin(max + 1)
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(source, 'r')
  } catch (error) {
    throw new KakehashiError(
      'input.invalid',
      `cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    )
  }
  try {
    const buffer = Buffer.alloc(max + 1)
    const { bytesRead } = await handle.read(buffer, 0, max + 1, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

export async function verifyCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    rp: { type: 'string' },
    nonce: { type: 'string' },
    aud: { type: 'string' },
    ...jsonOption,
    ...dataDirOption,
  })
  const source = positionals[0]
  if (source === undefined || positionals.length > 1)
    throw new KakehashiError('usage.invalid', `usage: ${verifyUsage}`)
  const limits = process.env.KAKEHASHI_MAX_INPUT_BYTES ? limitsFromEnv() : defaultLimits
  const credential = await readBounded(source, io, limits.maxInputBytes)
  if (credential.trim() === '') throw new KakehashiError('input.malformed', 'the input is empty')
  const { api } = await connect(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  try {
    const report = await api.verify({
      credential,
      ...(values.rp !== undefined ? { relyingPartyFramework: values.rp } : {}),
      ...(values.nonce !== undefined ? { nonce: values.nonce } : {}),
      ...(values.aud !== undefined ? { audience: values.aud } : {}),
    })
    io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report, io.color))
    if (report.verdict === 'accepted') return 0
    // Input that could not be parsed as a credential is bad input (2), not a rejection (1).
    return report.checks.some((c) => c.check === 'input.parse' && c.status === 'failed') ? 2 : 1
  } finally {
    await api.close()
  }
}
