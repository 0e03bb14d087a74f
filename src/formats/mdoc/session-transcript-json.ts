// The session transcript as JSON (HTTP bodies, CLI options): byte values as hex or base64url text.
import { z } from 'zod'
import { decodeMdocInput } from './decode-mdoc-input.ts'
import type { SessionTranscriptInput } from './session-transcript.ts'

const text = (max: number) => z.string().min(1).max(max)
const bytes = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .transform((value, context) => {
      const decoded = decodeMdocInput(value)
      if (decoded === undefined) {
        context.addIssue({ code: 'custom', message: 'not hex or base64url' })
        return z.NEVER
      }
      return decoded
    })

export const zSessionTranscript = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('bytes'), bytes: bytes(16_384) }),
  z.strictObject({
    type: z.literal('oid4vp'),
    clientId: text(2048),
    nonce: text(1024),
    responseUri: text(2048),
    jwkThumbprint: bytes(128).optional(),
  }),
  z.strictObject({
    type: z.literal('oid4vp-dc-api'),
    origin: text(2048),
    nonce: text(1024),
    jwkThumbprint: bytes(128).optional(),
  }),
  z.strictObject({
    type: z.literal('oid4vp-draft24-dc-api'),
    origin: text(2048),
    clientId: text(2048),
    nonce: text(1024),
  }),
  z.strictObject({
    type: z.literal('iso18013-7'),
    clientId: text(2048),
    responseUri: text(2048),
    nonce: text(1024),
    // May be empty: the French playground's presentation signs an empty mdocGeneratedNonce.
    mdocGeneratedNonce: z.string().max(1024),
  }),
])

export type SessionTranscriptJson = z.input<typeof zSessionTranscript>

/** The JSON form of a transcript input, as the sandbox hands it out and `zSessionTranscript` reads it back. */
export function sessionTranscriptToJson(input: SessionTranscriptInput): SessionTranscriptJson {
  const b64u = (value: Uint8Array) => Buffer.from(value).toString('base64url')
  switch (input.type) {
    case 'bytes':
      return { type: 'bytes', bytes: b64u(input.bytes) }
    case 'oid4vp':
    case 'oid4vp-dc-api': {
      const { jwkThumbprint, ...rest } = input
      return jwkThumbprint !== undefined ? { ...rest, jwkThumbprint: b64u(jwkThumbprint) } : rest
    }
    default:
      return input
  }
}
