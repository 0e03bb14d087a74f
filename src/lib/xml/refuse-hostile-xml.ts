// Refuses hostile XML before any parser sees it: DTDs, processing instructions, oversize and over-deep input.
//
// A signed XML list (a TS 119 612 trusted list, a TS 119 602 LoTE) comes from the network and is
// parsed before its signature can be checked, so the parser must never meet the constructs that
// attack parsers: a DOCTYPE (entity expansion such as "billion laughs", external entities that read
// files or reach the network), processing instructions, or sizes and nesting chosen to exhaust
// memory or the stack. This module decodes the bytes (UTF-8 only, as both standards require), then
// scans the markup once, lexically and in linear time, and throws a KakehashiError with a code of
// its own for each kind of refusal, in the caller's code family. It returns the very text it
// scanned, so that is what the parser gets.
import { KakehashiError } from '../../errors.ts'
import { type CodeFamily, familyCode } from '../code-family.ts'
import { utf8LengthExceeds } from '../utf8-length.ts'

/** What XML reading refuses, each with a code of its own in the caller's family. */
export type XmlRefusal =
  | 'too_large'
  | 'not_xml'
  | 'doctype_refused'
  | 'pi_refused'
  | 'too_deep'
  | 'too_many_elements'
  | 'not_conformant'

/** A code family with every XML refusal: `tl`, `lote`. */
export type XmlCodeFamily = CodeFamily<XmlRefusal>

/** Hard limits on a list's XML; each has a refusal code of its own. */
export interface XmlLimits {
  /** Largest document accepted, in bytes (`too_large`). */
  maxBytes: number
  /** Deepest element nesting accepted (`too_deep`). */
  maxDepth: number
  /** Most elements accepted (`too_many_elements`). */
  maxElements: number
}

/**
 * Real lists stay far below these: the largest in the corpus (the Spanish list, 2.9 MB) has 21,236
 * elements nested 15 deep, the mutual-recognition pilot 18 deep. The byte limit leaves room for the
 * largest national lists; the element limit stops a document of tiny elements from growing a DOM
 * many times its size in memory.
 */
export const defaultXmlLimits: Readonly<XmlLimits> = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 500_000,
})

const GT = 0x3e // >
const BANG = 0x21 // !
const QUESTION = 0x3f // ?
const SLASH = 0x2f // /
const DOUBLE_QUOTE = 0x22
const SINGLE_QUOTE = 0x27
const XML_DECLARATION = /^<\?xml[ \t\r\n]/
const DECLARED_ENCODING = /encoding[ \t\r\n]*=[ \t\r\n]*["']([A-Za-z0-9._-]+)["']/

/**
 * Decodes `input` and refuses it unless it is UTF-8 XML without DTD or processing instructions
 * (the XML declaration excepted) and within `limits`. Returns the decoded text, without a BOM.
 * Refusals are KakehashiErrors of `family` (`tl.doctype_refused`, `lote.doctype_refused`…).
 */
export function refuseHostileXml(
  input: Uint8Array | string,
  family: XmlCodeFamily,
  limits: Partial<XmlLimits> = {},
): string {
  const { maxBytes, maxDepth, maxElements } = { ...defaultXmlLimits, ...limits }
  const tooLarge =
    typeof input === 'string' ? utf8LengthExceeds(input, maxBytes) : input.byteLength > maxBytes
  if (tooLarge) {
    throw refusal(family, 'too_large', `the list exceeds ${maxBytes} bytes`, { maxBytes })
  }
  const text = decode(input, family)
  scanMarkup(text, family, maxDepth, maxElements)
  return text
}

/** The KakehashiError of `kind` in `family`. */
export const refusal = (
  family: XmlCodeFamily,
  kind: XmlRefusal,
  message: string,
  detail?: Record<string, unknown>,
): KakehashiError => new KakehashiError(familyCode(family, kind), message, detail)

function decode(input: Uint8Array | string, family: XmlCodeFamily): string {
  let text: string
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  } else {
    try {
      // `fatal` refuses malformed UTF-8 instead of replacing it; the BOM, if any, is dropped.
      text = new TextDecoder('utf-8', { fatal: true }).decode(input)
    } catch {
      throw refusal(family, 'not_xml', 'the list is not valid UTF-8')
    }
  }
  if (text.length === 0) throw refusal(family, 'not_xml', 'the list is empty')
  // U+0000 is not an XML character; a UTF-16 document read as UTF-8 is full of them.
  if (text.includes('\u0000')) throw refusal(family, 'not_xml', 'the list contains U+0000')
  return text
}

/**
 * One pass over the markup. Text between tags is skipped with indexOf; only tags are looked at, and
 * a start tag is read to its end with attribute values skipped, since `>` may appear inside them.
 * This is not a parser: well-formedness is the parser's job. It only has to see every construct a
 * parser could be attacked with, and count elements and depth on the way.
 */
function scanMarkup(
  text: string,
  family: XmlCodeFamily,
  maxDepth: number,
  maxElements: number,
): void {
  const length = text.length
  let depth = 0
  let elements = 0
  let at = 0
  for (;;) {
    const open = text.indexOf('<', at)
    if (open === -1) return
    const next = text.charCodeAt(open + 1)
    if (next === QUESTION) {
      at = skipProcessingInstruction(text, family, open)
    } else if (next === BANG) {
      at = skipCommentOrCdata(text, family, open)
    } else if (next === SLASH) {
      depth--
      at = skipPast(text, family, '>', open + 2)
    } else {
      elements++
      if (elements > maxElements) {
        throw refusal(family, 'too_many_elements', `more than ${maxElements} elements`, {
          maxElements,
        })
      }
      depth++
      if (depth > maxDepth) {
        throw refusal(family, 'too_deep', `elements nested deeper than ${maxDepth}`, {
          maxDepth,
        })
      }
      let end = open + 1
      let quote = 0
      for (; end < length; end++) {
        const code = text.charCodeAt(end)
        if (quote !== 0) {
          if (code === quote) quote = 0
        } else if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
          quote = code
        } else if (code === GT) {
          break
        }
      }
      if (end >= length) throw refusal(family, 'not_xml', 'a start tag is not closed')
      if (text.charCodeAt(end - 1) === SLASH) depth--
      at = end + 1
    }
  }
}

/** Only the XML declaration is allowed, and only where XML allows it: at the very start. */
function skipProcessingInstruction(text: string, family: XmlCodeFamily, open: number): number {
  const end = skipPast(text, family, '?>', open + 2)
  if (open !== 0 || !XML_DECLARATION.test(text.slice(0, 6))) {
    const target = /^<\?([^\s?]*)/.exec(text.slice(open, open + 64))?.[1] ?? ''
    throw refusal(family, 'pi_refused', `processing instruction <?${target}?> refused`, { target })
  }
  const encoding = DECLARED_ENCODING.exec(text.slice(0, end))?.[1]
  if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
    throw refusal(family, 'not_xml', `the list declares encoding ${encoding}; lists are UTF-8`)
  }
  return end
}

/**
 * Comments and CDATA sections are skipped whole (what they contain is text, not markup). Any other
 * `<!` is a document type declaration or one of its parts (ENTITY, ELEMENT, ATTLIST): all refused,
 * so no entity is ever declared, expanded or fetched.
 */
function skipCommentOrCdata(text: string, family: XmlCodeFamily, open: number): number {
  if (text.startsWith('<!--', open)) return skipPast(text, family, '-->', open + 4)
  if (text.startsWith('<![CDATA[', open)) return skipPast(text, family, ']]>', open + 9)
  throw refusal(family, 'doctype_refused', 'document type declarations are refused', { at: open })
}

function skipPast(text: string, family: XmlCodeFamily, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from)
  if (end === -1) throw refusal(family, 'not_xml', `unterminated markup: ${terminator} expected`)
  return end + terminator.length
}
