// mdoc verification (ISO/IEC 18013-5 §9.3.1): issuer data authentication, validity, and mdoc (device) authentication.
import type { VerifyLimits } from '../../config.ts'
import { CborError, type CborLimits, decodeCborWithEmbedded } from '../../lib/cbor/index.ts'
import { checkTimeWindow } from '../../lib/check-time-window.ts'
import type { CertificateFacts } from '../../lib/jws/public-key-cache.ts'
import type { CheckList } from '../../report/check-list.ts'
import {
  type DecodedDocument,
  decodeDeviceResponse,
  decodeIssuerSigned,
} from './decode-device-response.ts'
import { type DeviceSignedElement, verifyDeviceAuthentication } from './device-authentication.ts'
import { elementValueForReport, tdateText } from './element-values.ts'
import { MdocError } from './mdoc-error.ts'
import type { MobileSecurityObject } from './parse-mso.ts'
import { describeElement } from './profiles/index.ts'
import { encodeSessionTranscript } from './session-transcript.ts'
import type { MdocElement, MdocVerification, VerifyMdocOptions } from './types.ts'
import { verifyIssuerAuth } from './verify-issuer-auth.ts'
import { type IssuerSignedElement, verifyValueDigests } from './verify-value-digests.ts'

const cborLimitsOf = (limits: VerifyLimits): CborLimits => ({
  maxDepth: limits.maxCborDepth,
  maxItems: limits.maxCborItems,
})

interface Selected {
  document: DecodedDocument | (Omit<DecodedDocument, 'docType'> & { docType?: undefined })
  version?: string
  otherDocTypes: string[]
}

function selectDocument(
  bytes: Uint8Array,
  options: VerifyMdocOptions,
  cbor: CborLimits,
  checks: CheckList,
): Selected | undefined {
  let decoded: ReturnType<typeof decodeCborWithEmbedded>
  try {
    decoded = decodeCborWithEmbedded(bytes, cbor)
  } catch (error) {
    if (!(error instanceof CborError)) throw error
    const code = error.code === 'cbor.limit_exceeded' ? 'input.too_large' : 'mdoc.malformed'
    checks.fail('input.parse', code, `not well-formed CBOR: ${error.message}`)
    return undefined
  }
  const { value, embedded: encodingOf } = decoded
  if (options.stage === 'issuance') {
    const document = decodeIssuerSigned(value, encodingOf, options.limits.maxMdocElements)
    checks.pass('input.parse', 'an IssuerSigned structure (issuance): issuer data only')
    return { document, otherDocTypes: [] }
  }
  const response = decodeDeviceResponse(value, encodingOf, options.limits.maxMdocElements)
  if (response.status !== 0) {
    checks.fail(
      'input.parse',
      'mdoc.response_status',
      `the DeviceResponse status is ${response.status}, not 0 (OK)`,
      {
        documentErrors: response.documentErrors,
      },
    )
    return undefined
  }
  const docTypes = response.documents.map((d) => d.docType)
  const wanted = options.docType
  const candidates =
    wanted === undefined
      ? response.documents
      : response.documents.filter((d) => d.docType === wanted)
  const document = candidates[0]
  if (document === undefined || candidates.length > 1) {
    const listed = docTypes.length > 0 ? docTypes.join(', ') : 'none'
    checks.fail(
      'input.parse',
      document === undefined ? 'mdoc.document_missing' : 'mdoc.document_ambiguous',
      document === undefined
        ? `the DeviceResponse holds no document${wanted !== undefined ? ` of docType ${wanted}` : ''} (it holds: ${listed})`
        : `the DeviceResponse holds several documents (${listed}); choose one by docType`,
      { docTypes, documentErrors: response.documentErrors },
    )
    return undefined
  }
  checks.pass(
    'input.parse',
    `a DeviceResponse ${response.version} with ${docTypes.length} document(s); verifying ${document.docType}`,
  )
  return {
    document,
    version: response.version,
    otherDocTypes: response.documents.filter((d) => d !== document).map((d) => d.docType),
  }
}

function checkValidity(
  mso: MobileSecurityObject,
  signer: CertificateFacts,
  options: VerifyMdocOptions,
  checks: CheckList,
): void {
  const { signed, validFrom, validUntil } = mso.validityInfo
  // §9.3.1: the MSO must have been signed while its document signer certificate was valid.
  if (signed.getTime() < signer.notBeforeMs || signed.getTime() > signer.notAfterMs) {
    checks.fail(
      'time.validity',
      'mdoc.signed_outside_certificate',
      `the MSO was signed at ${tdateText(signed)}, outside the document signer certificate's validity (${tdateText(new Date(signer.notBeforeMs))} to ${tdateText(new Date(signer.notAfterMs))})`,
    )
    return
  }
  if (validUntil.getTime() < validFrom.getTime() || signed.getTime() > validUntil.getTime()) {
    checks.fail(
      'time.validity',
      'mdoc.validity_invalid',
      `validityInfo is inconsistent: signed ${tdateText(signed)}, valid ${tdateText(validFrom)} to ${tdateText(validUntil)}`,
    )
    return
  }
  const nowSec = Math.floor(options.clock.now() / 1000)
  const window = checkTimeWindow(
    { nbf: validFrom.getTime() / 1000, exp: validUntil.getTime() / 1000 },
    nowSec,
    options.policy.clockSkewSec,
  )
  if (window.ok) {
    checks.pass(
      'time.validity',
      `the MSO is valid from ${tdateText(validFrom)} to ${tdateText(validUntil)}`,
    )
    return
  }
  checks.fail(
    'time.validity',
    window.code === 'time.expired' ? 'mdoc.expired' : 'mdoc.not_yet_valid',
    `the MSO ${window.message}`,
  )
}

export interface ReportElements {
  docType: string
  elements: MdocElement[]
  claims: Record<string, Record<string, unknown>>
}

// A module function, not a closure per verification: tsx names every closure it creates (`__name`).
function addElement(
  into: ReportElements,
  nameSpace: string,
  elementIdentifier: string,
  raw: unknown,
  signedBy: MdocElement['signedBy'],
): void {
  const value = elementValueForReport(raw)
  const profile = describeElement(into.docType, nameSpace, elementIdentifier)
  const element: MdocElement = { nameSpace, elementIdentifier, value, signedBy }
  if (profile !== undefined) element.label = profile.label
  into.elements.push(element)
  let inNameSpace = into.claims[nameSpace]
  if (inNameSpace === undefined) {
    inNameSpace = {}
    into.claims[nameSpace] = inNameSpace
  }
  // Issuer-signed values come first and are never overwritten by what the device says.
  if (!Object.hasOwn(inNameSpace, elementIdentifier)) inNameSpace[elementIdentifier] = value
}

/** The report's elements and claims: issuer-signed values first, then what only the device says. */
export function toReportElements(
  docType: string,
  issuerSigned: IssuerSignedElement[],
  deviceSigned: DeviceSignedElement[],
): ReportElements {
  const into: ReportElements = { docType, elements: [], claims: {} }
  for (const e of issuerSigned)
    addElement(into, e.nameSpace, e.elementIdentifier, e.elementValue, 'issuer')
  for (const e of deviceSigned)
    addElement(into, e.nameSpace, e.elementIdentifier, e.elementValue, 'device')
  return into
}

/**
 * Verifies one document of a DeviceResponse (or an IssuerSigned alone) and records every check.
 * Returns `undefined` when the issuer signature could not be verified: nothing the MSO says is
 * then usable. Trust in the document signer's chain is the pipeline's, not this function's.
 */
export function verifyMdoc(
  bytes: Uint8Array,
  options: VerifyMdocOptions,
  checks: CheckList,
): MdocVerification | undefined {
  try {
    return verifySelected(bytes, options, checks)
  } catch (error) {
    if (error instanceof MdocError) {
      checks.fail(error.check, error.code, error.message)
      return undefined
    }
    // Every known failure is a result; an exception here is a defect, and it must not accept.
    checks.fail(
      'input.parse',
      'mdoc.malformed',
      `verification stopped: ${error instanceof Error ? error.message : String(error)}`,
    )
    return undefined
  }
}

function verifySelected(
  bytes: Uint8Array,
  options: VerifyMdocOptions,
  checks: CheckList,
): MdocVerification | undefined {
  const cbor = cborLimitsOf(options.limits)
  const selected = selectDocument(bytes, options, cbor, checks)
  if (selected === undefined) return undefined
  const { document } = selected
  const issuerAuth = verifyIssuerAuth(
    document.issuerAuth,
    document.docType,
    { policy: options.policy, limits: options.limits, cbor },
    checks,
  )
  if (issuerAuth === undefined) return undefined
  const { sign1, mso } = issuerAuth
  const docType = mso.docType
  const issuerSigned = verifyValueDigests(document.nameSpaces, mso, checks) ?? []
  checkValidity(mso, issuerAuth.signer, options, checks)

  let deviceAuthentication: MdocVerification['deviceAuthentication']
  let deviceSigned: DeviceSignedElement[] = []
  if (options.stage === 'issuance') {
    checks.skip('mdoc.device_auth', 'issuance: the holder has not presented the document yet')
  } else {
    let sessionTranscript: Uint8Array | undefined
    if (options.sessionTranscript !== undefined) {
      try {
        sessionTranscript = encodeSessionTranscript(options.sessionTranscript, cbor)
      } catch (error) {
        checks.fail(
          'mdoc.device_auth',
          'mdoc.session_transcript_invalid',
          `the session transcript supplied is not one: ${(error as Error).message}`,
        )
      }
    }
    if (options.sessionTranscript === undefined || sessionTranscript !== undefined) {
      const result = verifyDeviceAuthentication(
        { ...document, docType },
        mso,
        {
          ...(sessionTranscript !== undefined ? { sessionTranscript } : {}),
          ...(options.readerEphemeralKey !== undefined
            ? { readerEphemeralKey: options.readerEphemeralKey }
            : {}),
          policy: options.policy,
        },
        checks,
      )
      if (result !== undefined) {
        deviceAuthentication = result.method
        deviceSigned = result.deviceSignedElements
      }
    }
  }
  const { elements, claims } = toReportElements(docType, issuerSigned, deviceSigned)
  const { signed, validFrom, validUntil, expectedUpdate } = mso.validityInfo
  return {
    docType,
    ...(selected.version !== undefined ? { version: selected.version } : {}),
    msoVersion: mso.version,
    digestAlgorithm: mso.digestAlgorithm,
    validityInfo: {
      signed: tdateText(signed),
      validFrom: tdateText(validFrom),
      validUntil: tdateText(validUntil),
      ...(expectedUpdate !== undefined ? { expectedUpdate: tdateText(expectedUpdate) } : {}),
    },
    x5chain: sign1.x5chain,
    issuerAlg: sign1.alg,
    elements,
    claims,
    ...(mso.status !== undefined ? { status: mso.status } : {}),
    ...(deviceAuthentication !== undefined ? { deviceAuthentication } : {}),
    otherDocTypes: selected.otherDocTypes,
  }
}
