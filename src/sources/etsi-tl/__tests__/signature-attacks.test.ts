// Lists signed here with test keys: valid ones verify; every attack is refused with its own code, never a crash.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { fingerprintSha256 } from '../../../trust/x509/parse-certificate.ts'
import { readTrustedList } from '../read-trusted-list.ts'
import {
  buildTrustedListXml,
  createTestSigner,
  GRANTED,
  signXml,
  type TestSigner,
  WITHDRAWN,
} from './list-fixtures.ts'

const DS = 'http://www.w3.org/2000/09/xmldsig#'

async function refusedWith(promise: Promise<unknown>, code: string, what = code): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.equal((error as { code?: string }).code, code, `${what}: ${(error as Error).message}`)
    return true
  })
}

/** The signed list with its ds:Signature element cut out, and the signature itself. */
function splitSignature(signed: string): { body: string; signature: string } {
  const start = signed.indexOf('<ds:Signature')
  const end = signed.indexOf('</ds:Signature>') + '</ds:Signature>'.length
  return { body: signed.slice(0, start) + signed.slice(end), signature: signed.slice(start, end) }
}

describe('trusted-list signatures', () => {
  let signer: TestSigner
  let other: TestSigner
  let signed: string

  before(async () => {
    signer = await createTestSigner('Test Scheme Operator')
    other = await createTestSigner('Someone Else')
    signed = await signXml(buildTrustedListXml(), signer)
  })

  it('verifies a list signed over the whole document and returns its signer', async () => {
    const { list, signature, sha256, byteLength } = await readTrustedList(signed)
    assert.deepEqual(signature.signingCertificate, signer.certificate)
    assert.equal(signature.signingCertificateFingerprint, fingerprintSha256(signer.certificate))
    assert.equal(signature.referenceUri, '')
    assert.equal(signature.signatureMethod, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')
    assert.equal(signature.signingCertificateReference, 'SigningCertificate')
    assert.ok(signature.signingTime)
    assert.equal(list.trustServiceProviders[0]?.tspServices[0]?.serviceStatus, GRANTED)
    assert.equal(byteLength, Buffer.byteLength(signed))
    assert.match(sha256, /^[0-9a-f]{64}$/)
  })

  it('verifies a list holding NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, which XML 1.0 keeps as they are', async () => {
    const xml = buildTrustedListXml().replace(
      '<tsl:Name xml:lang="en">Test Scheme Operator</tsl:Name>',
      '<tsl:Name xml:lang="en">Test\u2028Scheme\u0085Operator\u2029Name</tsl:Name>',
    )
    const { list } = await readTrustedList(await signXml(xml, signer))
    assert.equal(
      list.schemeInformation.schemeOperatorName.find((name) => name.lang === 'en')?.value,
      'Test\u2028Scheme\u0085Operator\u2029Name',
    )
  })

  it('verifies a reference to the root Id, ECDSA keys and SigningCertificateV2', async () => {
    const ecdsa = await createTestSigner('EC Operator', 'ecdsa')
    const list = await signXml(buildTrustedListXml(), ecdsa, {
      referenceUri: '#tl-root',
      signingCertificateV2: true,
    })
    const { signature } = await readTrustedList(list)
    assert.equal(signature.referenceUri, '#tl-root')
    assert.equal(signature.signingCertificateReference, 'SigningCertificateV2')
    assert.deepEqual(signature.signingCertificate, ecdsa.certificate)
  })

  it('refuses a DOCTYPE with an internal entity (billion laughs) or an external one (XXE)', async () => {
    const doctype = (subset: string) =>
      signed.replace(
        '<tsl:TrustServiceStatusList',
        `<!DOCTYPE tsl:TrustServiceStatusList [${subset}]>\n<tsl:TrustServiceStatusList`,
      )
    const laughs = doctype(
      '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">',
    ).replace('Test TSP', '&c;')
    await refusedWith(readTrustedList(laughs), 'tl.doctype_refused', 'billion laughs')
    const xxe = doctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">').replace('Test TSP', '&xxe;')
    await refusedWith(readTrustedList(xxe), 'tl.doctype_refused', 'XXE')
  })

  it('refuses a tampered service status', async () => {
    const tampered = signed.replace(GRANTED, WITHDRAWN)
    assert.notEqual(tampered, signed)
    await refusedWith(readTrustedList(tampered), 'tl.signature_invalid')
  })

  it('refuses a list without a signature, or with two', async () => {
    const { body, signature } = splitSignature(signed)
    await refusedWith(readTrustedList(body), 'tl.signature_missing')
    const twice = body.replace(
      '</tsl:TrustServiceStatusList>',
      `${signature}${signature}</tsl:TrustServiceStatusList>`,
    )
    await refusedWith(readTrustedList(twice), 'tl.signature_multiple')
    // A second signature hidden deeper counts too.
    const hidden = signed.replace(
      '<tsl:PolicyOrLegalNotice>',
      `<tsl:PolicyOrLegalNotice>${signature}`,
    )
    await refusedWith(readTrustedList(hidden), 'tl.signature_multiple')
  })

  it('refuses signature wrapping: the signed list moved into an Object, forged content at the root', async () => {
    // Signed by Id, then the signed root goes inside ds:Object and a forged list takes its place.
    const byId = await signXml(buildTrustedListXml(), signer, { referenceUri: '#tl-root' })
    const { body, signature } = splitSignature(byId)
    const original = body.slice(body.indexOf('<tsl:TrustServiceStatusList'))
    const forged = (rootId: string) =>
      buildTrustedListXml({ serviceStatus: WITHDRAWN, rootId }).replace(
        '</tsl:TrustServiceStatusList>',
        `${signature.replace('</ds:Signature>', `<ds:Object>${original.trim()}</ds:Object></ds:Signature>`)}</tsl:TrustServiceStatusList>`,
      )
    await refusedWith(readTrustedList(forged('forged-root')), 'tl.signature_scope', 'other root Id')
    await refusedWith(readTrustedList(forged('tl-root')), 'tl.signature_scope', 'duplicated Id')
  })

  it('refuses a second TSP list outside the signed scope', async () => {
    const extra =
      '<tsl:TrustServiceProviderList><tsl:TrustServiceProvider/></tsl:TrustServiceProviderList>'
    const inObject = signed.replace(
      '</ds:Signature>',
      `<ds:Object>${extra}</ds:Object></ds:Signature>`,
    )
    await refusedWith(readTrustedList(inObject), 'tl.signature_scope', 'inside ds:Object')
    const inProperties = signed.replace(
      '</xades:QualifyingProperties>',
      `<xades:UnsignedProperties>${extra}</xades:UnsignedProperties></xades:QualifyingProperties>`,
    )
    await refusedWith(
      readTrustedList(inProperties),
      'tl.signature_scope',
      'inside the XAdES properties',
    )
    const atRoot = signed.replace(
      '</tsl:TrustServiceStatusList>',
      `${extra}</tsl:TrustServiceStatusList>`,
    )
    await refusedWith(readTrustedList(atRoot), 'tl.not_conformant', 'after the signature')
  })

  it('refuses a reference to a sub-element only', async () => {
    const xml = buildTrustedListXml().replace(
      '<tsl:SchemeInformation>',
      '<tsl:SchemeInformation Id="si">',
    )
    const partial = await signXml(xml, signer, { referenceUri: '#si', transforms: ['exc-c14n'] })
    await refusedWith(readTrustedList(partial), 'tl.signature_scope')
  })

  it('refuses a data reference without the enveloped transform or with extra transforms', async () => {
    const noEnveloped = signed.replace(
      `<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>`,
      '',
    )
    await refusedWith(readTrustedList(noEnveloped), 'tl.signature_scope')
    const withXPath = signed.replace(
      '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
      '<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"/>',
    )
    await refusedWith(readTrustedList(withXPath), 'tl.signature_scope')
  })

  it('refuses a signature that is not a child of the root', async () => {
    const { body, signature } = splitSignature(signed)
    // Extensions are open content, so the list stays conformant with the signature inside one.
    const moved = body.replace(
      '<tsl:Extension Critical="false"><tsl:AdditionalServiceInformation>',
      `<tsl:Extension Critical="false">${signature}<tsl:AdditionalServiceInformation>`,
    )
    await refusedWith(readTrustedList(moved), 'tl.signature_scope')
  })

  it('refuses a KeyInfo certificate swapped for another one', async () => {
    const swapped = signed.replace(signer.certificateBase64, other.certificateBase64)
    await refusedWith(readTrustedList(swapped), 'tl.signature_invalid')
  })

  it('checks with the certificate key only, never a KeyValue beside it', async () => {
    // Signed with `other`'s key, which KeyInfo offers as a KeyValue next to `signer`'s certificate.
    const disguised = await signXml(buildTrustedListXml(), other, {
      keyInfoCertificates: [signer.certificateBase64],
      signingCertificate: signer.certificateBase64,
      keyValue: other.publicKey,
    })
    assert.match(disguised, /KeyValue/)
    await refusedWith(readTrustedList(disguised), 'tl.signature_invalid')
  })

  it('refuses signed properties that name another certificate than the signer', async () => {
    const misnamed = await signXml(buildTrustedListXml(), signer, {
      signingCertificate: other.certificateBase64,
    })
    await assert.rejects(readTrustedList(misnamed), (error: unknown) => {
      assert.equal((error as { code?: string }).code, 'tl.signature_invalid')
      assert.match((error as Error).message, /does not name the certificate/)
      return true
    })
  })

  it('picks the signer among several KeyInfo certificates by SigningCertificate, or refuses', async () => {
    const chain = await signXml(buildTrustedListXml(), signer, {
      keyInfoCertificates: [other.certificateBase64, signer.certificateBase64],
    })
    const { signature } = await readTrustedList(chain)
    assert.deepEqual(signature.signingCertificate, signer.certificate)
    const ambiguous = chain.replace(/<xades:SigningCertificate>.*<\/xades:SigningCertificate>/s, '')
    // Removing the property breaks the signed-properties digest, but the ambiguity is found first.
    await refusedWith(readTrustedList(ambiguous), 'tl.signer_unknown')
  })

  it('refuses a signature with no certificate to name the signer', async () => {
    const { body } = splitSignature(signed)
    const signature = splitSignature(signed).signature.replace(/<ds:KeyInfo>.*<\/ds:KeyInfo>/s, '')
    const bare = body.replace(
      '</tsl:TrustServiceStatusList>',
      `${signature}</tsl:TrustServiceStatusList>`,
    )
    await refusedWith(readTrustedList(bare), 'tl.signer_unknown')
  })

  it('refuses algorithms that are not accepted', async () => {
    const sha1 = signed.replace(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    )
    await refusedWith(readTrustedList(sha1), 'tl.signature_invalid', 'rsa-sha1')
    const hmac = signed.replace(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256',
    )
    await refusedWith(readTrustedList(hmac), 'tl.signature_invalid', 'hmac')
    const filteredProperties = signed.replace(
      'Type="http://uri.etsi.org/01903#SignedProperties">',
      'Type="http://uri.etsi.org/01903#SignedProperties"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/></ds:Transforms>',
    )
    assert.notEqual(filteredProperties, signed)
    await assert.rejects(readTrustedList(filteredProperties), {
      code: 'tl.signature_invalid',
      message: /SignedProperties reference's transforms/,
    })
  })

  it('does not take signature markup in another namespace for a signature', async () => {
    const { body, signature } = splitSignature(signed)
    const fake = signature.replaceAll(DS, 'urn:not:xmldsig')
    // Where the schema puts the signature, a foreign element is not conformant...
    const atRoot = body.replace(
      '</tsl:TrustServiceStatusList>',
      `${fake}</tsl:TrustServiceStatusList>`,
    )
    await refusedWith(readTrustedList(atRoot), 'tl.not_conformant')
    // ...and in open content it is not a signature at all.
    const inExtension = body.replace(
      '<tsl:Extension Critical="false"><tsl:AdditionalServiceInformation>',
      `<tsl:Extension Critical="false">${fake}<tsl:AdditionalServiceInformation>`,
    )
    await refusedWith(readTrustedList(inExtension), 'tl.signature_missing')
  })
})
