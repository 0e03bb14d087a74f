// Device authentication (ISO/IEC 18013-5 §9.1.3): the holder's device proves possession of the MSO's device key for this session.
import { createHash, diffieHellman, hkdfSync, type KeyObject } from 'node:crypto'
import type { VerifyPolicy } from '../../config.ts'
import { decodeScannedCbor, encodeCborText, encodeEmbeddedCbor } from '../../lib/cbor/index.ts'
import {
  CoseError,
  coseKeyToPublicKey,
  parseCoseMac0,
  parseCoseSign1,
  verifyCoseMac0,
  verifyCoseSign1,
} from '../../lib/cose/index.ts'
import { isAllowedAlgorithm } from '../../lib/jws/is-allowed-algorithm.ts'
import type { CheckList } from '../../report/check-list.ts'
import type { DecodedDocument } from './decode-device-response.ts'
import { mapOf, textOf } from './mdoc-error.ts'
import type { MobileSecurityObject } from './parse-mso.ts'
import { sessionTranscriptBytes } from './session-transcript.ts'

export interface DeviceAuthInput {
  /** The SessionTranscript CBOR (not tag-wrapped) the verifier rebuilt for its own session. */
  sessionTranscript?: Uint8Array
  /** The reader's ephemeral private key: only device MAC needs it (§9.1.3.5). */
  readerEphemeralKey?: KeyObject
  policy: Pick<VerifyPolicy, 'allowedAlgorithms'>
}

export interface DeviceSignedElement {
  nameSpace: string
  elementIdentifier: string
  elementValue: unknown
}

export interface DeviceAuthResult {
  method: 'signature' | 'mac'
  deviceSignedElements: DeviceSignedElement[]
}

const DEVICE_AUTHENTICATION = encodeCborText('DeviceAuthentication')

/**
 * `DeviceAuthenticationBytes = #6.24(bstr .cbor ["DeviceAuthentication", SessionTranscript, DocType,
 * DeviceNameSpacesBytes])`, written from the parts as received rather than re-encoded: the
 * transcript and the namespaces bytes are spliced in, so no encoding choice of ours can differ
 * from the device's.
 */
export function deviceAuthenticationBytes(
  sessionTranscript: Uint8Array,
  docType: string,
  deviceNameSpacesEncoding: Uint8Array,
): Uint8Array {
  const deviceAuthentication = Buffer.concat([
    Buffer.of(0x84),
    DEVICE_AUTHENTICATION,
    sessionTranscript,
    encodeCborText(docType),
    deviceNameSpacesEncoding,
  ])
  return encodeEmbeddedCbor(deviceAuthentication)
}

/** EMacKey (§9.1.3.5): HKDF-SHA-256 over ECDH(reader ephemeral, MSO device key), salted with the transcript. */
function eMacKey(
  readerKey: KeyObject,
  deviceKey: KeyObject,
  sessionTranscript: Uint8Array,
): Uint8Array {
  const sharedSecret = diffieHellman({ privateKey: readerKey, publicKey: deviceKey })
  const salt = createHash('sha256').update(sessionTranscriptBytes(sessionTranscript)).digest()
  return new Uint8Array(hkdfSync('sha256', sharedSecret, salt, 'EMacKey', 32))
}

/** Device-signed elements are only what `keyAuthorizations` lets the device key sign (§9.1.2.4). */
function readDeviceSignedElements(
  content: Uint8Array,
  mso: MobileSecurityObject,
): { elements: DeviceSignedElement[]; unauthorised: string[] } {
  const elements: DeviceSignedElement[] = []
  const unauthorised: string[] = []
  for (const [nameSpace, items] of mapOf(decodeScannedCbor(content), 'DeviceNameSpaces')) {
    const name = textOf(nameSpace, 'a device namespace')
    for (const [id, elementValue] of mapOf(items, `DeviceNameSpaces["${name}"]`)) {
      const elementIdentifier = textOf(id, 'a device-signed element identifier')
      const authorised =
        mso.keyAuthorizations.nameSpaces.has(name) ||
        mso.keyAuthorizations.dataElements.get(name)?.has(elementIdentifier) === true
      if (authorised) elements.push({ nameSpace: name, elementIdentifier, elementValue })
      else unauthorised.push(`${name}/${elementIdentifier}`)
    }
  }
  return { elements, unauthorised }
}

const isCryptoError = (error: unknown): error is Error =>
  error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_CRYPTO')

export function verifyDeviceAuthentication(
  document: DecodedDocument,
  mso: MobileSecurityObject,
  input: DeviceAuthInput,
  checks: CheckList,
): DeviceAuthResult | undefined {
  const deviceSigned = document.deviceSigned
  if (deviceSigned === undefined) {
    checks.fail(
      'mdoc.device_auth',
      'mdoc.device_auth_missing',
      'the document has no deviceSigned part, so nothing proves the holder presented it',
    )
    return undefined
  }
  if (input.sessionTranscript === undefined) {
    checks.fail(
      'mdoc.device_auth',
      'mdoc.session_transcript_required',
      'device authentication binds the response to a session; supply the session transcript (or its handover parameters)',
    )
    return undefined
  }
  let deviceKey: KeyObject
  try {
    deviceKey = coseKeyToPublicKey(mso.deviceKey)
  } catch (error) {
    checks.fail(
      'mdoc.device_auth',
      'mdoc.device_key_invalid',
      `the MSO device key is not usable: ${(error as Error).message}`,
    )
    return undefined
  }
  const { elements, unauthorised } = readDeviceSignedElements(deviceSigned.nameSpacesContent, mso)
  if (unauthorised.length > 0) {
    checks.fail(
      'mdoc.device_auth',
      'mdoc.device_element_unauthorised',
      `the device signed elements its key is not authorised for: ${unauthorised.join(', ')}`,
    )
    return undefined
  }
  const payload = deviceAuthenticationBytes(
    input.sessionTranscript,
    document.docType,
    deviceSigned.nameSpacesEncoding,
  )
  try {
    if (deviceSigned.deviceSignature !== undefined) {
      const sign1 = parseCoseSign1(deviceSigned.deviceSignature)
      if (!isAllowedAlgorithm(sign1.alg, input.policy)) {
        checks.fail(
          'mdoc.device_auth',
          'mdoc.alg_not_allowed',
          `deviceSignature alg ${sign1.alg} is not allowed`,
        )
        return undefined
      }
      // §9.1.3.6 detaches the payload. Some wallets attach it anyway (auth0/mdl does): that is
      // accepted only when it is byte for byte the DeviceAuthenticationBytes rebuilt here, so the
      // signature is always checked over what this verifier expects.
      const attachedMatches = sign1.payload === null || Buffer.from(sign1.payload).equals(payload)
      const detached = { ...sign1, payload: null }
      if (!attachedMatches || !verifyCoseSign1(detached, deviceKey, { detachedPayload: payload })) {
        checks.fail(
          'mdoc.device_auth',
          'mdoc.device_auth_invalid',
          'the deviceSignature does not verify with the MSO device key over this session transcript',
        )
        return undefined
      }
      checks.pass(
        'mdoc.device_auth',
        `deviceSignature (${sign1.alg}) verifies with the MSO device key over the session transcript`,
      )
      return { method: 'signature', deviceSignedElements: elements }
    }
    const mac0 = parseCoseMac0(deviceSigned.deviceMac)
    if (input.readerEphemeralKey === undefined) {
      checks.fail(
        'mdoc.device_auth',
        'mdoc.reader_key_required',
        'the device authenticated with a MAC, which only the holder of the reader ephemeral private key can check',
      )
      return undefined
    }
    const key = eMacKey(input.readerEphemeralKey, deviceKey, input.sessionTranscript)
    const attachedMatches = mac0.payload === null || Buffer.from(mac0.payload).equals(payload)
    const detached = { ...mac0, payload: null }
    if (!attachedMatches || !verifyCoseMac0(detached, key, { detachedPayload: payload })) {
      checks.fail(
        'mdoc.device_auth',
        'mdoc.device_auth_invalid',
        'the deviceMac does not verify with the key agreed from the reader ephemeral key, the MSO device key and this session transcript',
      )
      return undefined
    }
    checks.pass(
      'mdoc.device_auth',
      'deviceMac (HMAC 256/256) verifies with EMacKey from the MSO device key over the session transcript',
    )
    return { method: 'mac', deviceSignedElements: elements }
  } catch (error) {
    // A crypto error here (keys on different curves for ECDH, say) means the proof cannot hold.
    if (error instanceof CoseError || error instanceof TypeError || isCryptoError(error)) {
      checks.fail(
        'mdoc.device_auth',
        'mdoc.device_auth_invalid',
        `device authentication cannot be checked: ${error.message}`,
      )
      return undefined
    }
    throw error
  }
}
