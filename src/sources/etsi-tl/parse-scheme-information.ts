// Reads SchemeInformation: version, sequence number, type, operator, territory, dates, pointers, distribution points.
//
// These are the facts about the list itself: which scheme and territory it is for, which issue it
// is (TSLSequenceNumber, which must never go backwards), when it was issued and when the next one
// is due (a list past NextUpdate is stale), where it is published, and, in a LOTL, the pointers to
// the other lists with the certificates announced for signing them.
import type { Element } from '@xmldom/xmldom'
import { TSL_NS, XSI_NS } from './namespaces.ts'
import { readOtherTSLPointer } from './parse-other-tsl-pointer.ts'
import type { SchemeInformation } from './trusted-list-types.ts'
import {
  child,
  children,
  readDateTime,
  readInteger,
  readMultilingual,
  readRequiredText,
  readTextList,
  requiredChild,
} from './xml-readers.ts'

export function readSchemeInformation(element: Element): SchemeInformation {
  const required = (name: string) => requiredChild(element, TSL_NS, name)
  const territory = child(element, TSL_NS, 'SchemeTerritory')
  const pointers = child(element, TSL_NS, 'PointersToOtherTSL')
  const nextUpdate = readNextUpdate(required('NextUpdate'))
  return {
    tslVersionIdentifier: readInteger(required('TSLVersionIdentifier'), 1),
    tslSequenceNumber: readInteger(required('TSLSequenceNumber'), 1),
    tslType: readRequiredText(required('TSLType')),
    schemeOperatorName: readMultilingual(required('SchemeOperatorName')),
    schemeName: readMultilingual(required('SchemeName')),
    schemeInformationURI: readMultilingual(required('SchemeInformationURI')),
    statusDeterminationApproach: readRequiredText(required('StatusDeterminationApproach')),
    schemeTypeCommunityRules: readMultilingual(child(element, TSL_NS, 'SchemeTypeCommunityRules')),
    ...(territory !== undefined ? { schemeTerritory: readRequiredText(territory) } : {}),
    historicalInformationPeriod: readInteger(required('HistoricalInformationPeriod'), 0),
    pointersToOtherTSL:
      pointers === undefined
        ? []
        : children(pointers, TSL_NS, 'OtherTSLPointer').map(readOtherTSLPointer),
    listIssueDateTime: readDateTime(required('ListIssueDateTime')),
    ...(nextUpdate !== undefined ? { nextUpdate } : {}),
    distributionPoints: readTextList(child(element, TSL_NS, 'DistributionPoints')),
  }
}

/**
 * NextUpdate/dateTime, or undefined for a closed list: TS 119 612 clause 5.3.15 leaves the value
 * void when the scheme ceases, written either as no dateTime or as an xsi:nil one.
 */
function readNextUpdate(element: Element): string | undefined {
  const dateTime = child(element, TSL_NS, 'dateTime')
  if (dateTime === undefined) return undefined
  const nil = dateTime.getAttributeNS(XSI_NS, 'nil')
  if (nil === 'true' || nil === '1') return undefined
  return readDateTime(dateTime)
}
