// Reads a LoTE published in XML: hostile XML refused, the one enveloped signature over the whole list, a configured signer, then the schema.
//
// The XML counterpart of read-lote-jws.ts, returning the same VerifiedLote so that
// `loteToSourceImport` maps either form. The order is the point: the signature is verified over
// the very DOM the list is then read from, after the checks that it is the only one and covers the
// whole document (src/trust/xmldsig); the certificate that verified it must equal a configured
// signer byte for byte, as the JSON form's `x5c` leaf must; only then is the list read, and checked
// with the JSON binding's own schema and bounds. Every refusal is a `lote.*` KakehashiError.
import { createHash, X509Certificate } from 'node:crypto'
import { KakehashiError } from '../../errors.ts'
import { readXmlDocument } from '../../lib/xml/parse-xml-document.ts'
import type { XmlLimits } from '../../lib/xml/refuse-hostile-xml.ts'
import { verifyEnvelopedSignature } from '../../trust/xmldsig/verify-enveloped-signature.ts'
import { extractLoteXml, KAKEHASHI_LOTE_NS, LOTE_NS } from './parse-lote-xml.ts'
import { defaultLoteLimits, parseLoteDocument, type VerifiedLote } from './read-lote-jws.ts'

/**
 * Limits on an XML LoTE. The byte limit is the JSON form's; depth and element count bound the DOM
 * (the deepest path of the schema, Extension content included, is about 12 elements).
 */
export const defaultLoteXmlLimits: Readonly<XmlLimits> = Object.freeze({
  maxBytes: defaultLoteLimits.maxBytes,
  maxDepth: 32,
  maxElements: 400_000,
})

/**
 * Verifies an XML LoTE against `signers` (DER) and reads it. Throws a `lote.*` KakehashiError
 * saying why a list is refused; returns only a list that is signed by a configured signer and
 * conformant.
 */
export async function readLoteXml(
  input: Uint8Array | string,
  signers: readonly Uint8Array[],
  limits: Partial<XmlLimits> = {},
): Promise<VerifiedLote> {
  const document = readXmlDocument(input, 'lote', { ...defaultLoteXmlLimits, ...limits })
  const root = document.documentElement
  if (root === null) throw new Error('unreachable: a parsed document has a root')
  if (root.namespaceURI !== LOTE_NS || root.localName !== 'ListOfTrustedEntities') {
    throw new KakehashiError(
      'lote.not_conformant',
      `the root element is {${root.namespaceURI ?? ''}}${root.localName}, not a LoTE`,
    )
  }
  const signature = await verifyEnvelopedSignature(document, {
    family: 'lote',
    contentNamespaces: [LOTE_NS, KAKEHASHI_LOTE_NS],
  })
  const signer = signature.signingCertificate
  if (!signers.some((known) => Buffer.from(known).equals(signer))) {
    throw new KakehashiError(
      'lote.signer_unknown',
      'the list is not signed by a configured signer',
      {
        fingerprint: signature.signingCertificateFingerprint,
      },
    )
  }
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input
  return {
    document: parseLoteDocument(extractLoteXml(root)),
    digest: createHash('sha256').update(bytes).digest('hex'),
    signer: {
      der: signer,
      fingerprint: signature.signingCertificateFingerprint,
      subject: subjectOf(signer),
    },
    algorithm: signature.signatureMethod,
  }
}

/** The subject as the JSON form reports it (Node's reader); empty when Node cannot read it. */
function subjectOf(der: Uint8Array): string {
  try {
    return new X509Certificate(der).subject
  } catch {
    return ''
  }
}
