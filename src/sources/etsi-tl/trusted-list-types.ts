// The typed form of an ETSI TS 119 612 trusted list (list formats 5 and 6), named after the standard's elements.
//
// Property names are the schema's element names in camelCase (TSLSequenceNumber becomes
// tslSequenceNumber, TSPService stays a TSPService). Nothing here is interpreted: service types,
// statuses, qualifiers and additional service information stay the URIs the list gives, and the
// parts of extensions that are open content are kept as raw elements. Dates are ISO 8601 UTC
// strings; certificates are their DER bytes.

/** A value in one language (`xml:lang`; empty when the list gives none). */
export interface MultilingualText {
  lang: string
  value: string
}

/** A trusted list or a list of trusted lists (LOTL). */
export interface TrustedList {
  /** The TSLTag attribute of the root. */
  tslTag: string
  /** The root's Id attribute, which a signature may reference. */
  id?: string
  schemeInformation: SchemeInformation
  /** TrustServiceProviderList; empty for a LOTL. */
  trustServiceProviders: TrustServiceProvider[]
}

export interface SchemeInformation {
  /** The list format: 5 (TS 119 612 v2.1–2.3) or 6 (v2.4, from April 2026). */
  tslVersionIdentifier: number
  tslSequenceNumber: number
  tslType: string
  schemeOperatorName: MultilingualText[]
  schemeName: MultilingualText[]
  schemeInformationURI: MultilingualText[]
  statusDeterminationApproach: string
  schemeTypeCommunityRules: MultilingualText[]
  schemeTerritory?: string
  historicalInformationPeriod: number
  pointersToOtherTSL: OtherTSLPointer[]
  listIssueDateTime: string
  /** NextUpdate/dateTime; absent when the list is closed (TS 119 612 clause 5.3.15). */
  nextUpdate?: string
  distributionPoints: string[]
}

/** A pointer to another list, as a LOTL gives one for each national list (XML and PDF forms). */
export interface OtherTSLPointer {
  tslLocation: string
  /** The identities announced for signing the pointed list: its signers' certificates. */
  serviceDigitalIdentities: ServiceDigitalIdentity[]
  tslType?: string
  schemeTerritory?: string
  mimeType?: string
  schemeOperatorName: MultilingualText[]
  schemeTypeCommunityRules: MultilingualText[]
  textualInformation: MultilingualText[]
  /** The mutual-recognition extension, in a pointer to a third country's list. */
  mutualRecognitionAgreementInformation?: MutualRecognitionAgreementInformation
  /** OtherInformation content not listed above, kept as it is. */
  otherInformation: RawElement[]
}

/** A ServiceDigitalIdentity: the DigitalId entries it holds, by kind. */
export interface ServiceDigitalIdentity {
  /** X509Certificate entries, as DER. */
  x509Certificates: Uint8Array[]
  x509SubjectNames: string[]
  /** X509SKI entries, as lower-case hex. */
  x509SKIs: string[]
  /** Local names of the other DigitalId entries (KeyValue, Other), which are not read further. */
  otherDigitalIds: string[]
}

export interface TrustServiceProvider {
  tspName: MultilingualText[]
  tspTradeName: MultilingualText[]
  tspInformationURI: MultilingualText[]
  /** CountryName of each PostalAddress of TSPAddress, in order. */
  tspAddressCountryNames: string[]
  tspServices: TSPService[]
}

/** What a service's current entry and each of its history instances have in common. */
export interface ServiceStatusEntry {
  serviceTypeIdentifier: string
  serviceName: MultilingualText[]
  serviceDigitalIdentity: ServiceDigitalIdentity
  serviceStatus: string
  statusStartingTime: string
  serviceInformationExtensions: ServiceInformationExtensions
}

/** A TSPService: its ServiceInformation, with the ServiceHistory that precedes it. */
export interface TSPService extends ServiceStatusEntry {
  schemeServiceDefinitionURI: MultilingualText[]
  serviceSupplyPoints: ServiceSupplyPoint[]
  tspServiceDefinitionURI: MultilingualText[]
  /** ServiceHistoryInstance entries, in list order (normally newest first). */
  serviceHistory: ServiceHistoryInstance[]
}

export type ServiceHistoryInstance = ServiceStatusEntry

export interface ServiceSupplyPoint {
  uri: string
  /** The optional `type` attribute (list format 5 since TS 119 612 v2.2). */
  type?: string
}

/** The extensions that bear on qualification, kept as the list states them. */
export interface ServiceInformationExtensions {
  qualifications: QualificationElement[]
  additionalServiceInformation: AdditionalServiceInformation[]
  takenOverBy: TakenOverBy[]
  expiredCertsRevocationInfo?: string
  /** Extensions of other kinds: their name and criticality only. */
  otherExtensions: OtherExtension[]
}

export interface QualificationElement {
  critical: boolean
  /** The `uri` of each Qualifier. */
  qualifiers: string[]
  criteriaList: CriteriaList
}

/** An ecc:CriteriaList (also the form of the MRA certificate content declarations). */
export interface CriteriaList {
  /** `all`, `atLeastOne` or `none`, as written. */
  assert?: string
  /** Each KeyUsage: its KeyUsageBit entries. */
  keyUsage: KeyUsageBit[][]
  /** Each PolicySet: the Identifier of each PolicyIdentifier. */
  policySet: string[][]
  criteriaList: CriteriaList[]
  description?: string
  /** The content of otherCriteriaList, raw. */
  otherCriteriaList: RawElement[]
}

export interface KeyUsageBit {
  name: string
  value: boolean
}

export interface AdditionalServiceInformation {
  critical: boolean
  uri: string
  lang: string
  informationValue?: string
  otherInformation: RawElement[]
}

export interface TakenOverBy {
  critical: boolean
  uri: MultilingualText
  tspName: MultilingualText[]
  schemeOperatorName: MultilingualText[]
  schemeTerritory: string
}

export interface OtherExtension {
  critical: boolean
  namespaceURI: string
  localName: string
}

/** An element kept as it is: for open content that Kakehashi does not interpret. */
export interface RawElement {
  namespaceURI: string
  localName: string
  attributes: Record<string, string>
  /** The element's own text, trimmed (empty when it only has children). */
  text: string
  children: RawElement[]
}

/** mra:MutualRecognitionAgreementInformation (EU LOTL schema v2), attributes as written. */
export interface MutualRecognitionAgreementInformation {
  technicalType: string
  version: string
  mraDepth: string
  pointingContractingPartyLegislation: string
  pointedContractingPartyLegislation: string
  trustServiceEquivalenceInformation: TrustServiceEquivalenceInformation[]
}

/** What an equivalence and each of its history instances have in common. */
export interface TrustServiceEquivalence {
  trustServiceTSLTypeEquivalenceList: {
    pointingParty: TrustServiceTSLType[]
    pointedParty: TrustServiceTSLType[]
  }
  trustServiceEquivalenceStatus: string
  trustServiceEquivalenceStatusStartingTime: string
  trustServiceTSLStatusEquivalenceList: {
    valid: StatusEquivalence
    invalid: StatusEquivalence
  }
  certificateContentReferencesEquivalenceList: CertificateContentReferenceEquivalence[]
  trustServiceTSLQualificationExtensionEquivalenceList: QualificationExtensionEquivalence[]
}

export interface TrustServiceEquivalenceInformation extends TrustServiceEquivalence {
  trustServiceLegalIdentifier: string
  trustServiceEquivalenceHistory: TrustServiceEquivalence[]
}

/** A service type, with the AdditionalServiceInformation URIs that narrow it. */
export interface TrustServiceTSLType {
  serviceTypeIdentifier: string
  additionalServiceInformation: string[]
}

/** ServiceStatus URIs of the pointing party (the EU) and of the pointed party that correspond. */
export interface StatusEquivalence {
  pointingParty: string[]
  pointedParty: string[]
}

export interface CertificateContentReferenceEquivalence {
  context: string
  pointingParty: CriteriaList
  pointedParty: CriteriaList
}

export interface QualificationExtensionEquivalence {
  namePointingParty: string
  namePointedParty: string
  /** Qualifier URIs: the pointing party's and the pointed party's equivalent. */
  qualifierEquivalence: { pointingParty: string; pointedParty: string }[]
}
