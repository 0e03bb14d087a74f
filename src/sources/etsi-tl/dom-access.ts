// Namespace-aware reading of a trusted list's DOM: direct children by namespace URI and local name.
//
// Everything is found by walking down from the root through direct children, never by searching the
// whole document: content an attacker tucked inside the signature (or anywhere the schema does not
// put it) is then never read as list data. Values are read the way canonicalisation sees them: the
// concatenation of every text and CDATA child, comments left out.
import type { Element, Node } from '@xmldom/xmldom'
import { KakehashiError } from '../../errors.ts'
import { XML_NS } from './namespaces.ts'

const ELEMENT_NODE = 1
const TEXT_NODE = 3
const CDATA_SECTION_NODE = 4

export const isElement = (node: Node): node is Element => node.nodeType === ELEMENT_NODE

/** The element children of `parent`, in document order. */
export function childElements(parent: Element): Element[] {
  const out: Element[] = []
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (isElement(node)) out.push(node)
  }
  return out
}

export const isNamed = (element: Element, namespace: string, localName: string): boolean =>
  element.localName === localName && element.namespaceURI === namespace

/** The children of `parent` named `{namespace}localName`. */
export function children(parent: Element, namespace: string, localName: string): Element[] {
  const out: Element[] = []
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (isElement(node) && isNamed(node, namespace, localName)) out.push(node)
  }
  return out
}

/** The first child of `parent` named `{namespace}localName`, if any. */
export function child(parent: Element, namespace: string, localName: string): Element | undefined {
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (isElement(node) && isNamed(node, namespace, localName)) return node
  }
  return undefined
}

/** Like child, but a missing element is a conformance failure. */
export function requiredChild(parent: Element, namespace: string, localName: string): Element {
  const found = child(parent, namespace, localName)
  if (found === undefined) throw notConformant(parent, `${localName} is missing`)
  return found
}

/**
 * The text of a simple-content element, trimmed. An element child where text is expected is a
 * conformance failure rather than something to flatten: its text would otherwise be read as ours.
 */
export function textOf(element: Element): string {
  let text = ''
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      text += node.nodeValue ?? ''
    } else if (isElement(node)) {
      throw notConformant(element, `${node.localName} appears where text is expected`)
    }
  }
  return text.trim()
}

/** True when `element` holds nothing but whitespace and comments between its element children. */
export function hasOnlyWhitespaceText(element: Element): boolean {
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (
      (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) &&
      (node.nodeValue ?? '').trim() !== ''
    ) {
      return false
    }
  }
  return true
}

/** The element's `xml:lang`, or undefined. */
export function languageOf(element: Element): string | undefined {
  const lang = element.getAttributeNS(XML_NS, 'lang')
  return lang === null || lang === '' ? undefined : lang
}

/** The value of an unqualified attribute, or undefined when absent. */
export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined
}

/** Where an element sits, as local names from the root with positions: for error messages. */
export function pathOf(element: Element): string {
  const steps: string[] = []
  let current: Node | null = element
  while (current !== null && isElement(current)) {
    const here: Element = current
    let index = 1
    for (let sibling = here.previousSibling; sibling !== null; sibling = sibling.previousSibling) {
      if (isElement(sibling) && sibling.localName === here.localName) index++
    }
    steps.unshift(index > 1 ? `${here.localName}[${index}]` : (here.localName ?? ''))
    current = here.parentNode
  }
  return `/${steps.join('/')}`
}

export function notConformant(element: Element, problem: string): KakehashiError {
  const path = pathOf(element)
  return new KakehashiError('tl.not_conformant', `${path}: ${problem}`, { path })
}
