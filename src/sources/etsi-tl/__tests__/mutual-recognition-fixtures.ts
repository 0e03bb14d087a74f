// Recognition rules for the MRA round trip, and the helpers that write them as a pointer and read it back.
import type { Element } from '@xmldom/xmldom'
import { parseXmlDocument } from '../../../lib/xml/parse-xml-document.ts'
import type { RecognitionRule } from '../../../model/index.ts'
import { sandboxRecognitionRules } from '../../../sandbox/sandbox-ecosystems.ts'
import { readOtherTSLPointer } from '../parse-other-tsl-pointer.ts'
import type { OtherTSLPointer } from '../trusted-list-types.ts'
import {
  type MutualRecognitionPointerOptions,
  writeMutualRecognitionPointer,
} from '../write-mutual-recognition.ts'
import { buildTrustedListXml, EU_LOTL_TYPE } from './list-fixtures.ts'

/** 2026-06-01: after the sandbox rules begin, after the expired rule ends. */
export const EXPORTED_AT = Date.parse('2026-06-01T00:00:00Z')

export const POINTER_OPTIONS: MutualRecognitionPointerOptions = {
  atMs: EXPORTED_AT,
  tslLocation: 'https://kakehashi.example/lists/jp-academic.xml',
  schemeTerritory: 'JP',
  tslType: 'http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist',
  schemeOperatorName: 'Kakehashi sandbox',
}

/** The sandbox's four rules, and rules with what they leave out: an end, no levels, unicode, a scope. */
export const sampleRules: RecognitionRule[] = [
  ...sandboxRecognitionRules,
  {
    id: 'sample.eu-academic-recognises-jp-academic-2025',
    recognisingFrameworkId: 'eu.academic',
    recognisedFrameworkId: 'jp.academic',
    credentialTypes: ['urn:kakehashi:sandbox:jp.diploma:1'],
    levelMapping: { 'mext-accredited': 'accredited', 'niad-qe': 'accredited' },
    legalBasis: 'Expired sample agreement',
    validFrom: '2025-01-01T00:00:00+09:00',
    validUntil: '2025-12-31T23:59:59Z',
  },
  {
    id: 'sample.eu-academic-recognises-jp-academic-any-level',
    recognisingFrameworkId: 'eu.academic',
    recognisedFrameworkId: 'jp.academic',
    credentialTypes: ['OpenBadgeCredential', 'urn:kakehashi:sandbox:jp.micro:1'],
    levelMapping: {},
    minimumLevel: 'mext-accredited',
    scope: 'Micro-credentials only;\n  not degrees.\t(Sample)',
    legalBasis:
      '  日本国と欧州連合との間の相互承認協定（試行）\r\n第3条 — “recognition” & <levels>  ',
    validFrom: '2026-04-01T00:00:00.250Z',
    validUntil: '2030-03-31T15:00:00Z',
  },
]

/** The sample rules of one pair of frameworks. */
export const rulesBetween = (recognising: string, recognised: string): RecognitionRule[] =>
  sampleRules.filter(
    (rule) =>
      rule.recognisingFrameworkId === recognising && rule.recognisedFrameworkId === recognised,
  )

/** The OtherTSLPointer element of written XML, parsed as the trusted-list reader parses. */
export const pointerElement = (xml: string): Element =>
  parseXmlDocument(xml, 'tl').documentElement as Element

/** The MRA element of a written pointer. */
export const agreementElement = (pointer: Element): Element =>
  pointer.getElementsByTagNameNS(
    'http://ec.europa.eu/tools/lotl/mra/schema/v2#',
    'MutualRecognitionAgreementInformation',
  )[0] as Element

export function writeAndParse(
  rules: RecognitionRule[],
  options: MutualRecognitionPointerOptions = POINTER_OPTIONS,
): OtherTSLPointer {
  return readOtherTSLPointer(pointerElement(writeMutualRecognitionPointer(rules, options)))
}

/** A LOTL (unsigned) with the pointer XML in its PointersToOtherTSL. */
export const lotlWithPointer = (pointerXml: string): string =>
  buildTrustedListXml({
    territory: 'EU',
    tslType: EU_LOTL_TYPE,
    withoutProviders: true,
    pointers: [
      {
        territory: 'DE',
        location: 'https://tl.example.org/de.xml',
        certificates: [Uint8Array.of(1)],
      },
    ],
  }).replace('</tsl:PointersToOtherTSL>', `${pointerXml}</tsl:PointersToOtherTSL>`)
