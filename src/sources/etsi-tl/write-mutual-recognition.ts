// Writes recognition rules as a LOTL OtherTSLPointer: the EU MRA block EU tools read, and Kakehashi's exact copy of each rule.
//
// The MRA block (schema v2, elements in the XSD's order) says what EU tools such as DSS can
// understand: which framework recognises which, for which credential types and level pairs, enacted
// since when or repealed when (recognition-rule-equivalences.ts spells this out). It has no place
// for a rule's id, its legal basis in words, a validUntil still to come, a minimum level or a
// scope, so each rule is also written whole as a `kh:RecognitionRule` in an OtherInformation of
// its own, which EU tools skip (OtherInformation is open content). Its values are attributes,
// because XML gives attribute values back exactly while it trims and normalises line ends in
// text. A pointer names one list, so it carries the rules of one pair of frameworks: rules of
// several pairs are refused, `groupRulesByFrameworks` splits them. Built with the DOM API of
// @xmldom/xmldom: every value is escaped by the serialiser, and text XML 1.0 cannot hold is refused.
import { DOMImplementation, type Document, type Element, XMLSerializer } from '@xmldom/xmldom'
import { KakehashiError } from '../../errors.ts'
import { type RecognitionRule, zRecognitionRule } from '../../model/index.ts'
import { parseCertificate } from '../../trust/x509/parse-certificate.ts'
import { MRA_NS, TSL_NS, TSL_XML_MIME_TYPE, TSLX_NS, XML_NS } from './namespaces.ts'
import {
  equivalenceFormAt,
  frameworkUrn,
  KAKEHASHI_RECOGNITION_NS,
  ruleEquivalences,
} from './recognition-rule-equivalences.ts'
import type {
  StatusEquivalence,
  TrustServiceEquivalence,
  TrustServiceEquivalenceInformation,
  TrustServiceTSLType,
} from './trusted-list-types.ts'

export interface MutualRecognitionPointerOptions {
  /** The time of export: a rule whose validUntil is not after it is written as repealed. */
  atMs: number
  /** TSLLocation: where the recognised framework's list is published. */
  tslLocation: string
  schemeTerritory?: string
  tslType?: string
  /** The pointed list's scheme operator, in English. */
  schemeOperatorName?: string
  /**
   * The certificates (DER) that may sign the pointed list, as ServiceDigitalIdentities: EU tools
   * accept the pointed list only when its signer is one of them (TS 119 612 §5.3.13).
   */
  signerCertificates?: readonly Uint8Array[]
}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'
/** XML 1.0 `Char`: anything else cannot be written, escaped or not. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u
const PREFIXES: Record<string, string> = {
  [MRA_NS]: 'mra',
  [TSLX_NS]: 'tslx',
  [KAKEHASHI_RECOGNITION_NS]: 'kh',
}

/** The OtherTSLPointer element for `rules` (one pair of frameworks), as XML text declaring its namespaces. */
export function writeMutualRecognitionPointer(
  rules: readonly RecognitionRule[],
  options: MutualRecognitionPointerOptions,
): string {
  const checked = checkRules(rules)
  if (!Number.isFinite(options.atMs)) invalid('atMs is not a time')
  if (options.tslLocation.trim() === '') invalid('the pointer needs a TSLLocation')
  const signers = (options.signerCertificates ?? []).map(checkCertificate)
  const xml = new PointerWriter()
  const pointer = xml.root
  // The schema's order: ServiceDigitalIdentities, TSLLocation, AdditionalInformation.
  if (signers.length > 0) {
    const identities = xml.add(pointer, TSL_NS, 'ServiceDigitalIdentities')
    for (const der of signers) {
      const digitalId = xml.add(
        xml.add(identities, TSL_NS, 'ServiceDigitalIdentity'),
        TSL_NS,
        'DigitalId',
      )
      xml.add(digitalId, TSL_NS, 'X509Certificate', Buffer.from(der).toString('base64'))
    }
  }
  xml.add(pointer, TSL_NS, 'TSLLocation', options.tslLocation)
  const additional = xml.add(pointer, TSL_NS, 'AdditionalInformation')
  const other = () => xml.add(additional, TSL_NS, 'OtherInformation')
  if (options.tslType !== undefined) xml.add(other(), TSL_NS, 'TSLType', options.tslType)
  if (options.schemeTerritory !== undefined) {
    xml.add(other(), TSL_NS, 'SchemeTerritory', options.schemeTerritory)
  }
  xml.add(other(), TSLX_NS, 'MimeType', TSL_XML_MIME_TYPE)
  if (options.schemeOperatorName !== undefined) {
    const names = xml.add(other(), TSL_NS, 'SchemeOperatorName')
    xml.withLang(xml.add(names, TSL_NS, 'Name', options.schemeOperatorName))
  }
  xml.agreement(other(), checked, options.atMs)
  for (const rule of checked) xml.kakehashiRule(other(), rule)
  return new XMLSerializer().serializeToString(pointer)
}

/** Rules split by (recognising, recognised) framework, in the order each pair first appears. */
export function groupRulesByFrameworks(rules: readonly RecognitionRule[]): RecognitionRule[][] {
  const groups = new Map<string, RecognitionRule[]>()
  for (const rule of rules) {
    const key = JSON.stringify([rule.recognisingFrameworkId, rule.recognisedFrameworkId])
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [rule])
    else group.push(rule)
  }
  return [...groups.values()]
}

/** A signer certificate is written only if it is one: a pointer naming garbage would name no signer. */
function checkCertificate(der: Uint8Array, index: number): Uint8Array {
  const parsed = parseCertificate(der)
  if (!parsed.ok)
    invalid(`signer certificate ${index + 1} is not an X.509 certificate: ${parsed.message}`)
  return parsed.der
}

function checkRules(rules: readonly RecognitionRule[]): RecognitionRule[] {
  if (rules.length === 0) invalid('an MRA block needs at least one rule')
  const ids = new Set<string>()
  const checked = rules.map((input) => {
    const parsed = zRecognitionRule.safeParse(input)
    if (!parsed.success) {
      invalid(`recognition rule ${String(input.id)} is invalid: ${parsed.error.issues[0]?.message}`)
    }
    const rule = parsed.data
    if (ids.has(rule.id)) invalid(`recognition rule ${rule.id} is given twice`)
    ids.add(rule.id)
    // Before any URN is made of them: percent-encoding fails on what XML cannot carry either.
    for (const text of ruleTexts(rule)) xmlText(text, `recognition rule ${rule.id}`)
    for (const type of rule.credentialTypes) {
      // TrustServiceLegalIdentifier is a NonEmptyString, and readers trim it: a type with white
      // space at either end would come back as another type.
      if (type.trim() === '') invalid(`recognition rule ${rule.id} has a blank credential type`)
      if (type.trim() !== type)
        invalid(
          `recognition rule ${rule.id}: credential type ${JSON.stringify(type)} has white space at an end`,
        )
    }
    if (Number.isNaN(Date.parse(rule.validFrom))) invalid(`${rule.id}: validFrom is not a time`)
    if (rule.validUntil !== undefined && Number.isNaN(Date.parse(rule.validUntil))) {
      invalid(`${rule.id}: validUntil is not a time`)
    }
    return rule
  })
  const [first] = checked as [RecognitionRule]
  if (groupRulesByFrameworks(checked).length > 1) {
    invalid(
      `a pointer carries the rules of one pair of frameworks; ${first.recognisingFrameworkId} ← ` +
        `${first.recognisedFrameworkId} is not the only one`,
    )
  }
  return checked
}

class PointerWriter {
  readonly document: Document = new DOMImplementation().createDocument(
    TSL_NS,
    'OtherTSLPointer',
    null,
  )
  readonly root: Element

  constructor() {
    this.root = this.document.documentElement as Element
    this.root.setAttributeNS(XMLNS_NS, 'xmlns', TSL_NS)
    for (const [namespace, prefix] of Object.entries(PREFIXES)) {
      this.root.setAttributeNS(XMLNS_NS, `xmlns:${prefix}`, namespace)
    }
  }

  add(parent: Element, namespace: string, name: string, text?: string): Element {
    const prefix = PREFIXES[namespace]
    const element = this.document.createElementNS(
      namespace,
      prefix === undefined ? name : `${prefix}:${name}`,
    )
    if (text !== undefined) element.appendChild(this.document.createTextNode(xmlText(text, name)))
    parent.appendChild(element)
    return element
  }

  set(element: Element, name: string, value: string | undefined): void {
    if (value !== undefined) element.setAttribute(name, xmlText(value, name))
  }

  withLang(element: Element): Element {
    element.setAttributeNS(XML_NS, 'xml:lang', 'en')
    return element
  }

  /** mra:MutualRecognitionAgreementInformation, in the order of mra_schema_v2.xsd. */
  agreement(parent: Element, rules: RecognitionRule[], atMs: number): void {
    const [first] = rules as [RecognitionRule]
    const element = this.add(parent, MRA_NS, 'MutualRecognitionAgreementInformation')
    this.set(element, 'technicalType', '1')
    this.set(element, 'version', '1')
    this.set(
      element,
      'pointingContractingPartyLegislation',
      frameworkUrn(first.recognisingFrameworkId),
    )
    this.set(
      element,
      'pointedContractingPartyLegislation',
      frameworkUrn(first.recognisedFrameworkId),
    )
    this.set(element, 'MRADepth', '1')
    for (const rule of rules) {
      for (const equivalence of ruleEquivalences(rule, equivalenceFormAt(rule, atMs))) {
        this.equivalenceInformation(element, equivalence)
      }
    }
  }

  equivalenceInformation(parent: Element, equivalence: TrustServiceEquivalenceInformation): void {
    const element = this.add(parent, MRA_NS, 'TrustServiceEquivalenceInformation')
    this.add(
      element,
      MRA_NS,
      'TrustServiceLegalIdentifier',
      equivalence.trustServiceLegalIdentifier,
    )
    this.equivalence(element, equivalence)
    if (equivalence.trustServiceEquivalenceHistory.length === 0) return
    const history = this.add(element, MRA_NS, 'TrustServiceEquivalenceHistory')
    for (const instance of equivalence.trustServiceEquivalenceHistory) {
      this.equivalence(
        this.add(history, MRA_NS, 'TrustServiceEquivalenceHistoryInstance'),
        instance,
      )
    }
  }

  /** The part an equivalence shares with its history instances (no certificate content, no qualifiers). */
  equivalence(element: Element, equivalence: TrustServiceEquivalence): void {
    const types = this.add(element, MRA_NS, 'TrustServiceTSLTypeEquivalenceList')
    const typeList = equivalence.trustServiceTSLTypeEquivalenceList
    this.typeList(types, 'TrustServiceTSLTypeListPointingParty', typeList.pointingParty)
    this.typeList(types, 'TrustServiceTSLTypeListPointedParty', typeList.pointedParty)
    this.add(
      element,
      MRA_NS,
      'TrustServiceEquivalenceStatus',
      equivalence.trustServiceEquivalenceStatus,
    )
    this.add(
      element,
      MRA_NS,
      'TrustServiceEquivalenceStatusStartingTime',
      // TS 119 612 clause 5.1.4 writes UTC without fractions when there are none.
      equivalence.trustServiceEquivalenceStatusStartingTime.replace(/\.000Z$/, 'Z'),
    )
    const statuses = this.add(element, MRA_NS, 'TrustServiceTSLStatusEquivalenceList')
    const statusList = equivalence.trustServiceTSLStatusEquivalenceList
    this.statusEquivalence(statuses, 'TrustServiceTSLStatusValidEquivalence', statusList.valid)
    this.statusEquivalence(statuses, 'TrustServiceTSLStatusInvalidEquivalence', statusList.invalid)
  }

  typeList(parent: Element, name: string, types: TrustServiceTSLType[]): void {
    const list = this.add(parent, MRA_NS, name)
    for (const type of types) {
      const element = this.add(list, MRA_NS, 'TrustServiceTSLType')
      this.add(element, TSL_NS, 'ServiceTypeIdentifier', type.serviceTypeIdentifier)
      for (const uri of type.additionalServiceInformation) {
        const information = this.add(element, TSL_NS, 'AdditionalServiceInformation')
        this.withLang(this.add(information, TSL_NS, 'URI', uri))
      }
    }
  }

  statusEquivalence(parent: Element, name: string, statuses: StatusEquivalence): void {
    const element = this.add(parent, MRA_NS, name)
    for (const [side, list] of [
      ['TrustServiceTSLStatusListPointingParty', statuses.pointingParty],
      ['TrustServiceTSLStatusListPointedParty', statuses.pointedParty],
    ] as const) {
      const container = this.add(element, MRA_NS, side)
      for (const status of list) this.add(container, TSL_NS, 'ServiceStatus', status)
    }
  }

  /** The rule whole, as read-kakehashi-recognition.ts reads it back. */
  kakehashiRule(parent: Element, rule: RecognitionRule): void {
    const element = this.add(parent, KAKEHASHI_RECOGNITION_NS, 'RecognitionRule')
    this.set(element, 'id', rule.id)
    this.set(element, 'recognisingFrameworkId', rule.recognisingFrameworkId)
    this.set(element, 'recognisedFrameworkId', rule.recognisedFrameworkId)
    this.set(element, 'minimumLevel', rule.minimumLevel)
    this.set(element, 'scope', rule.scope)
    this.set(element, 'legalBasis', rule.legalBasis)
    this.set(element, 'validFrom', rule.validFrom)
    this.set(element, 'validUntil', rule.validUntil)
    for (const type of rule.credentialTypes) {
      this.set(this.add(element, KAKEHASHI_RECOGNITION_NS, 'CredentialType'), 'value', type)
    }
    for (const [recognised, recognising] of Object.entries(rule.levelMapping)) {
      const pair = this.add(element, KAKEHASHI_RECOGNITION_NS, 'LevelMapping')
      this.set(pair, 'recognised', recognised)
      this.set(pair, 'recognising', recognising)
    }
  }
}

const ruleTexts = (rule: RecognitionRule): string[] => [
  rule.id,
  rule.recognisingFrameworkId,
  rule.recognisedFrameworkId,
  ...rule.credentialTypes,
  ...Object.entries(rule.levelMapping).flat(),
  rule.minimumLevel ?? '',
  rule.scope ?? '',
  rule.legalBasis,
]

function xmlText(text: string, name: string): string {
  if (!XML_CHARS.test(text)) invalid(`the value of ${name} holds characters XML 1.0 cannot carry`)
  return text
}

function invalid(message: string): never {
  throw new KakehashiError('input.invalid', message)
}
