// Verifies a list's enveloped XMLDSig/XAdES signature and proves it covers the whole document.
//
// Shared by the XML lists Kakehashi reads (TS 119 612 trusted lists, TS 119 602 LoTEs), each
// refusing in its own code family. A list must carry exactly one ds:Signature, a child of the root,
// whose one data Reference has URI="" or "#<root Id>" (that Id on no other element) with the
// enveloped-signature transform and at most a canonicalisation after it: the signed data is then
// the whole list, and nothing in it can be moved or duplicated out of the signed scope without the
// digest failing (signature wrapping). The XAdES SignedProperties reference is checked when present
// (check-signed-properties.ts). The signer is the certificate in KeyInfo/X509Data, and its key,
// passed explicitly, is the only one the signature is checked with (never a KeyValue the document
// supplies). Canonicalisation, digests and the signature check are xadesjs/xmldsigjs's, on the
// caller's own DOM: the caller then reads the list from that same DOM. The enveloped transform
// removes the Signature element only, so the whitespace after it stays in the digest, as the
// Finnish list needs. Failures throw a KakehashiError of the caller's family: `signature_missing`,
// `signature_multiple`, `signature_scope`, `signature_invalid` or `signer_unknown`. Whether the
// signer is the right one is the caller's question: this module says who signed.
import { webcrypto } from 'node:crypto'
import type { Document, Element } from '@xmldom/xmldom'
import type { KakehashiError } from '../../errors.ts'
import {
  attribute,
  child,
  childElements,
  children,
  isElement,
  isNamed,
} from '../../lib/xml/dom-access.ts'
import { parseCertificate } from '../x509/parse-certificate.ts'
import type { X509Certificate } from '../x509/x509-library.ts'
import {
  checkSigningCertificateReference,
  decodeOr,
  foreignObjectContent,
  isNamedBySignedProperties,
  locateSignedProperties,
  type SignedPropertiesInfo,
} from './check-signed-properties.ts'
import {
  CANONICALIZATION_METHODS,
  DIGEST_METHODS,
  ENVELOPED_SIGNATURE,
  SIGNATURE_METHODS,
} from './signature-algorithms.ts'
import {
  type SignatureCodeFamily,
  type SignatureRefusal,
  signatureRefusal,
} from './signature-refusal.ts'
import { xadesjs } from './xml-signature-library.ts'
import { DS_NS, SIGNED_PROPERTIES_TYPE } from './xmldsig-namespaces.ts'

/** What a verified signature tells: who signed, and how. */
export interface EnvelopedSignature {
  /** DER of the certificate whose key verified the signature. */
  signingCertificate: Uint8Array
  /** SHA-256 of that DER, lower-case hex. */
  signingCertificateFingerprint: string
  signatureMethod: string
  /** The data reference's URI: "" or "#" and the root's Id. */
  referenceUri: string
  /** XAdES SigningTime, as ISO 8601 UTC, when the signature has one. */
  signingTime?: string
  /** Which XAdES element named the signing certificate, when one did. */
  signingCertificateReference?: 'SigningCertificate' | 'SigningCertificateV2'
}

export interface VerifyEnvelopedSignatureOptions {
  /** The code family of every refusal: `tl`, `lote`. */
  family: SignatureCodeFamily
  /**
   * The namespaces of the list's own content. List content has no business inside the signature;
   * finding it there means someone put it there, and the list is refused.
   */
  contentNamespaces: readonly string[]
}

interface ReferenceInfo {
  element: Element
  uri: string | undefined
  transforms: string[]
}

type Refuse = (
  kind: SignatureRefusal,
  message: string,
  detail?: Record<string, unknown>,
) => KakehashiError

const ID_ATTRIBUTES = ['Id', 'ID', 'id'] as const

/** Verifies the one enveloped signature of a parsed list, over the whole document. */
export async function verifyEnvelopedSignature(
  document: Document,
  options: VerifyEnvelopedSignatureOptions,
): Promise<EnvelopedSignature> {
  const root = document.documentElement
  if (root === null) throw new Error('unreachable: a parsed document has a root')
  const { family } = options
  const refuse: Refuse = (kind, message, detail) => signatureRefusal(family, kind, message, detail)
  const signature = findTheSignature(document, root, refuse)
  const countIds = idCounter(root)
  const signedInfo = readSignedInfo(signature, refuse)
  const referenceUri = checkDataReference(signedInfo.data, root, countIds, refuse)
  checkNoUnsignedContent(signature, new Set(options.contentNamespaces), refuse)
  if (signedInfo.properties !== undefined) checkPropertiesTransforms(signedInfo.properties, refuse)
  const properties = locateSignedProperties(signature, signedInfo.properties?.uri, countIds, family)
  const signer = selectSigningCertificate(signature, properties, family, refuse)
  await checkCryptographically(document, signature, signer.certificate, refuse)
  checkSigningCertificateReference(properties, signer.der, family)
  return {
    signingCertificate: signer.der,
    signingCertificateFingerprint: signer.fingerprint,
    signatureMethod: signedInfo.signatureMethod,
    referenceUri,
    ...(properties?.signingTime !== undefined ? { signingTime: properties.signingTime } : {}),
    ...(properties?.certificateReference !== undefined
      ? { signingCertificateReference: properties.certificateReference }
      : {}),
  }
}

/** Exactly one ds:Signature in the whole document, and it is a child of the root. */
function findTheSignature(document: Document, root: Element, refuse: Refuse): Element {
  const found = document.getElementsByTagNameNS(DS_NS, 'Signature')
  if (found.length === 0) throw refuse('signature_missing', 'the list is not signed')
  if (found.length > 1) {
    throw refuse('signature_multiple', `the list has ${found.length} signatures`, {
      count: found.length,
    })
  }
  const signature = found.item(0) as Element
  if (signature.parentNode !== root) {
    throw refuse('signature_scope', 'the signature is not a child of the root element')
  }
  return signature
}

/**
 * Reads SignedInfo as the library will: the same elements, with nothing else beside them, so that
 * what is checked here is what is verified there.
 */
function readSignedInfo(
  signature: Element,
  refuse: Refuse,
): {
  signatureMethod: string
  data: ReferenceInfo
  properties: ReferenceInfo | undefined
} {
  const invalid = (message: string) => refuse('signature_invalid', message)
  const signedInfos = children(signature, DS_NS, 'SignedInfo')
  if (signedInfos.length !== 1) {
    throw invalid(`expected one SignedInfo, found ${signedInfos.length}`)
  }
  if (children(signature, DS_NS, 'SignatureValue').length !== 1) {
    throw invalid('expected one SignatureValue')
  }
  const signedInfo = signedInfos[0] as Element
  const [c14n, method, ...references] = childElements(signedInfo)
  if (c14n === undefined || !isNamed(c14n, DS_NS, 'CanonicalizationMethod')) {
    throw invalid('SignedInfo has no CanonicalizationMethod')
  }
  requireAlgorithm(c14n, CANONICALIZATION_METHODS, 'canonicalisation', refuse)
  if (method === undefined || !isNamed(method, DS_NS, 'SignatureMethod')) {
    throw invalid('SignedInfo has no SignatureMethod')
  }
  const signatureMethod = requireAlgorithm(method, SIGNATURE_METHODS, 'signature', refuse)
  const data: ReferenceInfo[] = []
  const properties: ReferenceInfo[] = []
  for (const reference of references) {
    if (!isNamed(reference, DS_NS, 'Reference')) {
      throw invalid(`unexpected ${reference.localName} in SignedInfo`)
    }
    const info = readReference(reference, refuse)
    if (attribute(reference, 'Type') === SIGNED_PROPERTIES_TYPE) properties.push(info)
    else data.push(info)
  }
  if (data.length !== 1) {
    throw refuse('signature_scope', `expected one data reference, found ${data.length}`)
  }
  if (properties.length > 1) throw invalid('more than one SignedProperties reference')
  return { signatureMethod, data: data[0] as ReferenceInfo, properties: properties[0] }
}

function readReference(reference: Element, refuse: Refuse): ReferenceInfo {
  const digestMethod = child(reference, DS_NS, 'DigestMethod')
  if (digestMethod === undefined) {
    throw refuse('signature_invalid', 'a Reference has no DigestMethod')
  }
  requireAlgorithm(digestMethod, DIGEST_METHODS, 'digest', refuse)
  const transformsElement = child(reference, DS_NS, 'Transforms')
  const transforms =
    transformsElement === undefined
      ? []
      : children(transformsElement, DS_NS, 'Transform').map((transform) => {
          const algorithm = attribute(transform, 'Algorithm')
          if (algorithm === undefined) {
            throw refuse('signature_invalid', 'a Transform has no Algorithm')
          }
          return algorithm
        })
  return { element: reference, uri: attribute(reference, 'URI'), transforms }
}

/**
 * The data reference covers the whole document: URI="" (the document, comments left out) or the
 * root's own Id, found on no other element; the enveloped-signature transform, then at most one
 * canonicalisation. Anything else (another element, an XPath filter) signs less than the list.
 */
function checkDataReference(
  reference: ReferenceInfo,
  root: Element,
  countIds: (id: string) => number,
  refuse: Refuse,
): string {
  const scope = (message: string) => refuse('signature_scope', message)
  const { uri, transforms } = reference
  if (uri === undefined) throw scope('the data reference has no URI')
  if (uri !== '') {
    const rootId = attribute(root, 'Id')
    if (rootId === undefined || uri !== `#${rootId}`) {
      throw scope(`the data reference ${uri} is not the root element`)
    }
    if (countIds(rootId) !== 1) throw scope(`the Id ${rootId} appears on more than one element`)
  }
  const [first, second, ...rest] = transforms
  if (first !== ENVELOPED_SIGNATURE) throw scope('the data reference is not enveloped')
  if (rest.length > 0 || (second !== undefined && !CANONICALIZATION_METHODS.has(second))) {
    throw scope(`the data reference's transforms are not accepted: ${transforms.join(', ')}`)
  }
  if (children(reference.element, DS_NS, 'Transforms').length > 1) {
    throw scope('the data reference has more than one Transforms element')
  }
  return uri
}

/** The signed properties are digested whole: canonicalised at most, never filtered. */
function checkPropertiesTransforms({ transforms }: ReferenceInfo, refuse: Refuse): void {
  const [only, ...rest] = transforms
  if (rest.length > 0 || (only !== undefined && !CANONICALIZATION_METHODS.has(only))) {
    throw refuse(
      'signature_invalid',
      `the SignedProperties reference's transforms are not accepted: ${transforms.join(', ')}`,
    )
  }
}

/** Nothing that reads as list content may sit inside the signature, outside the signed scope. */
function checkNoUnsignedContent(
  signature: Element,
  contentNamespaces: ReadonlySet<string>,
  refuse: Refuse,
): void {
  const foreign = foreignObjectContent(signature)[0]
  if (foreign !== undefined) {
    throw refuse(
      'signature_scope',
      `the signature carries unsigned content: {${foreign.namespaceURI}}${foreign.localName}`,
    )
  }
  const stack: Element[] = [signature]
  for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
    if (contentNamespaces.has(element.namespaceURI ?? '')) {
      throw refuse('signature_scope', `list content inside the signature: ${element.localName}`)
    }
    for (let node = element.firstChild; node !== null; node = node.nextSibling) {
      if (isElement(node)) stack.push(node)
    }
  }
}

/**
 * The signer is the certificate in KeyInfo/X509Data. When KeyInfo holds several (a chain), the
 * one SigningCertificate names is the signer; otherwise the choice would be a guess, and refused.
 */
function selectSigningCertificate(
  signature: Element,
  properties: SignedPropertiesInfo | undefined,
  family: SignatureCodeFamily,
  refuse: Refuse,
): { der: Uint8Array; fingerprint: string; certificate: X509Certificate } {
  const unknown = (message: string) => refuse('signer_unknown', message)
  const keyInfos = children(signature, DS_NS, 'KeyInfo')
  if (keyInfos.length > 1) throw unknown('more than one KeyInfo')
  const certificates = (keyInfos[0] === undefined ? [] : children(keyInfos[0], DS_NS, 'X509Data'))
    .flatMap((data) => children(data, DS_NS, 'X509Certificate'))
    .map((element) => decodeOr(element, family, unknown))
  const candidates =
    certificates.length > 1
      ? certificates.filter((der) => isNamedBySignedProperties(properties, der))
      : certificates
  if (candidates.length !== 1) {
    throw unknown(
      certificates.length === 0
        ? 'KeyInfo carries no X509Certificate'
        : 'KeyInfo carries several certificates and the signed properties do not single one out',
    )
  }
  const parsed = parseCertificate(candidates[0] as Uint8Array)
  if (!parsed.ok) throw unknown(`the KeyInfo certificate cannot be parsed: ${parsed.message}`)
  return { der: parsed.der, fingerprint: parsed.fingerprint, certificate: parsed.certificate }
}

/** Digests every reference and checks SignatureValue with the signer's key, through xadesjs. */
async function checkCryptographically(
  document: Document,
  signature: Element,
  signingCertificate: X509Certificate,
  refuse: Refuse,
): Promise<void> {
  let valid: boolean
  try {
    const signedXml = new xadesjs.SignedXml(document as never)
    signedXml.LoadXml(signature as never)
    const key = await signingCertificate.publicKey.export(webcrypto as never)
    // xmldsigjs re-imports the key with the SignatureMethod's parameters, which for ECDSA lack the
    // curve; the certificate's key has it.
    const curve = (key.algorithm as { namedCurve?: string }).namedCurve
    if (curve !== undefined && signedXml.Algorithm !== undefined) {
      signedXml.Algorithm = {
        ...signedXml.Algorithm,
        namedCurve: curve,
      } as unknown as typeof signedXml.Algorithm
    }
    valid = await signedXml.Verify(key)
  } catch (error) {
    // xml-core's XmlError is not an Error subclass, but has a message.
    const message = (error as { message?: unknown } | undefined)?.message ?? String(error)
    throw refuse('signature_invalid', `the signature does not verify: ${String(message)}`)
  }
  if (!valid) {
    throw refuse(
      'signature_invalid',
      'the signature value does not verify with the signing certificate',
    )
  }
}

/** Counts, over the whole document, the elements whose Id (or ID, id) equals a value. */
function idCounter(root: Element): (id: string) => number {
  return (id) => {
    let count = 0
    const stack: Element[] = [root]
    for (let element = stack.pop(); element !== undefined; element = stack.pop()) {
      if (ID_ATTRIBUTES.some((name) => element.getAttribute(name) === id)) count++
      for (let node = element.firstChild; node !== null; node = node.nextSibling) {
        if (isElement(node)) stack.push(node)
      }
    }
    return count
  }
}

function requireAlgorithm(
  element: Element,
  accepted: ReadonlySet<string>,
  kind: string,
  refuse: Refuse,
): string {
  const algorithm = attribute(element, 'Algorithm') ?? ''
  if (!accepted.has(algorithm)) {
    throw refuse('signature_invalid', `${kind} algorithm ${algorithm} is not accepted`)
  }
  return algorithm
}
