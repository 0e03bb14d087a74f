// Reads the simple values of a trusted list (URIs, integers, dateTimes, base64, multilingual text) strictly.
//
// Each reader refuses a value the schema does not allow with `tl.not_conformant` and the element's
// path, instead of guessing: a date without a time zone, a sequence number that is not a positive
// integer, base64 with stray characters. Dates come back as ISO 8601 UTC strings, which sort and
// compare as text and parse with Date.parse.
import type { Element } from '@xmldom/xmldom'
import { base64 } from '../../lib/base64.ts'
import { childElements, languageOf, notConformant, textOf } from './dom-access.ts'
import type { MultilingualText } from './trusted-list-types.ts'

// xsd:dateTime with the time zone TS 119 612 requires (clause 5.1.4: UTC).
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/
const INTEGER = /^[+]?\d{1,15}$/
const XML_WHITESPACE = /[ \t\r\n]+/g

/** Non-empty text (xsd:anyURI, NonEmptyString and the like). */
export function readRequiredText(element: Element): string {
  const text = textOf(element)
  if (text === '') throw notConformant(element, 'empty value')
  return text
}

/** A non-negative integer no larger than 15 digits, at least `min`. */
export function readInteger(element: Element, min: number): number {
  const text = textOf(element)
  if (!INTEGER.test(text)) throw notConformant(element, `${JSON.stringify(text)} is not an integer`)
  const value = Number(text)
  if (value < min) throw notConformant(element, `${value} is below ${min}`)
  return value
}

/** An xsd:dateTime with a time zone, as an ISO 8601 UTC string. */
export function readDateTime(element: Element): string {
  const text = textOf(element)
  const ms = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN
  if (!Number.isFinite(ms)) {
    throw notConformant(element, `${JSON.stringify(text)} is not a dateTime with a time zone`)
  }
  return new Date(ms).toISOString()
}

/** xsd:base64Binary: whitespace is allowed between characters, nothing else outside the alphabet. */
export function readBase64(element: Element): Uint8Array {
  const text = textOf(element).replace(XML_WHITESPACE, '')
  if (text === '' || text.length % 4 !== 0) throw notConformant(element, 'invalid base64')
  try {
    return base64.decode(text)
  } catch {
    throw notConformant(element, 'invalid base64')
  }
}

/**
 * The children of a multilingual container (Name or URI elements, each with `xml:lang`), in order.
 * A value without a language keeps `lang` empty rather than refusing the list: the language tag is
 * there for people, and a list is not less trustworthy for a missing one.
 */
export function readMultilingual(container: Element | undefined): MultilingualText[] {
  if (container === undefined) return []
  return childElements(container).map((element) => ({
    lang: languageOf(element) ?? '',
    value: readRequiredText(element),
  }))
}

/** The trimmed texts of every child of a list container (DistributionPoints, status lists). */
export function readTextList(container: Element | undefined): string[] {
  if (container === undefined) return []
  return childElements(container).map(readRequiredText)
}
