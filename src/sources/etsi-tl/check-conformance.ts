// Checks a trusted list's structure against the content models of the TS 119 612 schema, before its signature.
//
// No XSD validator runs in this process, so the sequences the schema prescribes for the elements
// Kakehashi reads (the root, SchemeInformation, the pointers, the TSP list down to each service and
// its history) are written out here from the v2.4.1 XSD, which list formats 5 and 6 share, and
// each element's children are matched against them: order, presence and count. Extensions are
// open content and are not checked. A list that fails is refused with `tl.not_conformant`, whatever
// its signature: the check is cheap, runs first, and names the element at fault. The list format
// (TSLVersionIdentifier) must be 5 or 6, the two this reader knows.
import type { Document, Element } from '@xmldom/xmldom'
import { DS_NS, TSL_NS } from './namespaces.ts'
import {
  attribute,
  childElements,
  hasOnlyWhitespaceText,
  isNamed,
  notConformant,
  requiredChild,
  textOf,
} from './xml-readers.ts'

/** The list formats (TSLVersionIdentifier) this reader knows: TS 119 612 v2.1–v2.3 and v2.4. */
export const SUPPORTED_TSL_VERSIONS: readonly number[] = [5, 6]

interface Particle {
  namespace: string
  name: string
  min: 0 | 1
  max: 1 | typeof Number.POSITIVE_INFINITY
}

const one = (name: string, namespace = TSL_NS): Particle => ({ namespace, name, min: 1, max: 1 })
const optional = (name: string, namespace = TSL_NS): Particle => ({
  namespace,
  name,
  min: 0,
  max: 1,
})
const oneOrMore = (name: string): Particle => ({
  namespace: TSL_NS,
  name,
  min: 1,
  max: Number.POSITIVE_INFINITY,
})
const any = (name: string): Particle => ({
  namespace: TSL_NS,
  name,
  min: 0,
  max: Number.POSITIVE_INFINITY,
})

/** Content models by local name (all in the TSL namespace), transcribed from the XSD. */
const contentModels: Record<string, Particle[]> = {
  TrustServiceStatusList: [
    one('SchemeInformation'),
    optional('TrustServiceProviderList'),
    // The schema allows one signature; how many there are is the signature check's question,
    // answered with its own codes (`tl.signature_missing`, `tl.signature_multiple`).
    { namespace: DS_NS, name: 'Signature', min: 0, max: Number.POSITIVE_INFINITY },
  ],
  SchemeInformation: [
    one('TSLVersionIdentifier'),
    one('TSLSequenceNumber'),
    one('TSLType'),
    one('SchemeOperatorName'),
    one('SchemeOperatorAddress'),
    one('SchemeName'),
    one('SchemeInformationURI'),
    one('StatusDeterminationApproach'),
    optional('SchemeTypeCommunityRules'),
    optional('SchemeTerritory'),
    optional('PolicyOrLegalNotice'),
    one('HistoricalInformationPeriod'),
    optional('PointersToOtherTSL'),
    one('ListIssueDateTime'),
    one('NextUpdate'),
    optional('DistributionPoints'),
    optional('SchemeExtensions'),
  ],
  SchemeOperatorName: [oneOrMore('Name')],
  SchemeName: [oneOrMore('Name')],
  SchemeInformationURI: [oneOrMore('URI')],
  SchemeTypeCommunityRules: [oneOrMore('URI')],
  DistributionPoints: [oneOrMore('URI')],
  NextUpdate: [optional('dateTime')],
  PointersToOtherTSL: [oneOrMore('OtherTSLPointer')],
  OtherTSLPointer: [
    optional('ServiceDigitalIdentities'),
    one('TSLLocation'),
    optional('AdditionalInformation'),
  ],
  ServiceDigitalIdentities: [oneOrMore('ServiceDigitalIdentity')],
  ServiceDigitalIdentity: [any('DigitalId')],
  TrustServiceProviderList: [oneOrMore('TrustServiceProvider')],
  TrustServiceProvider: [one('TSPInformation'), one('TSPServices')],
  TSPInformation: [
    one('TSPName'),
    optional('TSPTradeName'),
    one('TSPAddress'),
    one('TSPInformationURI'),
    optional('TSPInformationExtensions'),
  ],
  TSPName: [oneOrMore('Name')],
  TSPTradeName: [oneOrMore('Name')],
  TSPInformationURI: [oneOrMore('URI')],
  TSPServices: [oneOrMore('TSPService')],
  TSPService: [one('ServiceInformation'), optional('ServiceHistory')],
  ServiceInformation: [
    one('ServiceTypeIdentifier'),
    one('ServiceName'),
    one('ServiceDigitalIdentity'),
    one('ServiceStatus'),
    one('StatusStartingTime'),
    optional('SchemeServiceDefinitionURI'),
    optional('ServiceSupplyPoints'),
    optional('TSPServiceDefinitionURI'),
    optional('ServiceInformationExtensions'),
  ],
  ServiceName: [oneOrMore('Name')],
  ServiceSupplyPoints: [oneOrMore('ServiceSupplyPoint')],
  ServiceInformationExtensions: [oneOrMore('Extension')],
  ServiceHistory: [any('ServiceHistoryInstance')],
  ServiceHistoryInstance: [
    one('ServiceTypeIdentifier'),
    one('ServiceName'),
    one('ServiceDigitalIdentity'),
    one('ServiceStatus'),
    one('StatusStartingTime'),
    optional('ServiceInformationExtensions'),
  ],
}

/**
 * Refuses (`tl.not_conformant`) a document whose root is not a TrustServiceStatusList of a
 * supported format, or whose structure departs from the schema's content models.
 */
export function checkConformance(document: Document): void {
  const root = document.documentElement
  if (root === null) throw new Error('unreachable: parseXmlDocument returns documents with a root')
  if (!isNamed(root, TSL_NS, 'TrustServiceStatusList')) {
    throw notConformant(root, `the root is {${root.namespaceURI ?? ''}}${root.localName}`)
  }
  if (attribute(root, 'TSLTag') === undefined) throw notConformant(root, 'TSLTag is missing')
  checkElement(root)
  const schemeInformation = requiredChild(root, TSL_NS, 'SchemeInformation')
  const versionElement = requiredChild(schemeInformation, TSL_NS, 'TSLVersionIdentifier')
  const version = textOf(versionElement)
  if (!SUPPORTED_TSL_VERSIONS.some((known) => String(known) === version)) {
    throw notConformant(versionElement, `list format ${version} is not supported (5 or 6)`)
  }
}

/**
 * Matches the element children against the content model, then checks each matched child that has
 * a model of its own. The recursion follows the schema, which is a few levels deep, never the
 * document's own depth.
 */
function checkElement(element: Element): void {
  const model = contentModels[element.localName ?? '']
  if (model === undefined || element.namespaceURI !== TSL_NS) return
  if (!hasOnlyWhitespaceText(element)) throw notConformant(element, 'text in element-only content')
  const elementChildren = childElements(element)
  let index = 0
  for (const particle of model) {
    let count = 0
    while (count < particle.max) {
      const candidate = elementChildren[index]
      if (candidate === undefined || !isNamed(candidate, particle.namespace, particle.name)) break
      count++
      index++
      checkElement(candidate)
    }
    if (count < particle.min) {
      const found = elementChildren[index]
      throw notConformant(
        element,
        `${particle.name} expected, ${found === undefined ? 'nothing' : found.localName} found`,
      )
    }
  }
  const extra = elementChildren[index]
  if (extra !== undefined) {
    throw notConformant(element, `unexpected {${extra.namespaceURI ?? ''}}${extra.localName}`)
  }
}
