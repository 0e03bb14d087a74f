// Reads the XML binding of a TS 119 602 list of trusted entities into the JSON binding's shape, for the one schema check both share.
//
// The XSD (1960201_xsd_schema.xsd, namespace http://uri.etsi.org/019602/v1#) and the JSON schema
// describe the same list with different spellings: `PostalAddresses/PostalAddress` is
// `TEPostalAddress`, `CountryName` is `Country`, `NextUpdate/dateTime` is `NextUpdate`, a
// `DigitalId` choice is one entry of `X509Certificates`, `X509SubjectNames`, `X509SKIs`… This module
// walks the DOM from the root through direct children only, checks each element's children
// against the XSD's sequence (names, order, counts; unknown elements refused), and builds the JSON
// form, which `parseLoteDocument` then checks with every bound of the JSON binding. Values are
// passed on as written (dates too), so the XML and JSON forms of one list import the same.
// Deliberately not carried over: `PointersToOtherLoTE` (checked for structure; the import does not
// follow pointers, and the XML form has no `LoTEQualifiers` to fill the JSON's required member),
// and `ds:KeyValue` identities other than RSA (the JSON form carries JWKs; an EC `KeyValue` has no
// curve-independent mapping here), left out as the JSON import leaves out a JWK it cannot read.
// Extensions keep their criticality and name, except Kakehashi's own, which are read in full.
import type { Element } from '@xmldom/xmldom'
import {
  attribute,
  childElements,
  hasOnlyWhitespaceText,
  isNamed,
  languageOf,
} from '../../lib/xml/dom-access.ts'
import { xmlValueReader } from '../../lib/xml/read-xml-values.ts'
import { DS_NS } from '../../trust/xmldsig/xmldsig-namespaces.ts'
import { KAKEHASHI_EXTENSION } from './lote-uris.ts'

/** The namespace of the XML binding (TS 119 602 Annex B). */
export const LOTE_NS = 'http://uri.etsi.org/019602/v1#'
/** Kakehashi's own extension elements, the XML form of the JSON extensions of the same name. */
export const KAKEHASHI_LOTE_NS = 'urn:kakehashi:lote:xml'
/** Kakehashi's entity identifiers extension (the JSON form's `KakehashiIdentifiers`). */
const KAKEHASHI_IDENTIFIERS = 'KakehashiIdentifiers'

const { notConformant, textOf, readRequiredText, readInteger, readBase64 } = xmlValueReader('lote')

type Occurs = '1' | '?' | '*' | '+'
type Particle = readonly [name: string, occurs: Occurs, namespace?: string]

/**
 * Checks the children of `element` against an XSD sequence and returns them by local name.
 * Anything else is refused: an element the sequence does not have, one out of order, one too
 * many or a missing one, and text between elements.
 */
function sequence(element: Element, particles: readonly Particle[]): Map<string, Element[]> {
  const found = new Map<string, Element[]>(particles.map(([name]) => [name, []]))
  let at = 0
  for (const item of childElements(element)) {
    while (at < particles.length && !matches(item, particles[at] as Particle)) at++
    const particle = particles[at]
    if (particle === undefined) {
      throw notConformant(element, `${item.localName} is not expected here`)
    }
    const list = found.get(particle[0]) as Element[]
    list.push(item)
    if (list.length > 1 && (particle[1] === '1' || particle[1] === '?')) {
      throw notConformant(element, `more than one ${particle[0]}`)
    }
  }
  for (const [name, occurs] of particles) {
    if ((occurs === '1' || occurs === '+') && found.get(name)?.length === 0) {
      throw notConformant(element, `${name} is missing`)
    }
  }
  if (!hasOnlyWhitespaceText(element)) throw notConformant(element, 'text between elements')
  return found
}

const matches = (element: Element, [name, , namespace]: Particle): boolean =>
  isNamed(element, namespace ?? LOTE_NS, name)

/** Reads an element's children by name, after checking them against its sequence. */
function reader(element: Element, particles: readonly Particle[]) {
  const found = sequence(element, particles)
  const all = (name: string): Element[] => found.get(name) ?? []
  const one = (name: string): Element | undefined => all(name)[0]
  return { all, one, required: (name: string) => one(name) as Element }
}

/** The checked root `ListOfTrustedEntities`, as the JSON binding's payload `{ LoTE: … }`. */
export function extractLoteXml(root: Element): unknown {
  if (!isNamed(root, LOTE_NS, 'ListOfTrustedEntities')) {
    throw notConformant(root, `the root is {${root.namespaceURI}}${root.localName}`)
  }
  if (attribute(root, 'LOTETag') === undefined) throw notConformant(root, 'LOTETag is missing')
  const list = reader(root, [
    ['ListAndSchemeInformation', '1'],
    ['TrustedEntitiesList', '?'],
    ['Signature', '?', DS_NS],
  ])
  const entities = list.one('TrustedEntitiesList')
  return {
    LoTE: {
      ListAndSchemeInformation: schemeInformation(list.required('ListAndSchemeInformation')),
      ...(entities === undefined
        ? {}
        : {
            TrustedEntitiesList: reader(entities, [['TrustedEntity', '+']])
              .all('TrustedEntity')
              .map(trustedEntity),
          }),
    },
  }
}

function schemeInformation(element: Element): Record<string, unknown> {
  const scheme = reader(element, [
    ['LoTEVersionIdentifier', '1'],
    ['LoTESequenceNumber', '1'],
    ['LoTEType', '1'],
    ['SchemeOperatorName', '1'],
    ['SchemeOperatorAddress', '1'],
    ['SchemeName', '1'],
    ['SchemeInformationURI', '1'],
    ['StatusDeterminationApproach', '1'],
    ['SchemeTypeCommunityRules', '?'],
    ['SchemeTerritory', '?'],
    ['PolicyOrLegalNotice', '?'],
    ['HistoricalInformationPeriod', '?'],
    ['PointersToOtherLoTE', '?'],
    ['ListIssueDateTime', '1'],
    ['NextUpdate', '1'],
    ['DistributionPoints', '?'],
    ['SchemeExtensions', '?'],
  ])
  const text = (name: string) => optional(scheme.one(name), readRequiredText)
  const address = addressOf(scheme.required('SchemeOperatorAddress'))
  const pointers = scheme.one('PointersToOtherLoTE')
  if (pointers !== undefined) reader(pointers, [['OtherLoTEPointer', '+']])
  const nextUpdate = reader(scheme.required('NextUpdate'), [['dateTime', '?']]).one('dateTime')
  if (nextUpdate === undefined) {
    throw notConformant(scheme.required('NextUpdate'), 'a closed list (no dateTime) is not read')
  }
  return compact({
    LoTEVersionIdentifier: readInteger(scheme.required('LoTEVersionIdentifier'), 0),
    LoTESequenceNumber: readInteger(scheme.required('LoTESequenceNumber'), 1),
    LoTEType: text('LoTEType'),
    SchemeOperatorName: names(scheme.required('SchemeOperatorName')),
    SchemeOperatorAddress: {
      SchemeOperatorPostalAddress: address.postal,
      SchemeOperatorElectronicAddress: address.electronic,
    },
    SchemeName: names(scheme.required('SchemeName')),
    SchemeInformationURI: uris(scheme.required('SchemeInformationURI')),
    StatusDeterminationApproach: text('StatusDeterminationApproach'),
    SchemeTypeCommunityRules: optional(scheme.one('SchemeTypeCommunityRules'), uris),
    SchemeTerritory: text('SchemeTerritory'),
    PolicyOrLegalNotice: optional(scheme.one('PolicyOrLegalNotice'), policyOrLegalNotice),
    HistoricalInformationPeriod: optional(scheme.one('HistoricalInformationPeriod'), (e) =>
      readInteger(e, 0),
    ),
    ListIssueDateTime: text('ListIssueDateTime'),
    NextUpdate: readRequiredText(nextUpdate),
    DistributionPoints: optional(scheme.one('DistributionPoints'), (e) =>
      reader(e, [['URI', '+']])
        .all('URI')
        .map(readRequiredText),
    ),
    SchemeExtensions: optional(scheme.one('SchemeExtensions'), extensions),
  })
}

function trustedEntity(element: Element): Record<string, unknown> {
  const entity = reader(element, [
    ['TrustedEntityInformation', '1'],
    ['TrustedEntityServices', '1'],
  ])
  const information = reader(entity.required('TrustedEntityInformation'), [
    ['TEName', '1'],
    ['TETradeName', '?'],
    ['TEAddress', '1'],
    ['TEInformationURI', '1'],
    ['TEInformationExtensions', '?'],
  ])
  const address = addressOf(information.required('TEAddress'))
  return {
    TrustedEntityInformation: compact({
      TEName: names(information.required('TEName')),
      TETradeName: optional(information.one('TETradeName'), names),
      TEAddress: { TEPostalAddress: address.postal, TEElectronicAddress: address.electronic },
      TEInformationURI: uris(information.required('TEInformationURI')),
      TEInformationExtensions: optional(information.one('TEInformationExtensions'), extensions),
    }),
    TrustedEntityServices: reader(entity.required('TrustedEntityServices'), [
      ['TrustedEntityService', '+'],
    ])
      .all('TrustedEntityService')
      .map(trustedEntityService),
  }
}

function trustedEntityService(element: Element): Record<string, unknown> {
  const service = reader(element, [
    ['ServiceInformation', '1'],
    ['ServiceHistory', '?'],
  ])
  const information = reader(service.required('ServiceInformation'), [
    ['ServiceTypeIdentifier', '?'],
    ['ServiceName', '1'],
    ['ServiceDigitalIdentity', '1'],
    ['ServiceStatus', '?'],
    ['StatusStartingTime', '?'],
    ['SchemeServiceDefinitionURI', '?'],
    ['ServiceSupplyPoints', '?'],
    ['TEServiceDefinitionURI', '?'],
    ['ServiceInformationExtensions', '?'],
  ])
  const history = optional(service.one('ServiceHistory'), (e) =>
    reader(e, [['ServiceHistoryInstance', '*']])
      .all('ServiceHistoryInstance')
      .map(historyInstance),
  )
  return compact({
    ServiceInformation: compact({
      ServiceName: names(information.required('ServiceName')),
      ServiceDigitalIdentity: digitalIdentity(information.required('ServiceDigitalIdentity')),
      ServiceTypeIdentifier: optional(information.one('ServiceTypeIdentifier'), readRequiredText),
      ServiceStatus: optional(information.one('ServiceStatus'), readRequiredText),
      StatusStartingTime: optional(information.one('StatusStartingTime'), readRequiredText),
      SchemeServiceDefinitionURI: optional(information.one('SchemeServiceDefinitionURI'), uris),
      ServiceSupplyPoints: optional(information.one('ServiceSupplyPoints'), supplyPoints),
      ServiceDefinitionURI: optional(information.one('TEServiceDefinitionURI'), uris),
      ServiceInformationExtensions: optional(
        information.one('ServiceInformationExtensions'),
        extensions,
      ),
    }),
    // An empty ServiceHistory (the XSD allows it) is no history, which the JSON form says by omission.
    ServiceHistory: history === undefined || history.length === 0 ? undefined : history,
  })
}

function historyInstance(element: Element): Record<string, unknown> {
  const instance = reader(element, [
    ['ServiceTypeIdentifier', '?'],
    ['ServiceName', '1'],
    ['ServiceDigitalIdentity', '1'],
    ['ServiceStatus', '1'],
    ['StatusStartingTime', '1'],
    ['ServiceInformationExtensions', '?'],
  ])
  return compact({
    ServiceName: names(instance.required('ServiceName')),
    ServiceDigitalIdentity: digitalIdentity(instance.required('ServiceDigitalIdentity')),
    ServiceStatus: readRequiredText(instance.required('ServiceStatus')),
    StatusStartingTime: readRequiredText(instance.required('StatusStartingTime')),
    ServiceTypeIdentifier: optional(instance.one('ServiceTypeIdentifier'), readRequiredText),
    ServiceInformationExtensions: optional(
      instance.one('ServiceInformationExtensions'),
      extensions,
    ),
  })
}

/** Each `DigitalId` is a choice of one identity; the JSON form groups them by kind. */
function digitalIdentity(element: Element): Record<string, unknown> {
  const certificates: { val: string }[] = []
  const subjectNames: string[] = []
  const publicKeys: Record<string, unknown>[] = []
  const skis: string[] = []
  const otherIds: string[] = []
  for (const digitalId of reader(element, [['DigitalId', '*']]).all('DigitalId')) {
    const [choice, ...more] = childElements(digitalId)
    if (choice === undefined || more.length > 0 || !hasOnlyWhitespaceText(digitalId)) {
      throw notConformant(digitalId, 'a DigitalId holds exactly one identity')
    }
    if (isNamed(choice, LOTE_NS, 'X509Certificate')) {
      certificates.push({ val: Buffer.from(readBase64(choice)).toString('base64') })
    } else if (isNamed(choice, LOTE_NS, 'X509SubjectName')) {
      subjectNames.push(readRequiredText(choice))
    } else if (isNamed(choice, LOTE_NS, 'X509SKI')) {
      skis.push(Buffer.from(readBase64(choice)).toString('base64'))
    } else if (isNamed(choice, DS_NS, 'KeyValue')) {
      const jwk = rsaKeyValue(choice)
      if (jwk !== undefined) publicKeys.push(jwk)
    } else if (isNamed(choice, LOTE_NS, 'OtherId')) {
      otherIds.push(textOf(choice))
    } else {
      throw notConformant(digitalId, `${choice.localName} is not a digital identity`)
    }
  }
  const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined)
  return compact({
    X509Certificates: nonEmpty(certificates),
    X509SubjectNames: nonEmpty(subjectNames),
    PublicKeyValues: nonEmpty(publicKeys),
    X509SKIs: nonEmpty(skis),
    OtherIds: nonEmpty(otherIds.filter((id) => id !== '')),
  })
}

/** An XMLDSig RSAKeyValue as the JWK the JSON form would carry; other key values are left out. */
function rsaKeyValue(element: Element): Record<string, unknown> | undefined {
  const rsa = childElements(element).find((item) => isNamed(item, DS_NS, 'RSAKeyValue'))
  if (rsa === undefined) return undefined
  const parts = reader(rsa, [
    ['Modulus', '1', DS_NS],
    ['Exponent', '1', DS_NS],
  ])
  const base64url = (name: string) =>
    Buffer.from(readBase64(parts.required(name))).toString('base64url')
  return { kty: 'RSA', n: base64url('Modulus'), e: base64url('Exponent') }
}

/** A postal address list and an electronic address list (AddressType). */
function addressOf(element: Element): { postal: unknown[]; electronic: unknown[] } {
  const address = reader(element, [
    ['PostalAddresses', '1'],
    ['ElectronicAddress', '1'],
  ])
  const postal = reader(address.required('PostalAddresses'), [['PostalAddress', '+']])
    .all('PostalAddress')
    .map((item) => {
      const parts = reader(item, [
        ['StreetAddress', '1'],
        ['Locality', '1'],
        ['StateOrProvince', '?'],
        ['PostalCode', '?'],
        ['CountryName', '1'],
      ])
      const text = (name: string) => optional(parts.one(name), readRequiredText)
      return compact({
        lang: languageOf(item) ?? '',
        StreetAddress: text('StreetAddress'),
        Locality: text('Locality'),
        StateOrProvince: text('StateOrProvince'),
        PostalCode: text('PostalCode'),
        Country: text('CountryName'),
      })
    })
  return { postal, electronic: uris(address.required('ElectronicAddress')) }
}

function policyOrLegalNotice(element: Element): unknown[] {
  const notice = reader(element, [
    ['LoTEPolicy', '*'],
    ['LoTELegalNotice', '*'],
  ])
  const policies = notice.all('LoTEPolicy')
  const legal = notice.all('LoTELegalNotice')
  // An XSD choice: policies or legal notices, never both, never neither.
  if ((policies.length === 0) === (legal.length === 0)) {
    throw notConformant(element, 'expected LoTEPolicy or LoTELegalNotice elements')
  }
  return [
    ...policies.map((item) => ({ LoTEPolicy: multiLangUri(item) })),
    ...legal.map((item) => ({ LoTELegalNotice: readRequiredText(item) })),
  ]
}

function supplyPoints(element: Element): unknown[] {
  return reader(element, [['ServiceSupplyPoint', '+']])
    .all('ServiceSupplyPoint')
    .map((item) => {
      const type = attribute(item, 'type')
      return compact({ ServiceType: type, uriValue: readRequiredText(item) })
    })
}

/**
 * `Extension` elements (open content with a `Critical` flag). Kakehashi's own are read into the
 * JSON form's objects; any other keeps its name and criticality, as the JSON form keeps an object.
 */
function extensions(element: Element): unknown[] {
  return reader(element, [['Extension', '+']])
    .all('Extension')
    .map((extension) => {
      const critical = attribute(extension, 'Critical')
      if (critical === undefined) throw notConformant(extension, 'Critical is missing')
      const content = childElements(extension)
      const own = content.length === 1 ? content[0] : undefined
      if (own !== undefined && isNamed(own, KAKEHASHI_LOTE_NS, KAKEHASHI_EXTENSION)) {
        return { [KAKEHASHI_EXTENSION]: kakehashiAuthorisation(own) }
      }
      if (own !== undefined && isNamed(own, KAKEHASHI_LOTE_NS, KAKEHASHI_IDENTIFIERS)) {
        return { [KAKEHASHI_IDENTIFIERS]: kakehashiIdentifiers(own) }
      }
      return {
        Critical: critical === 'true' || critical === '1',
        Content: content.map((item) => `{${item.namespaceURI ?? ''}}${item.localName}`),
      }
    })
}

function kakehashiAuthorisation(element: Element): Record<string, unknown> {
  const parts = reader(element, [
    ['CredentialType', '*', KAKEHASHI_LOTE_NS],
    ['AssuranceLevel', '?', KAKEHASHI_LOTE_NS],
    ['ValidUntil', '?', KAKEHASHI_LOTE_NS],
  ])
  return compact({
    credentialTypes: parts.all('CredentialType').map(readRequiredText),
    assuranceLevel: optional(parts.one('AssuranceLevel'), readRequiredText),
    validUntil: optional(parts.one('ValidUntil'), readRequiredText),
  })
}

function kakehashiIdentifiers(element: Element): unknown[] {
  return reader(element, [['Identifier', '*', KAKEHASHI_LOTE_NS]])
    .all('Identifier')
    .map((item) => ({ scheme: attribute(item, 'scheme') ?? '', value: readRequiredText(item) }))
}

/** `Name` children (InternationalNamesType) as `{ lang, value }`. */
const names = (element: Element) =>
  reader(element, [['Name', '+']])
    .all('Name')
    .map((item) => ({ lang: languageOf(item) ?? '', value: readRequiredText(item) }))

/** `URI` children with `xml:lang` (NonEmptyMultiLangURIListType) as `{ lang, uriValue }`. */
const uris = (element: Element) =>
  reader(element, [['URI', '+']])
    .all('URI')
    .map(multiLangUri)

const multiLangUri = (item: Element) => ({
  lang: languageOf(item) ?? '',
  uriValue: readRequiredText(item),
})

const optional = <T>(element: Element | undefined, read: (element: Element) => T): T | undefined =>
  element === undefined ? undefined : read(element)

/** Drops the members that are undefined, as the JSON form leaves absent members out. */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
}
