// Signs a LoTE in its XML binding: the list written per the XSD, read back as an importer would, then one enveloped XAdES-B signature over the whole document.
//
// The signature is the one TS 119 602 clause 6.8 asks of the XML binding and the one readLoteXml
// verifies: xadesjs, a single Reference with URI "" (the whole document) and the enveloped and
// exc-c14n transforms, SHA-256 digests, exc-c14n for SignedInfo, the signer's certificate in
// KeyInfo/X509Data and named by XAdES SigningCertificateV2. The key is the JSON export's key:
// ECDSA as ecdsa-sha256/384/512 by its curve, RSA as rsa-sha256 (the trusted lists' own
// algorithm); an Ed25519 key has no XMLDSig algorithm the reader accepts and is refused.
import { webcrypto } from 'node:crypto'
import { XMLSerializer } from '@xmldom/xmldom'
import { KakehashiError } from '../../errors.ts'
import { readXmlDocument } from '../../lib/xml/parse-xml-document.ts'
import { xadesjs } from '../../trust/xmldsig/xml-signature-library.ts'
import type { ExportSigner } from './export-signer.ts'
import { extractLoteXml } from './parse-lote-xml.ts'
import { parseLoteDocument } from './read-lote-jws.ts'
import { defaultLoteXmlLimits } from './read-lote-xml.ts'
import { writeLoteXml } from './write-lote-xml.ts'
import type { LoTEDocument } from './z-lote.ts'

/**
 * TS 119 602 registers no media type for its XML binding, and `application/vnd.etsi.tsl+xml` is
 * TS 119 612's trusted lists (root TrustServiceStatusList), which a LoTE is not.
 */
export const LOTE_XML_MEDIA_TYPE = 'application/xml'

export interface SignLoteXmlOptions {
  /** XAdES SigningTime; the list's issue time, so that one export is one instant. */
  signingTime?: Date
}

/** The signed XML of `document`; the document is checked against both bindings' rules first. */
export async function signLoteXml(
  document: LoTEDocument,
  signer: ExportSigner,
  options: SignLoteXmlOptions = {},
): Promise<string> {
  const dom = conformantXml(document)
  const algorithm = xmlSignatureAlgorithm(signer)
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    signer.privateKey.export({ type: 'pkcs8', format: 'der' }),
    algorithm,
    false,
    ['sign'],
  )
  const certificate = Buffer.from(signer.certificate).toString('base64')
  const signedXml = new xadesjs.SignedXml()
  signedXml.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm =
    'http://www.w3.org/2001/10/xml-exc-c14n#'
  const signature = await signedXml.Sign(
    algorithm as never,
    key as never,
    dom as never,
    {
      x509: [certificate],
      references: [{ uri: '', hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
      signingCertificateV2: certificate,
      ...(options.signingTime === undefined ? {} : { signingTime: { value: options.signingTime } }),
    } as never,
  )
  dom.documentElement?.appendChild(signature.GetXml() as never)
  return new XMLSerializer().serializeToString(dom)
}

/**
 * The written list parsed with the reader's own hostile-XML limits and XSD-order checks, then the
 * JSON schema: Kakehashi never publishes a list it would itself refuse to read.
 */
function conformantXml(document: LoTEDocument) {
  try {
    parseLoteDocument(document)
    const dom = readXmlDocument(writeLoteXml(document), 'lote', defaultLoteXmlLimits)
    parseLoteDocument(extractLoteXml(dom.documentElement as never))
    return dom
  } catch (error) {
    throw new KakehashiError(
      'lote.not_conformant',
      `the list to sign is not conformant: ${(error as Error).message}`,
      undefined,
      { cause: error },
    )
  }
}

const HASH_OF = { ES256: 'SHA-256', ES384: 'SHA-384', ES512: 'SHA-512' } as const
const CURVE_OF = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' } as const

function xmlSignatureAlgorithm(
  signer: ExportSigner,
): (webcrypto.EcKeyImportParams & { hash: string }) | webcrypto.RsaHashedImportParams {
  switch (signer.algorithm) {
    case 'ES256':
    case 'ES384':
    case 'ES512':
      return {
        name: 'ECDSA',
        namedCurve: CURVE_OF[signer.algorithm],
        hash: HASH_OF[signer.algorithm],
      }
    case 'PS256':
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    default:
      throw new KakehashiError(
        'lote.export_signer_invalid',
        `an export signer of algorithm ${signer.algorithm} cannot sign an XML list`,
      )
  }
}
