// Test keys and enveloped XAdES signing (xadesjs), the way real signed XML lists are signed: for fixtures of every XML list.
import { webcrypto } from 'node:crypto'
import { XMLSerializer } from '@xmldom/xmldom'
import { XmlDomParser } from '../../../lib/xml/index.ts'
import { X509CertificateGenerator } from '../../x509/x509-library.ts'
import { xadesjs } from '../xml-signature-library.ts'

/** A key pair and a self-signed certificate to sign lists with. */
export interface TestSigner {
  certificate: Uint8Array
  certificateBase64: string
  privateKey: webcrypto.CryptoKey
  publicKey: webcrypto.CryptoKey
  algorithm: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams
}

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
}
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }

export async function createTestSigner(
  commonName = 'Test Scheme Operator',
  kind: 'rsa' | 'ecdsa' = 'rsa',
): Promise<TestSigner> {
  const algorithm = kind === 'rsa' ? RSA : ECDSA
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: '0102',
      name: `CN=${commonName}, O=Kakehashi Tests, C=ZZ`,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2035-01-01T00:00:00Z'),
      keys,
      signingAlgorithm: algorithm,
    },
    webcrypto,
  )
  const der = new Uint8Array(certificate.rawData)
  return {
    certificate: der,
    certificateBase64: Buffer.from(der).toString('base64'),
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    algorithm: algorithm as TestSigner['algorithm'],
  }
}

export interface SignOptions {
  /** The data reference's URI: "" (the default) or "#id". */
  referenceUri?: string
  /** The data reference's transforms; enveloped + exc-c14n by default. */
  transforms?: string[]
  /** XAdES SigningCertificateV2 (list format 6) instead of SigningCertificate. */
  signingCertificateV2?: boolean
  /** The certificates put in KeyInfo (base64 DER); the signer's own by default. */
  keyInfoCertificates?: string[]
  /** The certificate SigningCertificate(V2) names (base64 DER); the signer's own by default. */
  signingCertificate?: string
  /** A public key to add to KeyInfo as a KeyValue. */
  keyValue?: webcrypto.CryptoKey
}

/** Signs `xml` the way the real lists are: enveloped XAdES-B, exc-c14n, KeyInfo X509Data. */
export async function signXml(
  xml: string,
  signer: TestSigner,
  options: SignOptions = {},
): Promise<string> {
  // Read as XML 1.0 reads it, as the list reader does: what is signed is what a verifier sees.
  const document = new XmlDomParser().parseFromString(xml, 'text/xml')
  const signedXml = new xadesjs.SignedXml()
  signedXml.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm =
    'http://www.w3.org/2001/10/xml-exc-c14n#'
  const signature = await signedXml.Sign(
    signer.algorithm as never,
    signer.privateKey as never,
    document as never,
    {
      x509: options.keyInfoCertificates ?? [signer.certificateBase64],
      ...(options.keyValue !== undefined ? { keyValue: options.keyValue } : {}),
      references: [
        {
          uri: options.referenceUri ?? '',
          hash: 'SHA-256',
          transforms: options.transforms ?? ['enveloped', 'exc-c14n'],
        },
      ],
      ...(options.signingCertificateV2
        ? { signingCertificateV2: options.signingCertificate ?? signer.certificateBase64 }
        : { signingCertificate: options.signingCertificate ?? signer.certificateBase64 }),
    } as never,
  )
  document.documentElement?.appendChild(signature.GetXml() as never)
  return new XMLSerializer().serializeToString(document)
}
