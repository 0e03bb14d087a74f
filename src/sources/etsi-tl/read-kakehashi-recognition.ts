// Reads Kakehashi's own copy of recognition rules (`kh:RecognitionRule`) from a LOTL pointer's OtherInformation.
//
// write-mutual-recognition.ts writes each rule whole next to the MRA block, values in attributes
// so that they come back exactly. The trusted-list parser keeps OtherInformation it does not know
// as raw elements (`OtherTSLPointer.otherInformation`), attributes untouched, so the rules are read
// from there; `readKakehashiRecognition` does the same from the pointer's DOM element. Anything in
// Kakehashi's namespace that is not a well-formed rule is refused (`tl.not_conformant`), never
// skipped: a list that carries Kakehashi rules says exactly which.
import type { Element } from '@xmldom/xmldom'
import { KakehashiError } from '../../errors.ts'
import { type RecognitionRule, zRecognitionRule } from '../../model/index.ts'
import { TSL_NS } from './namespaces.ts'
import { readRawElement } from './parse-criteria-list.ts'
import { KAKEHASHI_RECOGNITION_NS } from './recognition-rule-equivalences.ts'
import type { RawElement } from './trusted-list-types.ts'
import { child, childElements, children } from './xml-readers.ts'

const RULE_ATTRIBUTES = new Set([
  'id',
  'recognisingFrameworkId',
  'recognisedFrameworkId',
  'minimumLevel',
  'scope',
  'legalBasis',
  'validFrom',
  'validUntil',
])

/** The rules in an OtherTSLPointer DOM element, in document order. */
export function readKakehashiRecognition(pointer: Element): RecognitionRule[] {
  const additional = child(pointer, TSL_NS, 'AdditionalInformation')
  if (additional === undefined) return []
  const raw = children(additional, TSL_NS, 'OtherInformation')
    .flatMap(childElements)
    .filter((element) => element.namespaceURI === KAKEHASHI_RECOGNITION_NS)
    .map(readRawElement)
  return kakehashiRecognitionRules(raw)
}

/** The rules among a parsed pointer's other OtherInformation (`OtherTSLPointer.otherInformation`). */
export function kakehashiRecognitionRules(
  otherInformation: readonly RawElement[],
): RecognitionRule[] {
  const ids = new Set<string>()
  return otherInformation
    .filter((element) => element.namespaceURI === KAKEHASHI_RECOGNITION_NS)
    .map((element, index) => {
      const rule = readRule(element, index + 1)
      if (ids.has(rule.id)) refuse(index + 1, `rule ${rule.id} is given twice`)
      ids.add(rule.id)
      return rule
    })
}

function readRule(element: RawElement, position: number): RecognitionRule {
  if (element.localName !== 'RecognitionRule') {
    refuse(position, `${element.localName} is not an element of ${KAKEHASHI_RECOGNITION_NS}`)
  }
  if (element.text !== '') refuse(position, 'text appears where only elements belong')
  for (const name of Object.keys(element.attributes)) {
    if (!RULE_ATTRIBUTES.has(name)) refuse(position, `unknown attribute ${name}`)
  }
  const credentialTypes: string[] = []
  const levelMapping = new Map<string, string>()
  for (const entry of element.children) {
    if (entry.namespaceURI !== KAKEHASHI_RECOGNITION_NS || entry.text !== '') {
      refuse(position, `unexpected content ${entry.localName}`)
    }
    if (entry.localName === 'CredentialType') {
      credentialTypes.push(only(entry, position, ['value']).value as string)
    } else if (entry.localName === 'LevelMapping') {
      const { recognised, recognising } = only(entry, position, ['recognised', 'recognising'])
      if (levelMapping.has(recognised as string)) {
        refuse(position, `level ${recognised} is mapped twice`)
      }
      levelMapping.set(recognised as string, recognising as string)
    } else {
      refuse(position, `unexpected element ${entry.localName}`)
    }
  }
  const parsed = zRecognitionRule.safeParse({
    ...element.attributes,
    credentialTypes,
    levelMapping: Object.fromEntries(levelMapping),
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    refuse(position, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
  }
  for (const time of [parsed.data.validFrom, parsed.data.validUntil]) {
    if (time !== undefined && Number.isNaN(Date.parse(time)))
      refuse(position, `${time} is not a time`)
  }
  return parsed.data
}

/** The attributes of a childless element that must carry exactly `names`. */
function only(
  element: RawElement,
  position: number,
  names: string[],
): Record<string, string | undefined> {
  const present = Object.keys(element.attributes)
  if (
    element.children.length > 0 ||
    present.length !== names.length ||
    !names.every((name) => Object.hasOwn(element.attributes, name))
  ) {
    refuse(position, `${element.localName} must carry exactly ${names.join(', ')}`)
  }
  return element.attributes
}

function refuse(position: number, problem: string): never {
  throw new KakehashiError(
    'tl.not_conformant',
    `Kakehashi recognition rule ${position} of the pointer: ${problem}`,
    { namespace: KAKEHASHI_RECOGNITION_NS, position },
  )
}
