// The SessionTranscript a device signs (ISO/IEC 18013-5 §9.1.5.1), from raw bytes or from the OpenID4VP and ISO/IEC 18013-7 handovers.
import { hash } from 'node:crypto'
import {
  type CborLimits,
  decodeCbor,
  embeddedCborBytes,
  encodeCbor,
  encodeEmbeddedCbor,
} from '../../lib/cbor/index.ts'

/**
 * How the caller tells what session the presentation belongs to. The verifier never takes a
 * transcript from the presentation itself: it must be rebuilt from what the verifier sent.
 */
export type SessionTranscriptInput =
  /** `SessionTranscriptBytes` (`#6.24(bstr .cbor SessionTranscript)`) or the bare `SessionTranscript`. */
  | { type: 'bytes'; bytes: Uint8Array }
  /** OpenID4VP 1.0 Appendix B.2.6.1: `OpenID4VPHandover` (redirect flows). */
  | {
      type: 'oid4vp'
      clientId: string
      nonce: string
      responseUri: string
      /** SHA-256 JWK thumbprint of the verifier's encryption key, when the response was encrypted. */
      jwkThumbprint?: Uint8Array
    }
  /** OpenID4VP 1.0 Appendix B.2.6.2: `OpenID4VPDCAPIHandover` (W3C Digital Credentials API). */
  | { type: 'oid4vp-dc-api'; origin: string; nonce: string; jwkThumbprint?: Uint8Array }
  /** OpenID4VP draft 24 over the DC API: `["OpenID4VPDCAPIHandover", sha256([origin, clientId, nonce])]`. */
  | { type: 'oid4vp-draft24-dc-api'; origin: string; clientId: string; nonce: string }
  /** ISO/IEC 18013-7:2024 Annex B (OpenID4VP draft 18): the handover with `mdocGeneratedNonce`. */
  | {
      type: 'iso18013-7'
      clientId: string
      responseUri: string
      nonce: string
      mdocGeneratedNonce: string
    }

export const sessionTranscriptTypes = [
  'bytes',
  'oid4vp',
  'oid4vp-dc-api',
  'oid4vp-draft24-dc-api',
  'iso18013-7',
] as const

const sha256 = (bytes: Uint8Array): Uint8Array => hash('sha256', bytes, 'buffer')
const hashOf = (value: unknown): Uint8Array => sha256(encodeCbor(value))

function handoverOf(input: Exclude<SessionTranscriptInput, { type: 'bytes' }>): unknown {
  switch (input.type) {
    case 'oid4vp':
      return [
        'OpenID4VPHandover',
        hashOf([input.clientId, input.nonce, input.jwkThumbprint ?? null, input.responseUri]),
      ]
    case 'oid4vp-dc-api':
      return [
        'OpenID4VPDCAPIHandover',
        hashOf([input.origin, input.nonce, input.jwkThumbprint ?? null]),
      ]
    case 'oid4vp-draft24-dc-api':
      return ['OpenID4VPDCAPIHandover', hashOf([input.origin, input.clientId, input.nonce])]
    case 'iso18013-7':
      return [
        hashOf([input.clientId, input.mdocGeneratedNonce]),
        hashOf([input.responseUri, input.mdocGeneratedNonce]),
        input.nonce,
      ]
  }
}

/**
 * The CBOR encoding of `SessionTranscript = [DeviceEngagementBytes, EReaderKeyBytes, Handover]`,
 * without the tag-24 wrapping. Presentations over OpenID4VP have no device engagement and no
 * reader key, so both are null (OpenID4VP 1.0 B.2.6, ISO/IEC 18013-7 B.4.4).
 */
export function encodeSessionTranscript(
  input: SessionTranscriptInput,
  limits?: CborLimits,
): Uint8Array {
  if (input.type !== 'bytes') return encodeCbor([null, null, handoverOf(input)])
  const decoded = decodeCbor(input.bytes, limits)
  const inner = embeddedCborBytes(decoded)
  const transcript = inner === undefined ? decoded : decodeCbor(inner, limits)
  if (!Array.isArray(transcript) || transcript.length !== 3)
    throw new TypeError('a SessionTranscript is an array of three')
  return inner ?? input.bytes
}

/** `SessionTranscriptBytes`: the transcript wrapped as an embedded CBOR item, as the MAC key salt needs it. */
export const sessionTranscriptBytes = (transcript: Uint8Array): Uint8Array =>
  encodeEmbeddedCbor(transcript)
