// The handover encodings rebuild, byte for byte, the SessionTranscriptBytes of real presentations.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import {
  encodeSessionTranscript,
  type SessionTranscriptInput,
  sessionTranscriptBytes,
} from '../session-transcript.ts'

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/vectors/mdoc/', import.meta.url))
const skip = existsSync(corpus) ? false : 'the shared corpus is absent'

interface Vector {
  session_transcript_inputs?: Record<string, string>
  session_transcript_bytes_hex: string
}
const vector = (name: string): Vector => JSON.parse(readFileSync(`${corpus}${name}`, 'utf8'))
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

function inputOf(raw: Record<string, string>): SessionTranscriptInput {
  const { type, clientId = '', nonce = '', responseUri = '', origin = '' } = raw
  switch (type) {
    case 'oid4vp-1.0':
      return {
        type: 'oid4vp',
        clientId,
        nonce,
        responseUri,
        ...(raw.jwkThumbprintHex
          ? { jwkThumbprint: Buffer.from(raw.jwkThumbprintHex, 'hex') }
          : {}),
      }
    case 'oid4vp-dcapi-draft24':
      return { type: 'oid4vp-draft24-dc-api', origin, clientId, nonce }
    case 'oid4vp-draft18-iso18013-7':
      return {
        type: 'iso18013-7',
        clientId,
        responseUri,
        nonce,
        mdocGeneratedNonce: raw.mdocGeneratedNonce ?? '',
      }
    default:
      throw new Error(`unknown vector type ${type}`)
  }
}

describe('SessionTranscript from handover parameters', { skip }, () => {
  for (const name of ['animo-mdoc-05.json', 'google.json', 'france.json', 'ubique.json']) {
    it(`rebuilds the transcript of ${name}`, () => {
      const v = vector(name)
      assert.ok(v.session_transcript_inputs)
      const transcript = encodeSessionTranscript(inputOf(v.session_transcript_inputs))
      assert.equal(hex(sessionTranscriptBytes(transcript)), v.session_transcript_bytes_hex)
    })
  }

  it('takes SessionTranscriptBytes as given, wrapped or not', () => {
    const v = vector('auth0-example1.json')
    const wrapped = Buffer.from(v.session_transcript_bytes_hex, 'hex')
    const transcript = encodeSessionTranscript({ type: 'bytes', bytes: wrapped })
    assert.equal(hex(sessionTranscriptBytes(transcript)), v.session_transcript_bytes_hex)
    assert.deepEqual(encodeSessionTranscript({ type: 'bytes', bytes: transcript }), transcript)
  })

  it('a different nonce gives a different transcript', () => {
    const v = vector('animo-mdoc-05.json')
    assert.ok(v.session_transcript_inputs)
    const input = { ...v.session_transcript_inputs, nonce: 'wrong-nonce' }
    assert.notEqual(
      hex(sessionTranscriptBytes(encodeSessionTranscript(inputOf(input)))),
      v.session_transcript_bytes_hex,
    )
  })
})

describe('SessionTranscript bytes', () => {
  it('refuses bytes that are no transcript', () => {
    assert.throws(
      () => encodeSessionTranscript({ type: 'bytes', bytes: Buffer.from([0x82, 0xf6, 0xf6]) }),
      TypeError,
    )
    assert.throws(
      () => encodeSessionTranscript({ type: 'bytes', bytes: Buffer.from([0x83, 0xf6]) }),
      /beyond the end/,
    )
  })
})
