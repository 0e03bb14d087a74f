// Writes a TS 119 602 list in its XML binding (the inverse of parse-lote-xml.ts): the JSON binding's document as the XSD's elements, in the XSD's order.
//
// Built with the DOM API of @xmldom/xmldom, so every value is escaped by the serialiser, never by
// hand. The spellings are the XSD's (1960201_xsd_schema.xsd): `TEPostalAddress` is
// `PostalAddresses/PostalAddress`, `Country` is `CountryName`, `NextUpdate` is `NextUpdate/dateTime`,
// each identity of `ServiceDigitalIdentity` is one `DigitalId`, the JSON `ServiceDefinitionURI` is
// `TEServiceDefinitionURI`. Kakehashi's extensions are written in `urn:kakehashi:lote:xml` as
// parse-lote-xml.ts reads them. What this reader would not carry back is refused rather than
// dropped (`lote.not_conformant`): pointers to other lists, public keys as JWKs, extensions other
// than Kakehashi's, and text XML 1.0 cannot hold (control characters, lone surrogates), so that
// the XML form of a list never says less than its JSON form.
import { DOMImplementation, type Element, XMLSerializer } from '@xmldom/xmldom'
import { KakehashiError } from '../../errors.ts'
import { XML_NS } from '../../lib/xml/dom-access.ts'
import { KAKEHASHI_IDENTIFIERS_EXTENSION } from './lote-to-source-import.ts'
import { KAKEHASHI_EXTENSION } from './lote-uris.ts'
import { KAKEHASHI_LOTE_NS, LOTE_NS } from './parse-lote-xml.ts'
import type {
  ListAndSchemeInformation,
  LoTEDocument,
  LoTETrustedEntity,
  MultiLangString,
  ServiceDigitalIdentity,
  ServiceHistoryInstance,
  ServiceInformation,
} from './z-lote.ts'

/** TS 119 602 clause 6.2: the value of the root's `LOTETag` attribute. */
export const LOTE_TAG = 'http://uri.etsi.org/19602/LoTETag'

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
/** XML 1.0 `Char`: anything else cannot be written, escaped or not. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u

type PostalAddress = {
  lang: string
  StreetAddress: string
  Locality?: string | undefined
  StateOrProvince?: string | undefined
  PostalCode?: string | undefined
  Country: string
}
type Uri = { lang: string; uriValue: string }

/** The XML binding of `document`, unsigned, as text with an XML declaration. */
export function writeLoteXml(document: LoTEDocument): string {
  const xml = new XmlWriter()
  const root = xml.root
  root.setAttribute('LOTETag', LOTE_TAG)
  xml.schemeInformation(root, document.LoTE.ListAndSchemeInformation)
  const entities = document.LoTE.TrustedEntitiesList
  if (entities !== undefined) {
    const list = xml.add(root, 'TrustedEntitiesList')
    for (const entity of entities) xml.trustedEntity(list, entity)
  }
  return XML_DECLARATION + new XMLSerializer().serializeToString(xml.document)
}

class XmlWriter {
  readonly document = new DOMImplementation().createDocument(LOTE_NS, 'ListOfTrustedEntities', null)
  readonly root: Element

  constructor() {
    this.root = this.document.documentElement as Element
    this.root.setAttributeNS(XMLNS_NS, 'xmlns', LOTE_NS)
    this.root.setAttributeNS(XMLNS_NS, 'xmlns:k', KAKEHASHI_LOTE_NS)
  }

  add(parent: Element, name: string, text?: string, namespace = LOTE_NS): Element {
    const element = this.document.createElementNS(
      namespace,
      namespace === LOTE_NS ? name : `k:${name}`,
    )
    if (text !== undefined) element.appendChild(this.document.createTextNode(checked(text, name)))
    parent.appendChild(element)
    return element
  }

  optional(parent: Element, name: string, text: string | undefined): void {
    if (text !== undefined) this.add(parent, name, text)
  }

  withLang(element: Element, lang: string): Element {
    element.setAttributeNS(XML_NS, 'xml:lang', checked(lang, 'xml:lang'))
    return element
  }

  names(parent: Element, name: string, texts: readonly MultiLangString[]): void {
    const container = this.add(parent, name)
    for (const text of texts) this.withLang(this.add(container, 'Name', text.value), text.lang)
  }

  uris(parent: Element, name: string, items: readonly Uri[]): void {
    const container = this.add(parent, name)
    for (const item of items) this.withLang(this.add(container, 'URI', item.uriValue), item.lang)
  }

  address(parent: Element, name: string, postal: readonly PostalAddress[], electronic: Uri[]) {
    const address = this.add(parent, name)
    const addresses = this.add(address, 'PostalAddresses')
    for (const item of postal) {
      const element = this.withLang(this.add(addresses, 'PostalAddress'), item.lang)
      this.add(element, 'StreetAddress', item.StreetAddress)
      this.optional(element, 'Locality', item.Locality)
      this.optional(element, 'StateOrProvince', item.StateOrProvince)
      this.optional(element, 'PostalCode', item.PostalCode)
      this.add(element, 'CountryName', item.Country)
    }
    this.uris(address, 'ElectronicAddress', electronic)
  }

  schemeInformation(root: Element, scheme: ListAndSchemeInformation): void {
    const element = this.add(root, 'ListAndSchemeInformation')
    this.add(element, 'LoTEVersionIdentifier', String(scheme.LoTEVersionIdentifier))
    this.add(element, 'LoTESequenceNumber', String(scheme.LoTESequenceNumber))
    this.optional(element, 'LoTEType', scheme.LoTEType)
    this.names(element, 'SchemeOperatorName', scheme.SchemeOperatorName)
    const address = scheme.SchemeOperatorAddress
    if (address !== undefined) {
      this.address(
        element,
        'SchemeOperatorAddress',
        address.SchemeOperatorPostalAddress,
        address.SchemeOperatorElectronicAddress,
      )
    }
    if (scheme.SchemeName !== undefined) this.names(element, 'SchemeName', scheme.SchemeName)
    if (scheme.SchemeInformationURI !== undefined) {
      this.uris(element, 'SchemeInformationURI', scheme.SchemeInformationURI)
    }
    this.optional(element, 'StatusDeterminationApproach', scheme.StatusDeterminationApproach)
    if (scheme.SchemeTypeCommunityRules !== undefined) {
      this.uris(element, 'SchemeTypeCommunityRules', scheme.SchemeTypeCommunityRules)
    }
    this.optional(element, 'SchemeTerritory', scheme.SchemeTerritory)
    if (scheme.PolicyOrLegalNotice !== undefined) {
      this.policyOrLegalNotice(element, scheme.PolicyOrLegalNotice)
    }
    if (scheme.HistoricalInformationPeriod !== undefined) {
      this.add(element, 'HistoricalInformationPeriod', String(scheme.HistoricalInformationPeriod))
    }
    if (scheme.PointersToOtherLoTE !== undefined) {
      throw unrepresentable('PointersToOtherLoTE (the XML reader does not carry them)')
    }
    this.add(element, 'ListIssueDateTime', scheme.ListIssueDateTime)
    this.add(this.add(element, 'NextUpdate'), 'dateTime', scheme.NextUpdate)
    if (scheme.DistributionPoints !== undefined) {
      const points = this.add(element, 'DistributionPoints')
      for (const uri of scheme.DistributionPoints) this.add(points, 'URI', uri)
    }
    this.extensions(element, 'SchemeExtensions', scheme.SchemeExtensions)
  }

  /** An XSD choice: the policies or the legal notices, which the JSON form lists as items. */
  policyOrLegalNotice(parent: Element, items: readonly Record<string, unknown>[]): void {
    const policies = items.filter((item) => 'LoTEPolicy' in item)
    if (policies.length > 0 && policies.length < items.length) {
      throw unrepresentable('PolicyOrLegalNotice mixing policies and legal notices')
    }
    const element = this.add(parent, 'PolicyOrLegalNotice')
    for (const item of items) {
      if ('LoTEPolicy' in item) {
        const policy = item.LoTEPolicy as Uri
        this.withLang(this.add(element, 'LoTEPolicy', policy.uriValue), policy.lang)
      } else {
        // The JSON form's legal notice has no language; the XSD requires one.
        this.withLang(this.add(element, 'LoTELegalNotice', String(item.LoTELegalNotice)), 'en')
      }
    }
  }

  trustedEntity(parent: Element, entity: LoTETrustedEntity): void {
    const element = this.add(parent, 'TrustedEntity')
    const information = entity.TrustedEntityInformation
    const info = this.add(element, 'TrustedEntityInformation')
    this.names(info, 'TEName', information.TEName)
    if (information.TETradeName !== undefined) {
      this.names(info, 'TETradeName', information.TETradeName)
    }
    this.address(
      info,
      'TEAddress',
      information.TEAddress.TEPostalAddress,
      information.TEAddress.TEElectronicAddress,
    )
    this.uris(info, 'TEInformationURI', information.TEInformationURI)
    this.extensions(info, 'TEInformationExtensions', information.TEInformationExtensions)
    const services = this.add(element, 'TrustedEntityServices')
    for (const service of entity.TrustedEntityServices) {
      const serviceElement = this.add(services, 'TrustedEntityService')
      this.serviceInformation(serviceElement, service.ServiceInformation)
      if (service.ServiceHistory !== undefined) {
        const history = this.add(serviceElement, 'ServiceHistory')
        for (const instance of service.ServiceHistory) this.historyInstance(history, instance)
      }
    }
  }

  serviceInformation(parent: Element, information: ServiceInformation): void {
    const element = this.add(parent, 'ServiceInformation')
    this.optional(element, 'ServiceTypeIdentifier', information.ServiceTypeIdentifier)
    this.names(element, 'ServiceName', information.ServiceName)
    this.digitalIdentity(element, information.ServiceDigitalIdentity)
    this.optional(element, 'ServiceStatus', information.ServiceStatus)
    this.optional(element, 'StatusStartingTime', information.StatusStartingTime)
    if (information.SchemeServiceDefinitionURI !== undefined) {
      this.uris(element, 'SchemeServiceDefinitionURI', information.SchemeServiceDefinitionURI)
    }
    if (information.ServiceSupplyPoints !== undefined) {
      const points = this.add(element, 'ServiceSupplyPoints')
      for (const point of information.ServiceSupplyPoints) {
        const item = this.add(points, 'ServiceSupplyPoint', point.uriValue)
        if (point.ServiceType !== undefined) {
          item.setAttribute('type', checked(point.ServiceType, 'type'))
        }
      }
    }
    if (information.ServiceDefinitionURI !== undefined) {
      this.uris(element, 'TEServiceDefinitionURI', information.ServiceDefinitionURI)
    }
    this.extensions(
      element,
      'ServiceInformationExtensions',
      information.ServiceInformationExtensions,
    )
  }

  historyInstance(parent: Element, instance: ServiceHistoryInstance): void {
    const element = this.add(parent, 'ServiceHistoryInstance')
    this.optional(element, 'ServiceTypeIdentifier', instance.ServiceTypeIdentifier)
    this.names(element, 'ServiceName', instance.ServiceName)
    this.digitalIdentity(element, instance.ServiceDigitalIdentity)
    this.add(element, 'ServiceStatus', instance.ServiceStatus)
    this.add(element, 'StatusStartingTime', instance.StatusStartingTime)
    this.extensions(element, 'ServiceInformationExtensions', instance.ServiceInformationExtensions)
  }

  digitalIdentity(parent: Element, identity: ServiceDigitalIdentity): void {
    const element = this.add(parent, 'ServiceDigitalIdentity')
    if (identity.PublicKeyValues !== undefined) {
      throw unrepresentable('PublicKeyValues (JWKs have no XML form here)')
    }
    const id = (name: string, text: string) => this.add(this.add(element, 'DigitalId'), name, text)
    for (const certificate of identity.X509Certificates ?? [])
      id('X509Certificate', certificate.val)
    for (const name of identity.X509SubjectNames ?? []) id('X509SubjectName', name)
    for (const ski of identity.X509SKIs ?? []) id('X509SKI', ski)
    for (const other of identity.OtherIds ?? []) id('OtherId', other)
  }

  /** Kakehashi's extensions, the only ones a JSON document carries that the XML reader reads back. */
  extensions(parent: Element, name: string, extensions: readonly unknown[] | undefined): void {
    if (extensions === undefined) return
    const container = this.add(parent, name)
    for (const extension of extensions) {
      const element = this.add(container, 'Extension')
      element.setAttribute('Critical', 'false')
      const object = (extension ?? {}) as Record<string, unknown>
      const keys = Object.keys(object)
      if (keys.length === 1 && keys[0] === KAKEHASHI_EXTENSION) {
        this.authorisationExtension(element, object[KAKEHASHI_EXTENSION])
      } else if (keys.length === 1 && keys[0] === KAKEHASHI_IDENTIFIERS_EXTENSION) {
        this.identifiersExtension(element, object[KAKEHASHI_IDENTIFIERS_EXTENSION])
      } else {
        throw unrepresentable(`the extension ${JSON.stringify(keys)} of ${name}`)
      }
    }
  }

  authorisationExtension(parent: Element, value: unknown): void {
    const { credentialTypes, assuranceLevel, validUntil } = (value ?? {}) as {
      credentialTypes?: unknown
      assuranceLevel?: unknown
      validUntil?: unknown
    }
    const element = this.add(parent, KAKEHASHI_EXTENSION, undefined, KAKEHASHI_LOTE_NS)
    for (const type of asStrings(credentialTypes, 'credentialTypes')) {
      this.add(element, 'CredentialType', type, KAKEHASHI_LOTE_NS)
    }
    if (assuranceLevel !== undefined) {
      this.add(element, 'AssuranceLevel', asString(assuranceLevel), KAKEHASHI_LOTE_NS)
    }
    if (validUntil !== undefined) {
      this.add(element, 'ValidUntil', asString(validUntil), KAKEHASHI_LOTE_NS)
    }
  }

  identifiersExtension(parent: Element, value: unknown): void {
    if (!Array.isArray(value))
      throw unrepresentable(`${KAKEHASHI_IDENTIFIERS_EXTENSION} not a list`)
    const element = this.add(parent, KAKEHASHI_IDENTIFIERS_EXTENSION, undefined, KAKEHASHI_LOTE_NS)
    for (const item of value as { scheme?: unknown; value?: unknown }[]) {
      const identifier = this.add(element, 'Identifier', asString(item?.value), KAKEHASHI_LOTE_NS)
      identifier.setAttribute('scheme', checked(asString(item?.scheme), 'scheme'))
    }
  }
}

function checked(text: string, name: string): string {
  if (!XML_CHARS.test(text)) {
    throw new KakehashiError(
      'lote.not_conformant',
      `the value of ${name} holds characters XML 1.0 cannot carry`,
    )
  }
  return text
}

const asString = (value: unknown): string => {
  if (typeof value !== 'string') throw unrepresentable('a Kakehashi extension value not a string')
  return value
}

const asStrings = (value: unknown, name: string): string[] => {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw unrepresentable(`${name} not a list`)
  return value.map(asString)
}

const unrepresentable = (what: string) =>
  new KakehashiError('lote.not_conformant', `the XML binding cannot carry ${what}`)
