// Reads a DeviceResponse (ISO/IEC 18013-5 §8.3.2.1.2.2) into its documents, keeping every signed byte as received.
import { type EmbeddedItems, embeddedCborBytes } from '../../lib/cbor/index.ts'
import { arrayOf, MdocError, malformed, mapOf, textOf, uintOf } from './mdoc-error.ts'

/** One `IssuerSignedItemBytes` as received: the bytes its digest covers, and the item decoded. */
export interface IssuerSignedItemBytes {
  /** The whole `#6.24(bstr .cbor IssuerSignedItem)` encoding: the value digest is over this. */
  encoding: Uint8Array
  /** The tag-24 content, decoded later. */
  content: Uint8Array
}

export interface DecodedDocument {
  docType: string
  /** `issuerSigned.issuerAuth`, the COSE_Sign1 over the MSO, decoded but not yet checked. */
  issuerAuth: unknown
  nameSpaces: Map<string, IssuerSignedItemBytes[]>
  deviceSigned?: {
    /** The content of `DeviceNameSpacesBytes` and its encoding as received. */
    nameSpacesContent: Uint8Array
    nameSpacesEncoding: Uint8Array
    deviceSignature?: unknown
    deviceMac?: unknown
  }
}

export interface DecodedDeviceResponse {
  version: string
  status: number
  documents: DecodedDocument[]
  /** `documentErrors`: doc types the device could not return, with their error codes. */
  documentErrors: { docType: string; code: number }[]
}

type EncodingOf = Pick<EmbeddedItems, 'encodingOf'>

function embedded(value: unknown, what: string, encodingOf: EncodingOf) {
  const content = embeddedCborBytes(value)
  if (content === undefined) throw malformed(`${what} is not an embedded CBOR item (tag 24)`)
  return { content, encoding: encodingOf.encodingOf(content) }
}

function decodeNameSpaces(
  value: unknown,
  encodingOf: EncodingOf,
  maxElements: number,
): Map<string, IssuerSignedItemBytes[]> {
  const nameSpaces = new Map<string, IssuerSignedItemBytes[]>()
  if (value === undefined) return nameSpaces
  let count = 0
  for (const [nameSpace, items] of mapOf(value, 'issuerSigned.nameSpaces')) {
    const name = textOf(nameSpace, 'a namespace name')
    const list = arrayOf(items, `issuerSigned.nameSpaces["${name}"]`)
    if (list.length === 0) throw malformed(`namespace ${name} holds no elements`)
    count += list.length
    if (count > maxElements)
      throw new MdocError(
        'input.parse',
        'input.too_large',
        `more than ${maxElements} data elements`,
      )
    nameSpaces.set(
      name,
      list.map((item) => embedded(item, `an IssuerSignedItemBytes of ${name}`, encodingOf)),
    )
  }
  return nameSpaces
}

function decodeDeviceSigned(
  value: unknown,
  encodingOf: EncodingOf,
): DecodedDocument['deviceSigned'] {
  if (value === undefined) return undefined
  const deviceSigned = mapOf(value, 'deviceSigned')
  const nameSpaces = embedded(deviceSigned.get('nameSpaces'), 'deviceSigned.nameSpaces', encodingOf)
  const deviceAuth = mapOf(deviceSigned.get('deviceAuth'), 'deviceSigned.deviceAuth')
  const deviceSignature = deviceAuth.get('deviceSignature')
  const deviceMac = deviceAuth.get('deviceMac')
  if ((deviceSignature === undefined) === (deviceMac === undefined))
    throw malformed('deviceAuth holds neither or both of deviceSignature and deviceMac')
  return {
    nameSpacesContent: nameSpaces.content,
    nameSpacesEncoding: nameSpaces.encoding,
    ...(deviceSignature !== undefined ? { deviceSignature } : { deviceMac }),
  }
}

function decodeDocument(
  value: unknown,
  encodingOf: EncodingOf,
  maxElements: number,
): DecodedDocument {
  const document = mapOf(value, 'a document')
  const docType = textOf(document.get('docType'), 'docType')
  const issuerSigned = mapOf(document.get('issuerSigned'), 'issuerSigned')
  const issuerAuth = issuerSigned.get('issuerAuth')
  if (issuerAuth === undefined) throw malformed('issuerSigned has no issuerAuth')
  const deviceSigned = decodeDeviceSigned(document.get('deviceSigned'), encodingOf)
  return {
    docType,
    issuerAuth,
    nameSpaces: decodeNameSpaces(issuerSigned.get('nameSpaces'), encodingOf, maxElements),
    ...(deviceSigned !== undefined ? { deviceSigned } : {}),
  }
}

/** Reads the decoded CBOR of a DeviceResponse; `encodingOf` gives back each embedded item's bytes. */
export function decodeDeviceResponse(
  value: unknown,
  encodingOf: EncodingOf,
  maxElements: number,
): DecodedDeviceResponse {
  const response = mapOf(value, 'the DeviceResponse')
  const version = textOf(response.get('version'), 'version')
  // §8.3.2.1.2.2: "1.0"; later minor versions stay compatible, a new major version would not.
  if (!/^1\.\d+$/.test(version))
    throw new MdocError(
      'input.parse',
      'mdoc.version_unsupported',
      `DeviceResponse version ${version} is not 1.x`,
    )
  const status = uintOf(response.get('status'), 'status')
  const documents = (
    response.has('documents') ? arrayOf(response.get('documents'), 'documents') : []
  ).map((document) => decodeDocument(document, encodingOf, maxElements))
  const documentErrors: DecodedDeviceResponse['documentErrors'] = []
  if (response.has('documentErrors')) {
    for (const entry of arrayOf(response.get('documentErrors'), 'documentErrors')) {
      for (const [docType, code] of mapOf(entry, 'a documentErrors entry'))
        documentErrors.push({
          docType: textOf(docType, 'a documentErrors doc type'),
          code: uintOf(code, 'a document error code'),
        })
    }
  }
  return { version, status, documents, documentErrors }
}

/** `IssuerSigned` alone (as OpenID4VCI delivers an mdoc to a wallet), read as a document without device part. */
export function decodeIssuerSigned(
  value: unknown,
  encodingOf: EncodingOf,
  maxElements: number,
): Omit<DecodedDocument, 'docType'> {
  const issuerSigned = mapOf(value, 'IssuerSigned')
  const issuerAuth = issuerSigned.get('issuerAuth')
  if (issuerAuth === undefined) throw malformed('IssuerSigned has no issuerAuth')
  return {
    issuerAuth,
    nameSpaces: decodeNameSpaces(issuerSigned.get('nameSpaces'), encodingOf, maxElements),
  }
}
