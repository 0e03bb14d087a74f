// Builds small trusted lists and LOTLs and signs them with test keys (xadesjs), so attacks need no corpus.
export {
  createTestSigner,
  type SignOptions,
  signXml,
  type TestSigner,
} from '../../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'

export const EU_GENERIC = 'http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric'
export const EU_LOTL_TYPE = 'http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists'
export const GRANTED = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted'
export const WITHDRAWN = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn'
export const CA_QC = 'http://uri.etsi.org/TrstSvc/Svctype/CA/QC'

export interface PointerFixture {
  territory: string
  location: string
  certificates: Uint8Array[]
  mimeType?: string
  tslType?: string
}

export interface ListFixture {
  territory?: string
  sequence?: number
  version?: number
  tslType?: string
  /** NextUpdate/dateTime; null for a closed list. */
  nextUpdate?: string | null
  rootId?: string
  serviceStatus?: string
  pointers?: PointerFixture[]
  /** No TrustServiceProviderList (a LOTL). */
  withoutProviders?: boolean
  /** Markup added at the end of SchemeInformation's siblings, inside the root. */
  afterProviders?: string
}

const PREFIXES = [
  'xmlns:tsl="http://uri.etsi.org/02231/v2#"',
  'xmlns:tslx="http://uri.etsi.org/02231/v2/additionaltypes#"',
  'xmlns:ecc="http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"',
  'xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"',
].join(' ')

/** A conformant list, with `tsl:` prefixes (the real lists mostly use a default namespace). */
export function buildTrustedListXml(fixture: ListFixture = {}): string {
  const territory = fixture.territory ?? 'ZZ'
  const nextUpdate =
    fixture.nextUpdate === null
      ? ''
      : `<tsl:dateTime>${fixture.nextUpdate ?? '2026-07-01T00:00:00Z'}</tsl:dateTime>`
  const pointers =
    fixture.pointers === undefined
      ? ''
      : `<tsl:PointersToOtherTSL>${fixture.pointers.map(pointerXml).join('')}</tsl:PointersToOtherTSL>`
  return `<?xml version="1.0" encoding="UTF-8"?>
<tsl:TrustServiceStatusList ${PREFIXES} TSLTag="http://uri.etsi.org/19612/TSLTag" Id="${fixture.rootId ?? 'tl-root'}">
  <tsl:SchemeInformation>
    <tsl:TSLVersionIdentifier>${fixture.version ?? 6}</tsl:TSLVersionIdentifier>
    <tsl:TSLSequenceNumber>${fixture.sequence ?? 7}</tsl:TSLSequenceNumber>
    <tsl:TSLType>${fixture.tslType ?? EU_GENERIC}</tsl:TSLType>
    <tsl:SchemeOperatorName>
      <tsl:Name xml:lang="en">Test Scheme Operator</tsl:Name>
      <tsl:Name xml:lang="ja">試験スキーム運営者</tsl:Name>
    </tsl:SchemeOperatorName>
    <tsl:SchemeOperatorAddress>
      <tsl:PostalAddresses>
        <tsl:PostalAddress xml:lang="en"><tsl:StreetAddress>1 Test Street</tsl:StreetAddress><tsl:Locality>Testville</tsl:Locality><tsl:CountryName>${territory}</tsl:CountryName></tsl:PostalAddress>
      </tsl:PostalAddresses>
      <tsl:ElectronicAddress><tsl:URI xml:lang="en">mailto:tl@example.org</tsl:URI></tsl:ElectronicAddress>
    </tsl:SchemeOperatorAddress>
    <tsl:SchemeName><tsl:Name xml:lang="en">${territory}: test trusted list</tsl:Name></tsl:SchemeName>
    <tsl:SchemeInformationURI><tsl:URI xml:lang="en">https://tl.example.org/info</tsl:URI></tsl:SchemeInformationURI>
    <tsl:StatusDeterminationApproach>http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate</tsl:StatusDeterminationApproach>
    <tsl:SchemeTypeCommunityRules><tsl:URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon</tsl:URI></tsl:SchemeTypeCommunityRules>
    <tsl:SchemeTerritory>${territory}</tsl:SchemeTerritory>
    <tsl:PolicyOrLegalNotice><tsl:TSLLegalNotice xml:lang="en">For tests only.</tsl:TSLLegalNotice></tsl:PolicyOrLegalNotice>
    <tsl:HistoricalInformationPeriod>65535</tsl:HistoricalInformationPeriod>
    ${pointers}
    <tsl:ListIssueDateTime>2026-01-01T00:00:00Z</tsl:ListIssueDateTime>
    <tsl:NextUpdate>${nextUpdate}</tsl:NextUpdate>
    <tsl:DistributionPoints><tsl:URI>https://tl.example.org/tl.xml</tsl:URI></tsl:DistributionPoints>
  </tsl:SchemeInformation>
  ${fixture.withoutProviders ? '' : providersXml(fixture.serviceStatus ?? GRANTED)}${fixture.afterProviders ?? ''}
</tsl:TrustServiceStatusList>
`
}

function pointerXml(pointer: PointerFixture): string {
  const identities = pointer.certificates
    .map(
      (der) =>
        `<tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>${Buffer.from(der).toString('base64')}</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>`,
    )
    .join('')
  return `<tsl:OtherTSLPointer>
      <tsl:ServiceDigitalIdentities>${identities}</tsl:ServiceDigitalIdentities>
      <tsl:TSLLocation>${pointer.location}</tsl:TSLLocation>
      <tsl:AdditionalInformation>
        <tsl:OtherInformation><tsl:TSLType>${pointer.tslType ?? EU_GENERIC}</tsl:TSLType></tsl:OtherInformation>
        <tsl:OtherInformation><tsl:SchemeTerritory>${pointer.territory}</tsl:SchemeTerritory></tsl:OtherInformation>
        <tsl:OtherInformation><tslx:MimeType>${pointer.mimeType ?? 'application/vnd.etsi.tsl+xml'}</tslx:MimeType></tsl:OtherInformation>
        <tsl:OtherInformation><tsl:SchemeOperatorName><tsl:Name xml:lang="en">${pointer.territory} operator</tsl:Name></tsl:SchemeOperatorName></tsl:OtherInformation>
      </tsl:AdditionalInformation>
    </tsl:OtherTSLPointer>`
}

/** One TSP with one qualified CA service (with every extension kind) and one history instance. */
function providersXml(status: string): string {
  // Parsing keeps a service's certificate as bytes without decoding it, so any bytes will do here.
  const serviceCertificate = Buffer.from('test service certificate').toString('base64')
  return `<tsl:TrustServiceProviderList>
    <tsl:TrustServiceProvider>
      <tsl:TSPInformation>
        <tsl:TSPName><tsl:Name xml:lang="en">Test TSP</tsl:Name><tsl:Name xml:lang="ja">試験認証局</tsl:Name></tsl:TSPName>
        <tsl:TSPTradeName><tsl:Name xml:lang="en">VATZZ-12345</tsl:Name></tsl:TSPTradeName>
        <tsl:TSPAddress>
          <tsl:PostalAddresses><tsl:PostalAddress xml:lang="en"><tsl:StreetAddress>2 Test Street</tsl:StreetAddress><tsl:Locality>Testville</tsl:Locality><tsl:CountryName>ZZ</tsl:CountryName></tsl:PostalAddress></tsl:PostalAddresses>
          <tsl:ElectronicAddress><tsl:URI xml:lang="en">https://tsp.example.org</tsl:URI></tsl:ElectronicAddress>
        </tsl:TSPAddress>
        <tsl:TSPInformationURI><tsl:URI xml:lang="en">https://tsp.example.org/cps</tsl:URI></tsl:TSPInformationURI>
      </tsl:TSPInformation>
      <tsl:TSPServices>
        <tsl:TSPService>
          <tsl:ServiceInformation>
            <tsl:ServiceTypeIdentifier>${CA_QC}</tsl:ServiceTypeIdentifier>
            <tsl:ServiceName><tsl:Name xml:lang="en">Test Qualified CA</tsl:Name></tsl:ServiceName>
            <tsl:ServiceDigitalIdentity>
              <tsl:DigitalId><tsl:X509Certificate>${serviceCertificate}</tsl:X509Certificate></tsl:DigitalId>
              <tsl:DigitalId><tsl:X509SubjectName>CN=Test Qualified CA, C=ZZ</tsl:X509SubjectName></tsl:DigitalId>
              <tsl:DigitalId><tsl:X509SKI>AQIDBA==</tsl:X509SKI></tsl:DigitalId>
            </tsl:ServiceDigitalIdentity>
            <tsl:ServiceStatus>${status}</tsl:ServiceStatus>
            <tsl:StatusStartingTime>2025-06-01T00:00:00Z</tsl:StatusStartingTime>
            <tsl:ServiceSupplyPoints><tsl:ServiceSupplyPoint type="http://uri.etsi.org/TrstSvc/Svctype/Certstatus/OCSP/QC">http://ocsp.example.org</tsl:ServiceSupplyPoint></tsl:ServiceSupplyPoints>
            <tsl:ServiceInformationExtensions>
              <tsl:Extension Critical="true">
                <ecc:Qualifications><ecc:QualificationElement>
                  <ecc:Qualifiers><ecc:Qualifier uri="http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCWithQSCD"/></ecc:Qualifiers>
                  <ecc:CriteriaList assert="atLeastOne">
                    <ecc:KeyUsage><ecc:KeyUsageBit name="nonRepudiation">true</ecc:KeyUsageBit></ecc:KeyUsage>
                    <ecc:PolicySet><ecc:PolicyIdentifier><xades:Identifier Qualifier="OIDAsURN">urn:oid:0.4.0.194112.1.2</xades:Identifier></ecc:PolicyIdentifier></ecc:PolicySet>
                    <ecc:otherCriteriaList><tslx:ExtendedKeyUsage><tslx:KeyPurposeId><xades:Identifier Qualifier="OIDAsURN">urn:oid:1.3.6.1.5.5.7.3.4</xades:Identifier></tslx:KeyPurposeId></tslx:ExtendedKeyUsage></ecc:otherCriteriaList>
                  </ecc:CriteriaList>
                </ecc:QualificationElement></ecc:Qualifications>
              </tsl:Extension>
              <tsl:Extension Critical="false"><tsl:AdditionalServiceInformation><tsl:URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures</tsl:URI></tsl:AdditionalServiceInformation></tsl:Extension>
              <tsl:Extension Critical="false"><tslx:TakenOverBy><tslx:URI xml:lang="en">https://old-tsp.example.org</tslx:URI><tslx:TSPName><tsl:Name xml:lang="en">Old TSP</tsl:Name></tslx:TSPName><tsl:SchemeOperatorName><tsl:Name xml:lang="en">Test Scheme Operator</tsl:Name></tsl:SchemeOperatorName><tsl:SchemeTerritory>ZZ</tsl:SchemeTerritory></tslx:TakenOverBy></tsl:Extension>
              <tsl:Extension Critical="true"><x:Unknown xmlns:x="urn:example:unknown">?</x:Unknown></tsl:Extension>
            </tsl:ServiceInformationExtensions>
          </tsl:ServiceInformation>
          <tsl:ServiceHistory>
            <tsl:ServiceHistoryInstance>
              <tsl:ServiceTypeIdentifier>${CA_QC}</tsl:ServiceTypeIdentifier>
              <tsl:ServiceName><tsl:Name xml:lang="en">Test Qualified CA</tsl:Name></tsl:ServiceName>
              <tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509SKI>AQIDBA==</tsl:X509SKI></tsl:DigitalId></tsl:ServiceDigitalIdentity>
              <tsl:ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited</tsl:ServiceStatus>
              <tsl:StatusStartingTime>2016-07-01T00:00:00+02:00</tsl:StatusStartingTime>
            </tsl:ServiceHistoryInstance>
          </tsl:ServiceHistory>
        </tsl:TSPService>
      </tsl:TSPServices>
    </tsl:TrustServiceProvider>
  </tsl:TrustServiceProviderList>`
}
