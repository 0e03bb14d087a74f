// The XML binding of an export: written per the XSD, one enveloped XAdES signature over the whole list, read back as the JSON form reads.
import assert from 'node:assert/strict'
import { createPublicKey, generateKeyPairSync, webcrypto } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { DOMParser, type Element } from '@xmldom/xmldom'
import { X509CertificateGenerator } from '../../../trust/x509/x509-library.ts'
import { DS_NS, XADES_NS } from '../../../trust/xmldsig/xmldsig-namespaces.ts'
import { type ExportSigner, loadExportSigner } from '../export-signer.ts'
import { loteToSourceImport } from '../lote-to-source-import.ts'
import { KAKEHASHI_EXTENSION } from '../lote-uris.ts'
import { KAKEHASHI_LOTE_NS, LOTE_NS } from '../parse-lote-xml.ts'
import { parseLoteDocument, readLoteJws } from '../read-lote-jws.ts'
import { readLoteXml } from '../read-lote-xml.ts'
import { signLoteJws } from '../sign-lote-jws.ts'
import { signLoteXml } from '../sign-lote-xml.ts'
import { writeLoteXml } from '../write-lote-xml.ts'
import type { LoTEDocument } from '../z-lote.ts'
import { buildLote, createTestKey } from './lote-fixtures.ts'
import { withXmlRequiredMembers } from './lote-xml-fixtures.ts'

const refusedWith = (code: string) => (error: unknown) => {
  assert.equal((error as { code?: string }).code, code, (error as Error).message)
  return true
}

const importOptions = {
  sourceId: 'peer.lote',
  fetchedAt: '2026-06-01T00:00:00Z',
  frameworkId: 'eu.eudi.pid',
  assertFramework: true,
}

describe('signLoteXml', () => {
  let signer: ExportSigner
  let document: LoTEDocument
  let signed: string

  before(async () => {
    signer = await loadExportSigner({ commonName: 'XML export signer' })
    const pidCa = await createTestKey('PID CA', true)
    const wallet = await createTestKey('Wallet Provider')
    document = withXmlRequiredMembers(buildLote({ pidCa, wallet, sequence: 7 }))
    const scheme = document.LoTE.ListAndSchemeInformation
    scheme.PolicyOrLegalNotice = [{ LoTELegalNotice: 'Listed under the rules of the scheme' }]
    scheme.DistributionPoints = ['https://bridge.example/v1/registry/frameworks/x/lote?format=xml']
    const entity = document.LoTE.TrustedEntitiesList?.[0]
    if (entity === undefined) throw new Error('the fixture has an entity')
    entity.TrustedEntityInformation.TEInformationExtensions = [
      { KakehashiIdentifiers: [{ scheme: 'lei', value: 'LEIXG-5299' }] },
    ]
    const service = entity.TrustedEntityServices[0]
    if (service === undefined) throw new Error('the fixture has a service')
    service.ServiceInformation.ServiceInformationExtensions = [
      {
        [KAKEHASHI_EXTENSION]: {
          credentialTypes: ['urn:eudi:pid:1'],
          assuranceLevel: 'high',
          validUntil: '2030-01-01T00:00:00.000Z',
        },
      },
    ]
    signed = await signLoteXml(document, signer, { signingTime: new Date('2026-06-01T00:00:00Z') })
  })

  it('reads back, with the export signer configured, as the very document its JWS carries', async () => {
    const fromXml = await readLoteXml(signed, [signer.certificate])
    const fromJws = await readLoteJws(await signLoteJws(document, signer), [signer.certificate])
    assert.deepEqual(fromXml.document, parseLoteDocument(document))
    assert.deepEqual(fromXml.document, fromJws.document)
    assert.equal(fromXml.algorithm, 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256')
    assert.equal(fromXml.signer.fingerprint, signer.fingerprint)
    const xmlImport = await loteToSourceImport(fromXml, importOptions)
    const jwsImport = await loteToSourceImport(fromJws, importOptions)
    assert.deepEqual(xmlImport.content, jwsImport.content)
    assert.ok(xmlImport.content.authorisations.some((a) => a.assuranceLevel === 'high'))
  })

  it('writes the XSD namespace and order, Kakehashi extensions in their own namespace', () => {
    const root = new DOMParser().parseFromString(signed, 'text/xml').documentElement
    assert.ok(root)
    assert.equal(root.namespaceURI, LOTE_NS)
    assert.equal(root.localName, 'ListOfTrustedEntities')
    assert.equal(root.getAttribute('LOTETag'), 'http://uri.etsi.org/19602/LoTETag')
    const children = [...root.childNodes].filter((n) => n.nodeType === 1) as Element[]
    assert.deepEqual(
      children.map((c) => `${c.namespaceURI} ${c.localName}`),
      [
        `${LOTE_NS} ListAndSchemeInformation`,
        `${LOTE_NS} TrustedEntitiesList`,
        `${DS_NS} Signature`,
      ],
    )
    const scheme = children[0] as Element
    const order = ([...scheme.childNodes].filter((n) => n.nodeType === 1) as Element[]).map(
      (c) => c.localName,
    )
    assert.deepEqual(order.slice(0, 8), [
      'LoTEVersionIdentifier',
      'LoTESequenceNumber',
      'LoTEType',
      'SchemeOperatorName',
      'SchemeOperatorAddress',
      'SchemeName',
      'SchemeInformationURI',
      'StatusDeterminationApproach',
    ])
    assert.deepEqual(order.slice(-3), ['ListIssueDateTime', 'NextUpdate', 'DistributionPoints'])
    assert.equal(root.getElementsByTagNameNS(KAKEHASHI_LOTE_NS, KAKEHASHI_EXTENSION).length, 1)
    assert.equal(root.getElementsByTagNameNS(KAKEHASHI_LOTE_NS, 'KakehashiIdentifiers').length, 1)
  })

  it('carries exactly one signature: enveloped, exc-c14n, SHA-256, over the whole document, XAdES-B', () => {
    const dom = new DOMParser().parseFromString(signed, 'text/xml')
    const signatures = dom.getElementsByTagNameNS(DS_NS, 'Signature')
    assert.equal(signatures.length, 1)
    assert.equal(signatures[0]?.parentNode, dom.documentElement)
    const references = [...dom.getElementsByTagNameNS(DS_NS, 'Reference')]
    const whole = references.filter((r) => r.getAttribute('URI') === '')
    assert.equal(whole.length, 1)
    const transforms = [...(whole[0] as Element).getElementsByTagNameNS(DS_NS, 'Transform')]
    assert.deepEqual(
      transforms.map((t) => t.getAttribute('Algorithm')),
      [
        'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
        'http://www.w3.org/2001/10/xml-exc-c14n#',
      ],
    )
    for (const digest of dom.getElementsByTagNameNS(DS_NS, 'DigestMethod')) {
      assert.equal(digest.getAttribute('Algorithm'), 'http://www.w3.org/2001/04/xmlenc#sha256')
    }
    assert.equal(
      dom.getElementsByTagNameNS(DS_NS, 'CanonicalizationMethod')[0]?.getAttribute('Algorithm'),
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    )
    assert.equal(dom.getElementsByTagNameNS(XADES_NS, 'SigningCertificateV2').length, 1)
    assert.equal(
      dom.getElementsByTagNameNS(XADES_NS, 'SigningTime')[0]?.textContent?.slice(0, 10),
      '2026-06-01',
    )
    const keyInfoCertificate = dom.getElementsByTagNameNS(DS_NS, 'X509Certificate')[0]
    assert.equal(
      keyInfoCertificate?.textContent?.replace(/\s+/g, ''),
      Buffer.from(signer.certificate).toString('base64'),
    )
  })

  it('a changed value anywhere in the list breaks the signature', async () => {
    const tampered = signed.replace('<LoTESequenceNumber>7<', '<LoTESequenceNumber>8<')
    assert.notEqual(tampered, signed)
    await assert.rejects(
      readLoteXml(tampered, [signer.certificate]),
      refusedWith('lote.signature_invalid'),
    )
    const other = await loadExportSigner({ commonName: 'Another bridge' })
    await assert.rejects(
      readLoteXml(signed, [other.certificate]),
      refusedWith('lote.signer_unknown'),
    )
  })

  it('escapes markup in values through the DOM, and refuses text XML cannot carry', async () => {
    const hostile = structuredClone(document)
    const name = '</Name><Injected xmlns="x"/>&amp; "quoted" <![CDATA[x]]>'
    hostile.LoTE.ListAndSchemeInformation.SchemeOperatorName = [{ lang: 'en', value: name }]
    const read = await readLoteXml(await signLoteXml(hostile, signer), [signer.certificate])
    assert.equal(read.document.LoTE.ListAndSchemeInformation.SchemeOperatorName[0]?.value, name)
    assert.ok(!writeLoteXml(hostile).includes('<Injected'))

    const control = structuredClone(document)
    control.LoTE.ListAndSchemeInformation.SchemeOperatorName = [{ lang: 'en', value: 'a\u0001b' }]
    await assert.rejects(signLoteXml(control, signer), refusedWith('lote.not_conformant'))
  })

  it('refuses to publish what the XML binding or its reader would not carry', async () => {
    const foreign = structuredClone(document)
    foreign.LoTE.ListAndSchemeInformation.SchemeExtensions = [{ SomebodyElse: { x: 1 } }]
    const jwk = structuredClone(document)
    const identity = jwk.LoTE.TrustedEntitiesList?.[0]?.TrustedEntityServices[0]?.ServiceInformation
    if (identity === undefined) throw new Error('the fixture has a service')
    identity.ServiceDigitalIdentity.PublicKeyValues = [{ kty: 'EC', crv: 'P-256' }]
    const noAddress = structuredClone(document)
    delete noAddress.LoTE.ListAndSchemeInformation.SchemeOperatorAddress
    const emptyStreet = structuredClone(document)
    const postal = emptyStreet.LoTE.TrustedEntitiesList?.[0]?.TrustedEntityInformation.TEAddress
    if (postal?.TEPostalAddress[0] === undefined) throw new Error('the fixture has an address')
    postal.TEPostalAddress[0].StreetAddress = ''
    for (const [label, list] of Object.entries({ foreign, jwk, noAddress, emptyStreet })) {
      await assert.rejects(signLoteXml(list, signer), refusedWith('lote.not_conformant'), label)
    }
  })

  describe('with an RSA signer from files', () => {
    let dir: string
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'kakehashi-lote-xml-'))
    })
    after(() => rmSync(dir, { recursive: true, force: true }))

    it('signs with rsa-sha256, which the reader verifies', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
      const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      const keys = {
        privateKey: await webcrypto.subtle.importKey(
          'pkcs8',
          privateKey.export({ type: 'pkcs8', format: 'der' }),
          algorithm,
          true,
          ['sign'],
        ),
        publicKey: await webcrypto.subtle.importKey(
          'spki',
          createPublicKey(privateKey).export({ type: 'spki', format: 'der' }),
          algorithm,
          true,
          ['verify'],
        ),
      }
      const certificate = await X509CertificateGenerator.createSelfSigned(
        {
          serialNumber: '0a',
          name: 'CN=RSA export signer',
          notBefore: new Date('2025-01-01T00:00:00Z'),
          notAfter: new Date('2035-01-01T00:00:00Z'),
          keys: keys as never,
          signingAlgorithm: algorithm,
        },
        webcrypto,
      )
      writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }))
      writeFileSync(join(dir, 'cert.pem'), certificate.toString('pem'))
      const rsa = await loadExportSigner({
        keyPath: join(dir, 'key.pem'),
        certPath: join(dir, 'cert.pem'),
      })
      const read = await readLoteXml(await signLoteXml(document, rsa), [rsa.certificate])
      assert.equal(read.algorithm, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')
      assert.deepEqual(read.document, parseLoteDocument(document))
    })
  })
})
