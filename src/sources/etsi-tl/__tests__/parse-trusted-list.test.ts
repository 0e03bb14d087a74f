// Parsing generated lists: every field the registry needs, namespaces by URI, conformance refusals.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseTrustedList } from '../parse-trusted-list.ts'
import { buildTrustedListXml, CA_QC, EU_LOTL_TYPE, GRANTED } from './list-fixtures.ts'

const refusedWith = (code: string) => (error: unknown) => {
  assert.equal((error as { code?: string }).code, code, (error as Error).message)
  return true
}

describe('parseTrustedList', () => {
  it('reads the scheme information', () => {
    const { schemeInformation, tslTag, id } = parseTrustedList(buildTrustedListXml())
    assert.equal(tslTag, 'http://uri.etsi.org/19612/TSLTag')
    assert.equal(id, 'tl-root')
    assert.equal(schemeInformation.tslVersionIdentifier, 6)
    assert.equal(schemeInformation.tslSequenceNumber, 7)
    assert.equal(schemeInformation.schemeTerritory, 'ZZ')
    assert.deepEqual(schemeInformation.schemeOperatorName, [
      { lang: 'en', value: 'Test Scheme Operator' },
      { lang: 'ja', value: '試験スキーム運営者' },
    ])
    assert.deepEqual(schemeInformation.schemeInformationURI, [
      { lang: 'en', value: 'https://tl.example.org/info' },
    ])
    assert.equal(schemeInformation.listIssueDateTime, '2026-01-01T00:00:00.000Z')
    assert.equal(schemeInformation.nextUpdate, '2026-07-01T00:00:00.000Z')
    assert.deepEqual(schemeInformation.distributionPoints, ['https://tl.example.org/tl.xml'])
    assert.equal(schemeInformation.historicalInformationPeriod, 65535)
  })

  it('reads each TSP and TSPService with its identity, extensions and history', () => {
    const [tsp] = parseTrustedList(buildTrustedListXml()).trustServiceProviders
    assert.ok(tsp)
    assert.deepEqual(
      tsp.tspName.map((name) => name.value),
      ['Test TSP', '試験認証局'],
    )
    assert.deepEqual(tsp.tspTradeName, [{ lang: 'en', value: 'VATZZ-12345' }])
    assert.deepEqual(tsp.tspAddressCountryNames, ['ZZ'])
    assert.deepEqual(tsp.tspInformationURI, [{ lang: 'en', value: 'https://tsp.example.org/cps' }])
    const [service] = tsp.tspServices
    assert.ok(service)
    assert.equal(service.serviceTypeIdentifier, CA_QC)
    assert.equal(service.serviceStatus, GRANTED)
    assert.equal(service.statusStartingTime, '2025-06-01T00:00:00.000Z')
    const identity = service.serviceDigitalIdentity
    assert.equal(
      Buffer.from(identity.x509Certificates[0] ?? []).toString(),
      'test service certificate',
    )
    assert.deepEqual(identity.x509SubjectNames, ['CN=Test Qualified CA, C=ZZ'])
    assert.deepEqual(identity.x509SKIs, ['01020304'])
    assert.deepEqual(service.serviceSupplyPoints, [
      {
        uri: 'http://ocsp.example.org',
        type: 'http://uri.etsi.org/TrstSvc/Svctype/Certstatus/OCSP/QC',
      },
    ])
    const extensions = service.serviceInformationExtensions
    assert.deepEqual(extensions.qualifications, [
      {
        critical: true,
        qualifiers: ['http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCWithQSCD'],
        criteriaList: {
          assert: 'atLeastOne',
          keyUsage: [[{ name: 'nonRepudiation', value: true }]],
          policySet: [['urn:oid:0.4.0.194112.1.2']],
          criteriaList: [],
          otherCriteriaList: [
            {
              namespaceURI: 'http://uri.etsi.org/02231/v2/additionaltypes#',
              localName: 'ExtendedKeyUsage',
              attributes: {},
              text: '',
              children: [
                {
                  namespaceURI: 'http://uri.etsi.org/02231/v2/additionaltypes#',
                  localName: 'KeyPurposeId',
                  attributes: {},
                  text: '',
                  children: [
                    {
                      namespaceURI: 'http://uri.etsi.org/01903/v1.3.2#',
                      localName: 'Identifier',
                      attributes: { Qualifier: 'OIDAsURN' },
                      text: 'urn:oid:1.3.6.1.5.5.7.3.4',
                      children: [],
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    ])
    assert.deepEqual(extensions.additionalServiceInformation, [
      {
        critical: false,
        uri: 'http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures',
        lang: 'en',
        otherInformation: [],
      },
    ])
    assert.equal(extensions.takenOverBy[0]?.uri.value, 'https://old-tsp.example.org')
    assert.equal(extensions.takenOverBy[0]?.schemeTerritory, 'ZZ')
    assert.deepEqual(extensions.otherExtensions, [
      { critical: true, namespaceURI: 'urn:example:unknown', localName: 'Unknown' },
    ])
    assert.equal(service.serviceHistory.length, 1)
    assert.equal(
      service.serviceHistory[0]?.serviceStatus,
      'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited',
    )
    assert.equal(service.serviceHistory[0]?.statusStartingTime, '2016-06-30T22:00:00.000Z')
  })

  it('finds elements by namespace URI, whatever the prefix', () => {
    const prefixed = buildTrustedListXml()
    const renamed = prefixed.replaceAll('tsl:', 'x:').replace('xmlns:tsl=', 'xmlns:x=')
    const unprefixed = prefixed.replaceAll('tsl:', '').replace('xmlns:tsl=', 'xmlns=')
    const expected = parseTrustedList(prefixed)
    assert.deepEqual(parseTrustedList(renamed), expected)
    assert.deepEqual(parseTrustedList(unprefixed), expected)
    // The right local names in the wrong namespace are not a trusted list.
    const foreign = prefixed.replace('http://uri.etsi.org/02231/v2#', 'urn:not:etsi')
    assert.throws(() => parseTrustedList(foreign), refusedWith('tl.not_conformant'))
  })

  it('reads a LOTL: pointers with their announced certificates and additional information', () => {
    const certificate = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])
    const lotl = parseTrustedList(
      buildTrustedListXml({
        territory: 'EU',
        tslType: EU_LOTL_TYPE,
        withoutProviders: true,
        pointers: [
          {
            territory: 'ZZ',
            location: 'https://tl.example.org/zz.xml',
            certificates: [certificate],
          },
        ],
      }),
    )
    assert.deepEqual(lotl.trustServiceProviders, [])
    const [pointer] = lotl.schemeInformation.pointersToOtherTSL
    assert.equal(pointer?.tslLocation, 'https://tl.example.org/zz.xml')
    assert.equal(pointer?.schemeTerritory, 'ZZ')
    assert.equal(pointer?.mimeType, 'application/vnd.etsi.tsl+xml')
    assert.deepEqual(pointer?.schemeOperatorName, [{ lang: 'en', value: 'ZZ operator' }])
    assert.deepEqual(pointer?.serviceDigitalIdentities[0]?.x509Certificates, [certificate])
  })

  it('reads a closed list: no NextUpdate dateTime, or a nil one', () => {
    const closed = parseTrustedList(buildTrustedListXml({ nextUpdate: null }))
    assert.equal(closed.schemeInformation.nextUpdate, undefined)
    const nil = buildTrustedListXml({ nextUpdate: null }).replace(
      '<tsl:NextUpdate></tsl:NextUpdate>',
      '<tsl:NextUpdate><tsl:dateTime xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></tsl:NextUpdate>',
    )
    assert.equal(parseTrustedList(nil).schemeInformation.nextUpdate, undefined)
  })

  it('refuses lists that depart from the schema (tl.not_conformant)', () => {
    const xml = buildTrustedListXml()
    const broken: Record<string, string> = {
      'a missing mandatory element': xml.replace(/<tsl:SchemeName>.*?<\/tsl:SchemeName>/s, ''),
      'elements out of order': xml.replace(
        '<tsl:TSLVersionIdentifier>6</tsl:TSLVersionIdentifier>\n    <tsl:TSLSequenceNumber>7</tsl:TSLSequenceNumber>',
        '<tsl:TSLSequenceNumber>7</tsl:TSLSequenceNumber><tsl:TSLVersionIdentifier>6</tsl:TSLVersionIdentifier>',
      ),
      'a repeated element': xml.replace(
        '<tsl:SchemeTerritory>ZZ</tsl:SchemeTerritory>',
        '<tsl:SchemeTerritory>ZZ</tsl:SchemeTerritory><tsl:SchemeTerritory>ZY</tsl:SchemeTerritory>',
      ),
      'two provider lists': xml.replace(
        '</tsl:TrustServiceStatusList>',
        '<tsl:TrustServiceProviderList/></tsl:TrustServiceStatusList>',
      ),
      'an unsupported list format': buildTrustedListXml({ version: 4 }),
      'a date without a time zone': xml.replace('2026-01-01T00:00:00Z', '2026-01-01T00:00:00'),
      'a sequence number that is not an integer': buildTrustedListXml().replace(
        '<tsl:TSLSequenceNumber>7<',
        '<tsl:TSLSequenceNumber>7.5<',
      ),
      'base64 with stray characters': xml.replace('AQIDBA==', 'AQID*A=='),
      'text where elements belong': xml.replace(
        '<tsl:SchemeInformation>',
        '<tsl:SchemeInformation>x',
      ),
      'no TSLTag': xml.replace('TSLTag="http://uri.etsi.org/19612/TSLTag"', ''),
    }
    for (const [what, list] of Object.entries(broken)) {
      assert.throws(() => parseTrustedList(list), refusedWith('tl.not_conformant'), what)
    }
  })
})
