// The IssuerSigned of a sandbox mdoc: IssuerSignedItems, and an MSO carrying a Token Status List reference, signed by the Document Signer.
//
// Built here rather than with @animo-id/mdoc's Document, whose MSO has a fixed set of members and
// no `status` (draft-ietf-oauth-status-list §6.3, "Referenced Token in COSE/CBOR").
import { createPrivateKey, hash, randomBytes, randomInt, type webcrypto } from 'node:crypto'
import { decodeCbor, encodeCbor, encodeEmbeddedCbor, Tag } from '../lib/cbor/index.ts'
import { signCoseSign1 } from '../lib/cose/index.ts'

type JsonWebKey = webcrypto.JsonWebKey

export interface SandboxIssuerSignedInput {
  docType: string
  namespaces: Record<string, Record<string, unknown>>
  devicePublicJwk: JsonWebKey
  signed: Date
  validUntil: Date
  status: { idx: number; uri: string }
  documentSigner: { certDer: Uint8Array; privateJwk: JsonWebKey }
}

/** ISO/IEC 18013-5 §9.1.2.5 asks for at least 16 random bytes per item; more costs nothing. */
const RANDOM_BYTES = 32

const sha256 = (bytes: Uint8Array): Uint8Array => hash('sha256', bytes, 'buffer')

/** `tdate` (RFC 8949 tag 0) without fractional seconds, as ISO/IEC 18013-5 §7.1 requires. */
const tdate = (at: Date): Tag => new Tag(`${at.toISOString().slice(0, 19)}Z`, 0)

/** The device key as a COSE_Key (RFC 9053 §7.1.1): EC2, P-256, uncompressed point. */
function coseKeyOf(jwk: JsonWebKey): Map<number, number | Uint8Array> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.x === undefined || jwk.y === undefined)
    throw new TypeError('the sandbox device key must be an EC P-256 JWK')
  return new Map<number, number | Uint8Array>([
    [1, 2],
    [-1, 1],
    [-2, Buffer.from(jwk.x, 'base64url')],
    [-3, Buffer.from(jwk.y, 'base64url')],
  ])
}

/** 0..n-1 in random order, so a digestID tells nothing about which element it stands for. */
function shuffledIds(n: number): number[] {
  const ids = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[ids[i], ids[j]] = [ids[j] as number, ids[i] as number]
  }
  return ids
}

/**
 * `IssuerSigned = { nameSpaces: IssuerNameSpaces, issuerAuth: COSE_Sign1 }` as a CBOR-ready Map;
 * every IssuerSignedItem is embedded (tag 24) and its digest is over those very bytes.
 */
export function buildSandboxIssuerSigned(input: SandboxIssuerSignedInput): Map<string, unknown> {
  const nameSpaces = new Map<string, Tag[]>()
  const valueDigests = new Map<string, Map<number, Uint8Array>>()
  for (const [namespace, elements] of Object.entries(input.namespaces)) {
    const entries = Object.entries(elements)
    const ids = shuffledIds(entries.length)
    const items: Tag[] = []
    const digests = new Map<number, Uint8Array>()
    entries.forEach(([elementIdentifier, elementValue], i) => {
      const digestID = ids[i] as number
      const itemBytes = encodeCbor(
        new Map<string, unknown>([
          ['digestID', digestID],
          ['random', randomBytes(RANDOM_BYTES)],
          ['elementIdentifier', elementIdentifier],
          ['elementValue', elementValue],
        ]),
      )
      items.push(new Tag(itemBytes, 24))
      digests.set(digestID, sha256(encodeEmbeddedCbor(itemBytes)))
    })
    nameSpaces.set(namespace, items)
    valueDigests.set(namespace, digests)
  }
  const mso = new Map<string, unknown>([
    ['version', '1.0'],
    ['digestAlgorithm', 'SHA-256'],
    ['valueDigests', valueDigests],
    ['deviceKeyInfo', new Map([['deviceKey', coseKeyOf(input.devicePublicJwk)]])],
    ['docType', input.docType],
    [
      'validityInfo',
      new Map([
        ['signed', tdate(input.signed)],
        ['validFrom', tdate(input.signed)],
        ['validUntil', tdate(input.validUntil)],
      ]),
    ],
    ['status', new Map([['status_list', new Map<string, unknown>(Object.entries(input.status))]])],
  ])
  const issuerAuth = signCoseSign1({
    // MobileSecurityObjectBytes = #6.24(bstr .cbor MobileSecurityObject)
    payload: encodeEmbeddedCbor(encodeCbor(mso)),
    alg: 'ES256',
    privateKey: createPrivateKey({
      key: input.documentSigner.privateJwk as Record<string, string>,
      format: 'jwk',
    }),
    x5chain: [input.documentSigner.certDer],
  })
  return new Map<string, unknown>([
    ['nameSpaces', nameSpaces],
    ['issuerAuth', decodeCbor(issuerAuth)],
  ])
}
