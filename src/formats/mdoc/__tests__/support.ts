// Shared by the mdoc tests: the corpus vectors, a fixed clock, and the options verification takes.
import { createPrivateKey, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defaultLimits, defaultPolicy } from '../../../config.ts'
import { CheckList } from '../../../report/check-list.ts'
import type { SessionTranscriptInput } from '../session-transcript.ts'
import type { VerifyMdocOptions } from '../types.ts'
import { verifyMdoc } from '../verify-mdoc.ts'

export const corpusDir = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url))
export const corpusSkip = existsSync(`${corpusDir}vectors/mdoc`)
  ? false
  : 'the shared corpus is absent'

export const readVector = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(`${corpusDir}vectors/mdoc/${name}`, 'utf8')) as T

export const fixedClock = (iso: string) => ({ now: () => Date.parse(iso) })

export function options(at: string, extra: Partial<VerifyMdocOptions> = {}): VerifyMdocOptions {
  return { clock: fixedClock(at), policy: defaultPolicy, limits: defaultLimits, ...extra }
}

export function run(bytes: Uint8Array, opts: VerifyMdocOptions) {
  const checks = new CheckList()
  const result = verifyMdoc(bytes, opts, checks)
  return { result, checks, codes: checks.failureCodes }
}

/** The Annex D vector: the DeviceResponse, its session transcript and the reader's ephemeral key. */
export function annexD(): {
  deviceResponse: Buffer
  sessionTranscript: SessionTranscriptInput
  readerEphemeralKey: KeyObject
  hex: Record<string, string>
} {
  const deviceResponse = Buffer.from(
    readFileSync(`${corpusDir}vectors/mdoc/annex_d_device_response.hex`, 'utf8').trim(),
    'hex',
  )
  const transcript = Buffer.from(
    readFileSync(`${corpusDir}vectors/mdoc/annex_d_session_transcript_bytes.hex`, 'utf8').trim(),
    'hex',
  )
  const hex = readVector<{ hex_constants: Record<string, string> }>('annex_d.json').hex_constants
  const b64u = (h: string | undefined) => Buffer.from(h ?? '', 'hex').toString('base64url')
  const readerEphemeralKey = createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: b64u(hex.EPHEMERAL_READER_KEY_X),
      y: b64u(hex.EPHEMERAL_READER_KEY_Y),
      d: b64u(hex.EPHEMERAL_READER_KEY_D),
    },
    format: 'jwk',
  })
  return {
    deviceResponse,
    sessionTranscript: { type: 'bytes', bytes: transcript },
    readerEphemeralKey,
    hex,
  }
}
