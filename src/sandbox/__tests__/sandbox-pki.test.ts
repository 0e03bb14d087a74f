// The sandbox certificate factory: CA and issuer certificates with the profile the verifier expects.
import assert from 'node:assert/strict'
import { createHash, webcrypto } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { KakehashiError } from '../../errors.ts'
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
} from '../../trust/x509/x509-library.ts'
import {
  createIssuerCertificate,
  createTrustAnchor,
  type SandboxCertificate,
} from '../sandbox-pki.ts'

describe('sandbox PKI', () => {
  let ca: SandboxCertificate
  let leaf: SandboxCertificate
  let caCert: X509Certificate
  let leafCert: X509Certificate

  before(async () => {
    ca = await createTrustAnchor({
      commonName: 'Keio Sandbox Root CA',
      organisation: 'Keio University, Sandbox',
      country: 'JP',
      validityDays: 3650,
    })
    leaf = await createIssuerCertificate({
      ca,
      commonName: 'Keio Credential Issuer',
      organisation: 'Keio University, Sandbox',
      country: 'JP',
      subjectAltNameUris: ['https://issuer.keio.sandbox.example'],
      dnsNames: ['issuer.keio.sandbox.example'],
      validityDays: 825,
    })
    caCert = new X509Certificate(ca.certDer)
    leafCert = new X509Certificate(leaf.certDer)
  })

  it('makes a self-signed CA with the CA profile', async () => {
    assert.equal(caCert.subject, caCert.issuer)
    assert.match(caCert.subject, /CN=Keio Sandbox Root CA/)
    assert.match(caCert.subject, /C=JP/)
    assert.equal(await caCert.verify({ signatureOnly: true }, webcrypto), true)
    const basic = caCert.getExtension(BasicConstraintsExtension)
    assert.equal(basic?.critical, true)
    assert.equal(basic?.ca, true)
    assert.equal(basic?.pathLength, 0)
    const usage = caCert.getExtension(KeyUsagesExtension)
    assert.equal(usage?.critical, true)
    assert.equal(usage?.usages, KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)
    assert.ok(caCert.getExtension(SubjectKeyIdentifierExtension)?.keyId)
    assert.deepEqual(caCert.signatureAlgorithm as unknown, {
      name: 'ECDSA',
      hash: { name: 'SHA-256' },
    })
    const days = (caCert.notAfter.getTime() - caCert.notBefore.getTime()) / 86_400_000
    assert.equal(days, 3650)
  })

  it('uses random positive 16-byte serial numbers', async () => {
    const again = await createTrustAnchor({
      commonName: 'Another',
      organisation: 'Org',
      country: 'UT',
      validityDays: 1,
    })
    const serials = [
      caCert.serialNumber,
      leafCert.serialNumber,
      new X509Certificate(again.certDer).serialNumber,
    ]
    assert.equal(new Set(serials).size, 3)
    for (const serial of serials) {
      assert.equal(serial.length, 32)
      assert.ok(Number.parseInt(serial.slice(0, 2), 16) < 0x80)
    }
  })

  it('makes an issuer certificate signed by the CA, with the end-entity profile', async () => {
    assert.equal(leafCert.issuer, caCert.subject)
    assert.equal(
      await leafCert.verify({ publicKey: caCert.publicKey, signatureOnly: true }, webcrypto),
      true,
    )
    const basic = leafCert.getExtension(BasicConstraintsExtension)
    assert.equal(basic?.ca, false)
    assert.equal(basic?.critical, true)
    const usage = leafCert.getExtension(KeyUsagesExtension)
    assert.equal(usage?.critical, true)
    assert.equal(usage?.usages, KeyUsageFlags.digitalSignature)
    assert.equal(
      leafCert.getExtension(AuthorityKeyIdentifierExtension)?.keyId,
      caCert.getExtension(SubjectKeyIdentifierExtension)?.keyId,
    )
    assert.ok(leafCert.getExtension(SubjectKeyIdentifierExtension)?.keyId)
    assert.deepEqual(leafCert.getExtension(SubjectAlternativeNameExtension)?.names.toJSON(), [
      { type: 'url', value: 'https://issuer.keio.sandbox.example' },
      { type: 'dns', value: 'issuer.keio.sandbox.example' },
    ])
  })

  it('returns keys as JWK that sign and verify with the certificate key', async () => {
    assert.equal(leaf.privateJwk.kty, 'EC')
    assert.equal(leaf.privateJwk.crv, 'P-256')
    assert.ok(leaf.privateJwk.d)
    assert.equal(leaf.publicJwk.d, undefined)
    assert.equal(leaf.publicJwk.x, leaf.privateJwk.x)
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256' }
    const signingKey = await webcrypto.subtle.importKey('jwk', leaf.privateJwk, algorithm, false, [
      'sign',
    ])
    const data = new TextEncoder().encode('kakehashi')
    const signature = await webcrypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      signingKey,
      data,
    )
    const certKey = await leafCert.publicKey.export(webcrypto)
    assert.equal(
      await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, certKey, signature, data),
      true,
    )
  })

  it('returns the same certificate as PEM and DER', () => {
    assert.match(leaf.certPem, /^-----BEGIN CERTIFICATE-----/)
    const fromPem = new X509Certificate(leaf.certPem)
    const hash = (bytes: ArrayBuffer | Uint8Array) =>
      createHash('sha256').update(new Uint8Array(bytes)).digest('hex')
    assert.equal(hash(fromPem.rawData), hash(leaf.certDer))
  })

  it('refuses unusable subject fields', async () => {
    for (const country of ['jp', 'JPN', '']) {
      await assert.rejects(
        createTrustAnchor({ commonName: 'X', organisation: 'Y', country, validityDays: 1 }),
        (error: unknown) => error instanceof KakehashiError && error.code === 'usage.invalid',
      )
    }
    await assert.rejects(
      createTrustAnchor({ commonName: 'X', organisation: 'Y', country: 'JP', validityDays: 0 }),
    )
    await assert.rejects(
      createTrustAnchor({ commonName: ' ', organisation: 'Y', country: 'JP', validityDays: 1 }),
    )
  })
})
