// Reads a PointersToOtherTSL entry: where the other list is, who may sign it, and what it is.
//
// In a LOTL each pointer names a national list (TSLLocation), announces the certificates that may
// sign it (ServiceDigitalIdentities: a national list's signer must be one of them, byte for byte)
// and describes it in AdditionalInformation/OtherInformation: TSLType, SchemeTerritory, MimeType,
// SchemeOperatorName, and, for a third country under a mutual-recognition agreement, the MRA
// extension. OtherInformation of any other kind is kept raw.
import type { Element } from '@xmldom/xmldom'
import { MRA_NS, TSL_NS, TSLX_NS } from './namespaces.ts'
import { readRawElement } from './parse-criteria-list.ts'
import { readMutualRecognition } from './parse-mutual-recognition.ts'
import { readServiceDigitalIdentity } from './parse-tsp-service.ts'
import type { OtherTSLPointer } from './trusted-list-types.ts'
import {
  child,
  childElements,
  children,
  isNamed,
  languageOf,
  readMultilingual,
  readRequiredText,
  requiredChild,
  textOf,
} from './xml-readers.ts'

export function readOtherTSLPointer(element: Element): OtherTSLPointer {
  const identities = child(element, TSL_NS, 'ServiceDigitalIdentities')
  const pointer: OtherTSLPointer = {
    tslLocation: readRequiredText(requiredChild(element, TSL_NS, 'TSLLocation')),
    serviceDigitalIdentities:
      identities === undefined
        ? []
        : children(identities, TSL_NS, 'ServiceDigitalIdentity').map(readServiceDigitalIdentity),
    schemeOperatorName: [],
    schemeTypeCommunityRules: [],
    textualInformation: [],
    otherInformation: [],
  }
  const additional = child(element, TSL_NS, 'AdditionalInformation')
  if (additional === undefined) return pointer
  for (const entry of childElements(additional)) {
    if (isNamed(entry, TSL_NS, 'TextualInformation')) {
      pointer.textualInformation.push({ lang: languageOf(entry) ?? '', value: textOf(entry) })
      continue
    }
    if (!isNamed(entry, TSL_NS, 'OtherInformation')) continue
    for (const information of childElements(entry)) readOtherInformation(pointer, information)
  }
  return pointer
}

function readOtherInformation(pointer: OtherTSLPointer, information: Element): void {
  if (isNamed(information, TSL_NS, 'TSLType')) {
    pointer.tslType = readRequiredText(information)
  } else if (isNamed(information, TSL_NS, 'SchemeTerritory')) {
    pointer.schemeTerritory = readRequiredText(information)
  } else if (isNamed(information, TSLX_NS, 'MimeType')) {
    pointer.mimeType = readRequiredText(information)
  } else if (isNamed(information, TSL_NS, 'SchemeOperatorName')) {
    pointer.schemeOperatorName.push(...readMultilingual(information))
  } else if (isNamed(information, TSL_NS, 'SchemeTypeCommunityRules')) {
    pointer.schemeTypeCommunityRules.push(...readMultilingual(information))
  } else if (isNamed(information, MRA_NS, 'MutualRecognitionAgreementInformation')) {
    pointer.mutualRecognitionAgreementInformation = readMutualRecognition(information)
  } else {
    pointer.otherInformation.push(readRawElement(information))
  }
}
