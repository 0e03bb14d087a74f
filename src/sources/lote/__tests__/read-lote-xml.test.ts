// The XML binding of a LoTE: read to the same list as its JSON form, and every attack refused with its own code.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import {
  createTestSigner,
  type TestSigner,
} from '../../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'
import { loteToSourceImport } from '../lote-to-source-import.ts'
import { KAKEHASHI_EXTENSION, SERVICE_TYPES } from '../lote-uris.ts'
import { isXmlContent, readLote } from '../read-lote.ts'
import { parseLoteDocument, readLoteJws } from '../read-lote-jws.ts'
import { readLoteXml } from '../read-lote-xml.ts'
import type { LoTEDocument } from '../z-lote.ts'
import { buildLote, createTestKey, signPayload } from './lote-fixtures.ts'
import { loteToXml, signLoteXml, withXmlRequiredMembers } from './lote-xml-fixtures.ts'

const refusedWith = (code: string) => (error: unknown) => {
  assert.equal((error as { code?: string }).code, code, (error as Error).message)
  return true
}

const importOptions = {
  sourceId: 'test.lote',
  fetchedAt: '2026-06-01T00:00:00Z',
  frameworkId: 'eu.eudi.pid',
  assertFramework: true,
}

describe('readLoteXml', () => {
  let operator: TestSigner
  let other: TestSigner
  let document: LoTEDocument
  let signed: string

  before(async () => {
    operator = await createTestSigner('LoTE Scheme Operator', 'ecdsa')
    other = await createTestSigner('Somebody Else', 'ecdsa')
    const pidCa = await createTestKey('PID CA', true)
    const wallet = await createTestKey('Wallet Provider')
    document = withXmlRequiredMembers(buildLote({ pidCa, wallet, sequence: 4 }))
    const pidService = document.LoTE.TrustedEntitiesList?.[0]?.TrustedEntityServices[0]
    if (pidService === undefined) throw new Error('the fixture has a PID service')
    pidService.ServiceInformation.ServiceInformationExtensions = [
      { [KAKEHASHI_EXTENSION]: { credentialTypes: ['urn:eudi:pid:1'], assuranceLevel: 'high' } },
    ]
    signed = await signLoteXml(loteToXml(document), operator)
  })

  it('reads a signed XML LoTE into the document its JSON form carries', async () => {
    const verified = await readLoteXml(signed, [other.certificate, operator.certificate])
    assert.deepEqual(verified.document, parseLoteDocument(document))
    assert.equal(verified.document.LoTE.ListAndSchemeInformation.LoTESequenceNumber, 4)
    assert.deepEqual(Buffer.from(verified.signer.der), Buffer.from(operator.certificate))
    assert.match(verified.signer.subject, /LoTE Scheme Operator/)
    assert.equal(verified.algorithm, 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256')
    assert.match(verified.digest, /^[0-9a-f]{64}$/)
  })

  it('imports the XML and the JSON form of one list to the same registry content', async () => {
    const jws = await signPayload(document, operator)
    const fromJson = await loteToSourceImport(
      await readLoteJws(jws, [operator.certificate]),
      importOptions,
    )
    const fromXml = await loteToSourceImport(
      await readLoteXml(signed, [operator.certificate]),
      importOptions,
    )
    assert.deepEqual(fromXml.content, fromJson.content)
    assert.deepEqual(fromXml.source, fromJson.source)
    assert.equal(fromXml.version.sequenceNumber, fromJson.version.sequenceNumber)
    const pid = fromXml.content.authorisations.find(
      (authorisation) => authorisation.trustService?.serviceType === SERVICE_TYPES.pidIssuance,
    )
    assert.equal(pid?.assuranceLevel, 'high')
    assert.ok(fromXml.content.identities.length >= 2)
  })

  it('tells the bindings apart by their first character', async () => {
    const jws = await signPayload(document, operator)
    assert.equal(isXmlContent(Buffer.from(`\ufeff \n${signed}`)), true)
    assert.equal(isXmlContent(Buffer.from(jws)), false)
    const [xml, json] = await Promise.all([
      readLote(Buffer.from(`\ufeff${signed}`), [operator.certificate]),
      readLote(Buffer.from(jws), [operator.certificate]),
    ])
    assert.deepEqual(xml.document, json.document)
  })

  it('refuses a DOCTYPE and entities before parsing', async () => {
    const xxe = signed.replace(
      '<ListOfTrustedEntities',
      '<!DOCTYPE ListOfTrustedEntities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<ListOfTrustedEntities',
    )
    await assert.rejects(
      readLoteXml(xxe, [operator.certificate]),
      refusedWith('lote.doctype_refused'),
    )
  })

  it('refuses a list signed by a certificate that is not configured', async () => {
    await assert.rejects(
      readLoteXml(await signLoteXml(loteToXml(document), other), [operator.certificate]),
      refusedWith('lote.signer_unknown'),
    )
    await assert.rejects(readLoteXml(signed, []), refusedWith('lote.signer_unknown'))
  })

  it('refuses a list changed after signing', async () => {
    const tampered = signed.replace('Test Wallet Provider', 'Evil Wallet Provider')
    assert.notEqual(tampered, signed)
    await assert.rejects(
      readLoteXml(tampered, [operator.certificate]),
      refusedWith('lote.signature_invalid'),
    )
  })

  it('refuses an unsigned list and a list with a second signature', async () => {
    await assert.rejects(
      readLoteXml(loteToXml(document), [operator.certificate]),
      refusedWith('lote.signature_missing'),
    )
    await assert.rejects(
      readLoteXml(await signLoteXml(signed, operator), [operator.certificate]),
      refusedWith('lote.signature_multiple'),
    )
  })

  it('refuses a signature over a part of the list only (signature wrapping)', async () => {
    const partial = await signLoteXml(
      loteToXml(document, { entitiesListAttributes: ' Id="entities"' }),
      operator,
      { referenceUri: '#entities' },
    )
    await assert.rejects(
      readLoteXml(partial, [operator.certificate]),
      refusedWith('lote.signature_scope'),
    )
    // The signed list moved into the signature, a forged one put in its place.
    const smuggled = signed.replace(
      /(<ds:Object[^>]*>)/,
      '$1<ListAndSchemeInformation xmlns="http://uri.etsi.org/019602/v1#"/>',
    )
    assert.notEqual(smuggled, signed)
    await assert.rejects(
      readLoteXml(smuggled, [operator.certificate]),
      refusedWith('lote.signature_scope'),
    )
  })

  it('refuses oversize, over-deep and malformed input', async () => {
    await assert.rejects(
      readLoteXml(signed, [operator.certificate], { maxBytes: 1024 }),
      refusedWith('lote.too_large'),
    )
    await assert.rejects(
      readLoteXml(signed, [operator.certificate], { maxDepth: 4 }),
      refusedWith('lote.too_deep'),
    )
    await assert.rejects(
      readLoteXml('<ListOfTrustedEntities>', [operator.certificate]),
      refusedWith('lote.not_xml'),
    )
    await assert.rejects(
      readLote(Buffer.from(signed), [operator.certificate], { maxBytes: 1024 }),
      refusedWith('lote.too_large'),
    )
  })

  it('refuses, signed or not, what the XSD does not allow', async () => {
    const cases: [string, string][] = [
      ['<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#"/>', 'not a LoTE root'],
      [
        loteToXml(document, { appendToRoot: '<Unexpected/>' }),
        'an element the sequence does not have',
      ],
      [
        loteToXml(document).replace(/<SchemeName>.*?<\/SchemeName>/, ''),
        'a missing required element',
      ],
      [loteToXml(document).replace(/<dateTime>[^<]*<\/dateTime>/, ''), 'a closed list'],
      [
        loteToXml(document).replace(/<LoTESequenceNumber>4</, '<LoTESequenceNumber>four<'),
        'a sequence number that is not an integer',
      ],
    ]
    for (const [xml, what] of cases) {
      await assert.rejects(
        readLoteXml(await signLoteXml(xml, operator), [operator.certificate]),
        refusedWith('lote.not_conformant'),
        what,
      )
    }
  })
})
