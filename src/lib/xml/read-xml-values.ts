// Reads the simple values of a schema-bound XML list strictly (text, URIs, integers, dateTimes, base64, multilingual text).
//
// TS 119 612 trusted lists and TS 119 602 LoTEs share these value types. Each reader refuses a value
// the schema does not allow with `not_conformant` in the caller's code family and the element's
// path, instead of guessing: a date without a time zone, a sequence number that is not an integer,
// base64 with stray characters, an element where text belongs. Values are read the way
// canonicalisation sees them: the concatenation of every text and CDATA child, comments left out.
// Dates come back as ISO 8601 UTC strings, which sort and compare as text and parse with Date.parse.
import type { Element } from '@xmldom/xmldom'
import type { KakehashiError } from '../../errors.ts'
import { decodeBase64 } from '../base64.ts'
import { child, childElements, isElement, isText, languageOf, pathOf } from './dom-access.ts'
import { refusal, type XmlCodeFamily } from './refuse-hostile-xml.ts'

/** A value with its `xml:lang` ('' when the element has none). */
export interface XmlLangText {
  lang: string
  value: string
}

// xsd:dateTime with a time zone (TS 119 612 clause 5.1.4 requires UTC; TS 119 602 an offset).
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/
const INTEGER = /^[+]?\d{1,15}$/
const XML_WHITESPACE = /[ \t\r\n]+/g

/** The readers of one code family: `xmlValueReader('tl')`, `xmlValueReader('lote')`. */
export function xmlValueReader(family: XmlCodeFamily) {
  const notConformant = (element: Element, problem: string): KakehashiError => {
    const path = pathOf(element)
    return refusal(family, 'not_conformant', `${path}: ${problem}`, { path })
  }

  /** Like child, but a missing element is a conformance failure. */
  const requiredChild = (parent: Element, namespace: string, localName: string): Element => {
    const found = child(parent, namespace, localName)
    if (found === undefined) throw notConformant(parent, `${localName} is missing`)
    return found
  }

  /**
   * The text of a simple-content element, trimmed. An element child where text is expected is a
   * conformance failure rather than something to flatten: its text would otherwise be read as ours.
   */
  const textOf = (element: Element): string => {
    let text = ''
    for (let node = element.firstChild; node !== null; node = node.nextSibling) {
      if (isText(node)) {
        text += node.nodeValue ?? ''
      } else if (isElement(node)) {
        throw notConformant(element, `${node.localName} appears where text is expected`)
      }
    }
    return text.trim()
  }

  /** Non-empty text (xsd:anyURI, NonEmptyString and the like). */
  const readRequiredText = (element: Element): string => {
    const text = textOf(element)
    if (text === '') throw notConformant(element, 'empty value')
    return text
  }

  /** A non-negative integer no larger than 15 digits, at least `min`. */
  const readInteger = (element: Element, min: number): number => {
    const text = textOf(element)
    if (!INTEGER.test(text)) {
      throw notConformant(element, `${JSON.stringify(text)} is not an integer`)
    }
    const value = Number(text)
    if (value < min) throw notConformant(element, `${value} is below ${min}`)
    return value
  }

  /** An xsd:dateTime with a time zone, as an ISO 8601 UTC string. */
  const readDateTime = (element: Element): string => {
    const text = textOf(element)
    const ms = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN
    if (!Number.isFinite(ms)) {
      throw notConformant(element, `${JSON.stringify(text)} is not a dateTime with a time zone`)
    }
    return new Date(ms).toISOString()
  }

  /** xsd:base64Binary: whitespace is allowed between characters, nothing else outside the alphabet. */
  const readBase64 = (element: Element): Uint8Array => {
    const bytes = decodeBase64(textOf(element).replace(XML_WHITESPACE, ''))
    if (bytes === undefined) throw notConformant(element, 'invalid base64')
    return bytes
  }

  /**
   * The children of a multilingual container (Name or URI elements, each with `xml:lang`), in
   * order. A value without a language keeps `lang` empty rather than refusing the list: the
   * language tag is there for people, and a list is not less trustworthy for a missing one.
   */
  const readMultilingual = (container: Element | undefined): XmlLangText[] =>
    container === undefined
      ? []
      : childElements(container).map((element) => ({
          lang: languageOf(element) ?? '',
          value: readRequiredText(element),
        }))

  /** The trimmed texts of every child of a list container (DistributionPoints, status lists). */
  const readTextList = (container: Element | undefined): string[] =>
    container === undefined ? [] : childElements(container).map(readRequiredText)

  return {
    notConformant,
    requiredChild,
    textOf,
    readRequiredText,
    readInteger,
    readDateTime,
    readBase64,
    readMultilingual,
    readTextList,
  }
}
