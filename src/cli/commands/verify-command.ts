// `kakehashi verify <file|-> [--rp <framework>] [--nonce <n>] [--aud <a>] [mdoc options] [--json]`.
import { open, readFile } from 'node:fs/promises'
import { defaultLimits, limitsFromEnv } from '../../config.ts'
import { KakehashiError } from '../../errors.ts'
import { readerKeyFromJwk } from '../../formats/mdoc/reader-key-json.ts'
import { zSessionTranscript } from '../../formats/mdoc/session-transcript-json.ts'
import type { VerifyRequest } from '../../verify/verify-credential.ts'
import { dataDirOption, jsonOption, parse } from '../args.ts'
import { connect } from '../connect.ts'
import { formatReport } from '../format-report.ts'
import type { Io } from '../io.ts'

export const verifyUsage =
  'kakehashi verify <file|-> [--rp <framework>] [--nonce <n>] [--aud <audience>] [--doc-type <docType>] [--session-transcript <json|@file>] [--reader-key <jwk|@file>] [--json] [--data-dir <dir>]'

/** Reads at most `max` + 1 bytes, so an oversized input is reported as such without being held whole. */
async function readBounded(source: string, io: Io, max: number): Promise<Buffer> {
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
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * Binary CBOR stays bytes; anything else is text (SD-JWT, or an mdoc in hex or base64url). A CBOR
 * map's first byte (0xa0–0xbf) is a UTF-8 continuation byte, which no text starts with.
 */
function credentialOf(bytes: Buffer): string | Buffer {
  const first = bytes[0]
  return first !== undefined && first >= 0xa0 && first <= 0xbf ? bytes : bytes.toString('utf8')
}

/** An option given inline as JSON, or as `@path` to a JSON file. */
async function jsonOptionValue(name: string, value: string): Promise<unknown> {
  let text = value
  if (value.startsWith('@')) {
    try {
      text = await readFile(value.slice(1), 'utf8')
    } catch (error) {
      throw new KakehashiError(
        'input.invalid',
        `cannot read ${value.slice(1)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      )
    }
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new KakehashiError(
      'usage.invalid',
      `--${name} is not JSON (give the JSON itself or @file)`,
    )
  }
}

async function mdocOptions(values: {
  'doc-type'?: string
  'session-transcript'?: string
  'reader-key'?: string
}): Promise<Pick<VerifyRequest, 'docType' | 'sessionTranscript' | 'readerEphemeralKey'>> {
  const options: Pick<VerifyRequest, 'docType' | 'sessionTranscript' | 'readerEphemeralKey'> = {}
  if (values['doc-type'] !== undefined) options.docType = values['doc-type']
  if (values['session-transcript'] !== undefined) {
    const parsed = zSessionTranscript.safeParse(
      await jsonOptionValue('session-transcript', values['session-transcript']),
    )
    if (!parsed.success)
      throw new KakehashiError(
        'usage.invalid',
        `--session-transcript: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`,
      )
    options.sessionTranscript = parsed.data
  }
  if (values['reader-key'] !== undefined) {
    const key = readerKeyFromJwk(await jsonOptionValue('reader-key', values['reader-key']))
    if (key === undefined)
      throw new KakehashiError('usage.invalid', '--reader-key is not a private EC JWK')
    options.readerEphemeralKey = key
  }
  return options
}

export async function verifyCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    rp: { type: 'string' },
    nonce: { type: 'string' },
    aud: { type: 'string' },
    'doc-type': { type: 'string' },
    'session-transcript': { type: 'string' },
    'reader-key': { type: 'string' },
    ...jsonOption,
    ...dataDirOption,
  })
  const source = positionals[0]
  if (source === undefined || positionals.length > 1)
    throw new KakehashiError('usage.invalid', `usage: ${verifyUsage}`)
  const limits = process.env.KAKEHASHI_MAX_INPUT_BYTES ? limitsFromEnv() : defaultLimits
  const credential = credentialOf(await readBounded(source, io, limits.maxInputBytes))
  if (typeof credential === 'string' && credential.trim() === '')
    throw new KakehashiError('input.malformed', 'the input is empty')
  const mdoc = await mdocOptions(values)
  const { api } = await connect(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  try {
    const report = await api.verify({
      credential,
      ...(values.rp !== undefined ? { relyingPartyFramework: values.rp } : {}),
      ...(values.nonce !== undefined ? { nonce: values.nonce } : {}),
      ...(values.aud !== undefined ? { audience: values.aud } : {}),
      ...mdoc,
    })
    io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report, io.color))
    if (report.verdict === 'accepted') return 0
    // Input that could not be parsed as a credential is bad input (2), not a rejection (1).
    return report.checks.some((c) => c.check === 'input.parse' && c.status === 'failed') ? 2 : 1
  } finally {
    await api.close()
  }
}
