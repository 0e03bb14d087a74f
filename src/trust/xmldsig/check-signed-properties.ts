// Checks the XAdES side of a list's signature: the SignedProperties reference and what it binds.
//
// TS 119 612 (and TS 119 602, for its XML binding) signs lists with XAdES baseline B: the
// signature's ds:Object holds QualifyingProperties, whose SignedProperties are covered by a second
// Reference (Type …#SignedProperties). When they are present, the reference must point at exactly
// that element, inside this signature and targeting it; and SigningCertificate (list format 5) or
// SigningCertificateV2 (format 6) must name the certificate whose key verified the signature, by
// its digest. Qualifying properties that no reference covers are refused rather than ignored:
// nothing unsigned is read as if it were signed.
import { createHash } from 'node:crypto'
import type { Element } from '@xmldom/xmldom'
import type { KakehashiError } from '../../errors.ts'
import { attribute, child, childElements, children, isNamed } from '../../lib/xml/dom-access.ts'
import { xmlValueReader } from '../../lib/xml/read-xml-values.ts'
import { CERT_DIGEST_HASHES } from './signature-algorithms.ts'
import { type SignatureCodeFamily, signatureRefusal } from './signature-refusal.ts'
import { DS_NS, XADES_NS } from './xmldsig-namespaces.ts'

/** The SignedProperties a signature's XAdES reference covers, with what was read from them. */
export interface SignedPropertiesInfo {
  element: Element
  signingTime?: string
  /** SigningCertificate or SigningCertificateV2, whichever the signer used. */
  certificateReference?: 'SigningCertificate' | 'SigningCertificateV2'
  /** The CertDigest entries of that element: hash name and expected digest. */
  certDigests: { hash: string; digest: Buffer }[]
}

/**
 * Finds the SignedProperties that `referenceUri` (the URI of the reference typed SignedProperties,
 * or undefined when there is none) designates. `countIds` counts the elements of the whole document
 * carrying an Id equal to a value, so that a duplicate cannot stand in for the real element.
 */
export function locateSignedProperties(
  signature: Element,
  referenceUri: string | undefined,
  countIds: (id: string) => number,
  family: SignatureCodeFamily,
): SignedPropertiesInfo | undefined {
  const invalid = (message: string) => signatureRefusal(family, 'signature_invalid', message)
  const qualifying = children(signature, DS_NS, 'Object').flatMap((object) =>
    children(object, XADES_NS, 'QualifyingProperties'),
  )
  if (referenceUri === undefined) {
    if (qualifying.length > 0) {
      throw invalid('the XAdES qualifying properties are not covered by any reference')
    }
    return undefined
  }
  if (qualifying.length !== 1) {
    throw invalid(`expected one QualifyingProperties, found ${qualifying.length}`)
  }
  const properties = qualifying[0] as Element
  const signatureId = attribute(signature, 'Id')
  if (signatureId !== undefined && attribute(properties, 'Target') !== `#${signatureId}`) {
    throw invalid('QualifyingProperties does not target this signature')
  }
  const signedProperties = children(properties, XADES_NS, 'SignedProperties')
  const id = referenceUri.startsWith('#') ? referenceUri.slice(1) : undefined
  const target = signedProperties[0]
  if (
    id === undefined ||
    signedProperties.length !== 1 ||
    target === undefined ||
    attribute(target, 'Id') !== id ||
    countIds(id) !== 1
  ) {
    throw invalid(`the SignedProperties reference ${referenceUri} does not designate them alone`)
  }
  return readSignedProperties(target, family)
}

function readSignedProperties(element: Element, family: SignatureCodeFamily): SignedPropertiesInfo {
  const invalid = (message: string) => signatureRefusal(family, 'signature_invalid', message)
  const { readDateTime } = xmlValueReader(family)
  const info: SignedPropertiesInfo = { element, certDigests: [] }
  const signatureProperties = child(element, XADES_NS, 'SignedSignatureProperties')
  if (signatureProperties === undefined) return info
  const signingTime = child(signatureProperties, XADES_NS, 'SigningTime')
  if (signingTime !== undefined) {
    // Informative only (the list's own dates are what count), so an odd value is left out.
    try {
      info.signingTime = readDateTime(signingTime)
    } catch {}
  }
  const v1 = children(signatureProperties, XADES_NS, 'SigningCertificate')
  const v2 = children(signatureProperties, XADES_NS, 'SigningCertificateV2')
  if (v1.length + v2.length > 1) throw invalid('more than one SigningCertificate element')
  const reference = v1[0] ?? v2[0]
  if (reference === undefined) return info
  info.certificateReference = v1.length > 0 ? 'SigningCertificate' : 'SigningCertificateV2'
  for (const cert of children(reference, XADES_NS, 'Cert')) {
    const certDigest = child(cert, XADES_NS, 'CertDigest')
    const method = certDigest === undefined ? undefined : child(certDigest, DS_NS, 'DigestMethod')
    const value = certDigest === undefined ? undefined : child(certDigest, DS_NS, 'DigestValue')
    if (method === undefined || value === undefined) throw invalid('a Cert without CertDigest')
    const algorithm = attribute(method, 'Algorithm') ?? ''
    const hash = CERT_DIGEST_HASHES.get(algorithm)
    if (hash === undefined) throw invalid(`CertDigest algorithm ${algorithm} is not accepted`)
    info.certDigests.push({ hash, digest: Buffer.from(decodeOr(value, family, invalid)) })
  }
  if (info.certDigests.length === 0) throw invalid(`${info.certificateReference} names no Cert`)
  return info
}

/**
 * One Cert of SigningCertificate(V2) must name the signer by its digest (XAdES: the signing
 * certificate is in the sequence, possibly with its issuers). Run after the signature verified,
 * on the same DOM: these properties are then known to be the signed ones.
 */
export function checkSigningCertificateReference(
  info: SignedPropertiesInfo | undefined,
  signingCertificate: Uint8Array,
  family: SignatureCodeFamily,
): void {
  if (info === undefined || info.certDigests.length === 0) return
  if (!isNamedBySignedProperties(info, signingCertificate)) {
    throw signatureRefusal(
      family,
      'signature_invalid',
      `${info.certificateReference} does not name the certificate that signed`,
    )
  }
}

/** True when a CertDigest of the signed properties names this certificate. */
export function isNamedBySignedProperties(
  info: SignedPropertiesInfo | undefined,
  certificate: Uint8Array,
): boolean {
  return (info?.certDigests ?? []).some(({ hash, digest }) =>
    createHash(hash).update(certificate).digest().equals(digest),
  )
}

/** The ds:Object children that are not the XAdES qualifying properties (there should be none). */
export function foreignObjectContent(signature: Element): Element[] {
  return children(signature, DS_NS, 'Object').flatMap((object) =>
    childElements(object).filter((element) => !isNamed(element, XADES_NS, 'QualifyingProperties')),
  )
}

/** Base64 content, or the error `refuse` makes: inside a signature, bad base64 is not a list fault. */
export function decodeOr(
  element: Element,
  family: SignatureCodeFamily,
  refuse: (message: string) => KakehashiError,
): Uint8Array {
  try {
    return xmlValueReader(family).readBase64(element)
  } catch {
    throw refuse(`${element.localName} is not base64`)
  }
}
