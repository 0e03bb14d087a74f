// Parses XML that refuseHostileXml has let through into a namespace-aware DOM (@xmldom/xmldom).
//
// Any error or warning the parser reports refuses the document (`not_xml` in the caller's code
// family): a signed list is machine-written, and a document the parser had to repair is not one
// whose signature and content we want to reason about. The DOCTYPE and processing-instruction
// refusals are checked once more on the result, so that a difference between the lexical scan and
// the parser cannot let one through.
import {
  DOMParser,
  type DOMParserOptions,
  type Document,
  normalizeLineEndings,
} from '@xmldom/xmldom'
import type { KakehashiError } from '../../errors.ts'
import {
  defaultXmlLimits,
  refusal,
  refuseHostileXml,
  type XmlCodeFamily,
  type XmlLimits,
} from './refuse-hostile-xml.ts'

const PROCESSING_INSTRUCTION_NODE = 7
const DOCUMENT_TYPE_NODE = 10

/** Refuses hostile input, then parses it: the one way a signed list's bytes become a DOM. */
export function readXmlDocument(
  input: Uint8Array | string,
  family: XmlCodeFamily,
  limits: Partial<XmlLimits> = defaultXmlLimits,
): Document {
  return parseXmlDocument(refuseHostileXml(input, family, limits), family)
}

/** An XML declaration naming version 1.1. */
const XML_1_1 = /^(?:\uFEFF)?<\?xml\s+version\s*=\s*(["'])1\.1\1/

/** End-of-line handling as the document's own version of XML defines it (§2.11). */
const normalizeXmlLineEndings = (text: string): string =>
  XML_1_1.test(text) ? normalizeLineEndings(text) : text.replace(/\r\n?/g, '\n')

/**
 * xmldom's parser with XML's own line ends. xmldom applies XML 1.1's rules (NEL, LINE SEPARATOR
 * and PARAGRAPH SEPARATOR are line ends too) to every document; in XML 1.0 they are ordinary
 * characters, and only CR LF and a lone CR become LF. Under xmldom's rules a value holding one
 * would come back changed, and a signature computed over it by an XML 1.0 processor would not
 * verify. Every parser Kakehashi makes is this one: the list reader's, and the one the signature
 * library re-parses with.
 */
export class XmlDomParser extends DOMParser {
  constructor(options: DOMParserOptions = {}) {
    super({ normalizeLineEndings: normalizeXmlLineEndings, ...options })
  }
}

/** Parses text that has already passed refuseHostileXml. */
export function parseXmlDocument(text: string, family: XmlCodeFamily): Document {
  const problems: string[] = []
  let document: Document
  try {
    document = new XmlDomParser({
      onError: (level, message) => {
        problems.push(`${level}: ${message}`)
      },
    }).parseFromString(text, 'text/xml')
  } catch (error) {
    throw notXml(family, problems[0] ?? (error instanceof Error ? error.message : String(error)))
  }
  if (problems.length > 0) throw notXml(family, problems[0] as string)
  if (document.documentElement === null) throw notXml(family, 'the document has no root element')
  for (let node = document.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === DOCUMENT_TYPE_NODE) {
      throw refusal(family, 'doctype_refused', 'document type declarations are refused')
    }
    // xmldom keeps the XML declaration as a processing instruction; nothing else may be one.
    if (
      node.nodeType === PROCESSING_INSTRUCTION_NODE &&
      !(node === document.firstChild && node.nodeName === 'xml')
    ) {
      throw refusal(family, 'pi_refused', `processing instruction ${node.nodeName} refused`)
    }
  }
  return document
}

function notXml(family: XmlCodeFamily, problem: string): KakehashiError {
  // The parser's messages carry positions; the first line says what went wrong.
  const message = problem.split('\n')[0]?.trim() ?? problem
  return refusal(family, 'not_xml', `the list is not well-formed XML: ${message}`)
}
