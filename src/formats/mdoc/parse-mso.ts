// Reads the MobileSecurityObject (ISO/IEC 18013-5 §9.1.2.4) that issuerAuth signs.
import {
  type CborLimits,
  decodeCbor,
  decodeScannedCbor,
  embeddedCborBytes,
} from '../../lib/cbor/index.ts'
import { bytesOf, MdocError, mapOf, textOf, uintOf } from './mdoc-error.ts'

export type MdocDigestAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512'

/** §9.1.2.5: the digest algorithms a reader must support, with their Node names. */
export const mdocDigestAlgorithms: ReadonlyMap<string, string> = new Map([
  ['SHA-256', 'sha256'],
  ['SHA-384', 'sha384'],
  ['SHA-512', 'sha512'],
])

export interface MobileSecurityObject {
  version: string
  digestAlgorithm: MdocDigestAlgorithm
  /** NameSpace → DigestID → Digest. */
  valueDigests: Map<string, Map<number, Uint8Array>>
  deviceKey: unknown
  /** `keyAuthorizations`: what the device key may sign itself, as namespaces and elements. */
  keyAuthorizations: { nameSpaces: Set<string>; dataElements: Map<string, Set<string>> }
  docType: string
  validityInfo: { signed: Date; validFrom: Date; validUntil: Date; expectedUpdate?: Date }
  /** The Token Status List reference (draft-ietf-oauth-status-list §6.3), as plain data. */
  status?: { status_list: { idx: unknown; uri: unknown } } | Record<string, unknown>
}

const msoError = (message: string) =>
  new MdocError('mdoc.issuer_auth', 'mdoc.mso_malformed', message)

function tdate(value: unknown, what: string): Date {
  // cbor-x decodes tag 0 (RFC 3339 text) and tag 1 (epoch) to Date; a bad string becomes an invalid Date.
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw msoError(`validityInfo.${what} is not a tdate`)
  return value
}

function readValueDigests(value: unknown): MobileSecurityObject['valueDigests'] {
  const digests = new Map<string, Map<number, Uint8Array>>()
  for (const [nameSpace, byId] of mapOf(value, 'valueDigests')) {
    const ids = new Map<number, Uint8Array>()
    for (const [id, digest] of mapOf(byId, 'valueDigests of a namespace'))
      ids.set(uintOf(id, 'a DigestID'), bytesOf(digest, 'a digest'))
    digests.set(textOf(nameSpace, 'a valueDigests namespace'), ids)
  }
  return digests
}

function readKeyAuthorizations(value: unknown): MobileSecurityObject['keyAuthorizations'] {
  const result = { nameSpaces: new Set<string>(), dataElements: new Map<string, Set<string>>() }
  if (value === undefined) return result
  const authorizations = mapOf(value, 'keyAuthorizations')
  const nameSpaces = authorizations.get('nameSpaces')
  if (Array.isArray(nameSpaces))
    for (const name of nameSpaces) result.nameSpaces.add(textOf(name, 'an authorised namespace'))
  const dataElements = authorizations.get('dataElements')
  if (dataElements !== undefined) {
    for (const [nameSpace, ids] of mapOf(dataElements, 'keyAuthorizations.dataElements')) {
      const set = new Set<string>()
      if (Array.isArray(ids)) for (const id of ids) set.add(textOf(id, 'an authorised element'))
      result.dataElements.set(textOf(nameSpace, 'an authorised namespace'), set)
    }
  }
  return result
}

/** Plain objects for the status step, which reads the reference as SD-JWT VC carries it in JSON. */
function toPlain(value: unknown, depth = 0): unknown {
  if (depth > 8) throw msoError('status is nested too deeply')
  if (value instanceof Map) {
    const object: Record<string, unknown> = {}
    for (const [key, member] of value)
      if (typeof key === 'string') object[key] = toPlain(member, depth + 1)
    return object
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value
  return value
}

/** `payload` is `MobileSecurityObjectBytes`: `#6.24(bstr .cbor MobileSecurityObject)`. */
export function parseMso(payload: Uint8Array, limits: CborLimits): MobileSecurityObject {
  const wrapped = decodeCbor(payload, limits)
  const content = embeddedCborBytes(wrapped)
  if (content === undefined)
    throw msoError('the issuerAuth payload is not MobileSecurityObjectBytes (tag 24)')
  let mso: Map<unknown, unknown>
  try {
    // The scan of the payload went into its tag-24 content already.
    mso = mapOf(decodeScannedCbor(content), 'the MobileSecurityObject')
  } catch (error) {
    if (error instanceof MdocError) throw msoError(error.message)
    throw error
  }
  try {
    return readMso(mso)
  } catch (error) {
    if (error instanceof MdocError && error.code === 'mdoc.malformed') throw msoError(error.message)
    throw error
  }
}

function readMso(mso: Map<unknown, unknown>): MobileSecurityObject {
  const digestAlgorithm = textOf(mso.get('digestAlgorithm'), 'digestAlgorithm')
  if (!mdocDigestAlgorithms.has(digestAlgorithm))
    throw new MdocError(
      'mdoc.digests',
      'mdoc.digest_algorithm_unsupported',
      `digestAlgorithm ${digestAlgorithm} is not SHA-256, SHA-384 or SHA-512`,
    )
  const deviceKeyInfo = mapOf(mso.get('deviceKeyInfo'), 'deviceKeyInfo')
  const validityInfo = mapOf(mso.get('validityInfo'), 'validityInfo')
  const expectedUpdate = validityInfo.get('expectedUpdate')
  const status = mso.get('status')
  return {
    version: textOf(mso.get('version'), 'version'),
    digestAlgorithm: digestAlgorithm as MdocDigestAlgorithm,
    valueDigests: readValueDigests(mso.get('valueDigests')),
    deviceKey: deviceKeyInfo.get('deviceKey'),
    keyAuthorizations: readKeyAuthorizations(deviceKeyInfo.get('keyAuthorizations')),
    docType: textOf(mso.get('docType'), 'docType'),
    validityInfo: {
      signed: tdate(validityInfo.get('signed'), 'signed'),
      validFrom: tdate(validityInfo.get('validFrom'), 'validFrom'),
      validUntil: tdate(validityInfo.get('validUntil'), 'validUntil'),
      ...(expectedUpdate !== undefined
        ? { expectedUpdate: tdate(expectedUpdate, 'expectedUpdate') }
        : {}),
    },
    ...(status !== undefined ? { status: toPlain(status) as Record<string, unknown> } : {}),
  }
}
