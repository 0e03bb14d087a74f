// Issues a sample ISO/IEC 18013-5 mdoc from a sandbox issuer, presented as a signed DeviceResponse for one session.
import { generateKeyPairSync, randomBytes, type webcrypto } from 'node:crypto'
import { DeviceRequest, DeviceResponse } from '@animo-id/mdoc'
import type { JWK } from 'jose'
import { KakehashiError } from '../errors.ts'
import {
  encodeSessionTranscript,
  type SessionTranscriptInput,
  sessionTranscriptBytes,
} from '../formats/mdoc/session-transcript.ts'
import {
  type SessionTranscriptJson,
  sessionTranscriptToJson,
} from '../formats/mdoc/session-transcript-json.ts'
import { encodeCbor } from '../lib/cbor/index.ts'
import { buildSandboxIssuerSigned } from './build-sandbox-issuer-signed.ts'
import type { SandboxContext } from './issue-sandbox-credential.ts'
import { findSandboxIssuer, fullDate, type SandboxMdoc } from './sandbox-ecosystems.ts'
import { sandboxMdocContext } from './sandbox-mdoc-context.ts'
import { allocateStatusIndex, sandboxStatusListUri } from './sandbox-status-lists.ts'

type JsonWebKey = webcrypto.JsonWebKey

export interface IssueMdocOptions {
  /** The holder's device key (EC P-256, private); a fresh one is made when absent. */
  devicePrivateJwk?: JsonWebKey
  /** The session the DeviceResponse is signed for; an OpenID4VP 1.0 handover by default. */
  sessionTranscript?: SessionTranscriptInput
  validityDays?: number
  /**
   * The elements the relying party asked for, by namespace: the DeviceResponse discloses only
   * these (selective disclosure). Every element when absent.
   */
  elements?: Record<string, string[]>
}

export interface IssuedMdoc {
  issuer: string
  docType: string
  /** The CBOR DeviceResponse, base64url: every element disclosed, device-signed. */
  deviceResponse: string
  /** What a verifier must rebuild the SessionTranscript from. */
  sessionTranscript: SessionTranscriptJson
  statusIndex: number
  statusListUri: string
  devicePublicJwk: JsonWebKey
}

const DAY_MS = 86_400_000
const MAX_VALIDITY_DAYS = 3650

/**
 * An OpenID4VP 1.0 handover: what a verifier at the example addresses would have sent, with a
 * fresh nonce, unless told otherwise.
 */
export const oid4vpSessionTranscript = (
  given: { clientId?: string; nonce?: string; responseUri?: string } = {},
): SessionTranscriptInput => ({
  type: 'oid4vp',
  clientId: given.clientId ?? 'x509_san_dns:verifier.example',
  nonce: given.nonce ?? randomBytes(16).toString('base64url'),
  responseUri: given.responseUri ?? 'https://verifier.example/response',
})

function deviceKeys(privateJwk: JsonWebKey | undefined): { priv: JsonWebKey; pub: JsonWebKey } {
  const priv =
    privateJwk ??
    (generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'jwk',
    }) as JsonWebKey)
  const { kty, crv, x, y, d } = priv
  if (kty !== 'EC' || crv !== 'P-256' || typeof x !== 'string' || typeof y !== 'string')
    throw new KakehashiError('input.invalid', 'the device key must be an EC P-256 JWK')
  if (typeof d !== 'string')
    throw new KakehashiError('input.invalid', 'the device key must be a private JWK (with "d")')
  return { priv: { kty, crv, x, y, d }, pub: { kty, crv, x, y } }
}

/** The issuer's elements, with the issue and expiry dates of this issuance filled in. */
function elementsOf(
  mdoc: SandboxMdoc,
  signed: Date,
  validUntil: Date,
): Record<string, Record<string, unknown>> {
  const { namespace, issued, expiry } = mdoc.dateElements
  const day = (at: Date) => fullDate(at.toISOString().slice(0, 10))
  return {
    ...mdoc.namespaces,
    [namespace]: {
      ...mdoc.namespaces[namespace],
      [issued]: day(signed),
      [expiry]: day(validUntil),
    },
  }
}

/** Asks for the elements named, or for every element, which the DeviceResponse then discloses. */
function requestFor(
  docType: string,
  namespaces: Record<string, Record<string, unknown>>,
  wanted: Record<string, string[]> | undefined,
): DeviceRequest {
  const nameSpaces = new Map(
    Object.entries(namespaces).map(([namespace, elements]) => {
      const ids = wanted === undefined ? Object.keys(elements) : (wanted[namespace] ?? [])
      for (const id of ids)
        if (!Object.hasOwn(elements, id))
          throw new KakehashiError(
            'usage.invalid',
            `the sandbox ${docType} has no element ${namespace}/${id}`,
          )
      return [namespace, new Map(ids.map((id) => [id, false]))] as const
    }),
  )
  return DeviceRequest.from('1.0', [{ itemsRequestData: { docType, nameSpaces } }])
}

export async function issueSandboxMdoc(
  context: SandboxContext,
  issuerId: string,
  options: IssueMdocOptions = {},
): Promise<IssuedMdoc> {
  const issuer = findSandboxIssuer(issuerId)
  if (issuer === undefined)
    throw new KakehashiError('sandbox.unknown_issuer', `no sandbox issuer ${issuerId}`)
  const documentSigner = context.keyring.get(issuer.id).documentSigner
  if (issuer.mdoc === undefined || documentSigner === undefined)
    throw new KakehashiError('usage.invalid', `the sandbox issuer ${issuerId} issues no mdoc`)
  const validityDays = options.validityDays ?? 365
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > MAX_VALIDITY_DAYS)
    throw new KakehashiError(
      'usage.invalid',
      `validityDays must be an integer from 1 to ${MAX_VALIDITY_DAYS}`,
    )
  const device = deviceKeys(options.devicePrivateJwk)
  const transcript = options.sessionTranscript ?? oid4vpSessionTranscript()
  let transcriptBytes: Uint8Array
  try {
    transcriptBytes = sessionTranscriptBytes(encodeSessionTranscript(transcript))
  } catch (error) {
    throw new KakehashiError(
      'input.invalid',
      `unusable session transcript: ${(error as Error).message}`,
    )
  }

  // Whole seconds: tdate carries none smaller.
  const signed = new Date(Math.floor(context.clock.now() / 1000) * 1000)
  const validUntil = new Date(signed.getTime() + validityDays * DAY_MS)
  const namespaces = elementsOf(issuer.mdoc, signed, validUntil)
  const statusIndex = await allocateStatusIndex(context.store, issuer.id)
  const statusListUri = sandboxStatusListUri(context.publicUrl, issuer.id)
  const issuerSigned = buildSandboxIssuerSigned({
    docType: issuer.mdoc.docType,
    namespaces,
    devicePublicJwk: device.pub,
    signed,
    validUntil,
    status: { idx: statusIndex, uri: statusListUri },
    documentSigner,
  })
  const issued = encodeCbor(
    new Map<string, unknown>([
      ['version', '1.0'],
      [
        'documents',
        [
          new Map<string, unknown>([
            ['docType', issuer.mdoc.docType],
            ['issuerSigned', issuerSigned],
          ]),
        ],
      ],
      ['status', 0],
    ]),
  )
  const presented = await DeviceResponse.from(issued)
    .usingDeviceRequest(requestFor(issuer.mdoc.docType, namespaces, options.elements))
    .usingSessionTranscriptBytes(transcriptBytes)
    .authenticateWithSignature(device.priv as JWK, 'ES256')
    .sign(sandboxMdocContext)
  return {
    issuer: issuer.id,
    docType: issuer.mdoc.docType,
    deviceResponse: Buffer.from(presented.encode()).toString('base64url'),
    sessionTranscript: sessionTranscriptToJson(transcript),
    statusIndex,
    statusListUri,
    devicePublicJwk: device.pub,
  }
}
