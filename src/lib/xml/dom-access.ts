// Namespace-aware reading of a DOM: direct children by namespace URI and local name, attributes, positions.
//
// Everything is found by walking down from the root through direct children, never by searching the
// whole document: content an attacker tucked inside a signature (or anywhere the schema does not
// put it) is then never read as list data. What refuses a document (a missing element, an element
// where text belongs) is read-xml-values.ts's, in the caller's code family.
import type { Element, Node } from '@xmldom/xmldom'

/** The namespace of `xml:lang`. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace'

const ELEMENT_NODE = 1
const TEXT_NODE = 3
const CDATA_SECTION_NODE = 4

export const isElement = (node: Node): node is Element => node.nodeType === ELEMENT_NODE

/** True for text and CDATA nodes: what canonicalisation sees as an element's character content. */
export const isText = (node: Node): boolean =>
  node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE

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

/** True when `element` holds nothing but whitespace and comments between its element children. */
export function hasOnlyWhitespaceText(element: Element): boolean {
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (isText(node) && (node.nodeValue ?? '').trim() !== '') return false
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
