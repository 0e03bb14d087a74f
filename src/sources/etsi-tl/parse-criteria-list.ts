// Reads an ecc:CriteriaList (and open content as raw elements), shared by Qualifications and the MRA extension.
//
// A CriteriaList says which certificates a qualifier applies to: key usage bits, certificate
// policies, nested lists, and an open `otherCriteriaList`. It is kept as written, not evaluated;
// the open parts become RawElement trees. The MRA extension states certificate content in the same
// form, so both use this reader.
import type { Element } from '@xmldom/xmldom'
import { ECC_NS, XADES_NS } from './namespaces.ts'
import type { CriteriaList, KeyUsageBit, RawElement } from './trusted-list-types.ts'
import {
  attribute,
  child,
  childElements,
  children,
  isElement,
  readRequiredText,
  textOf,
} from './xml-readers.ts'

/** Reads a CriteriaList-typed element (its own name may be in another namespace, as in MRA). */
export function readCriteriaList(element: Element): CriteriaList {
  const description = child(element, ECC_NS, 'Description')
  const other = child(element, ECC_NS, 'otherCriteriaList')
  const assert = attribute(element, 'assert')
  return {
    ...(assert !== undefined ? { assert } : {}),
    keyUsage: children(element, ECC_NS, 'KeyUsage').map((keyUsage) =>
      children(keyUsage, ECC_NS, 'KeyUsageBit').map(readKeyUsageBit),
    ),
    policySet: children(element, ECC_NS, 'PolicySet').map((policySet) =>
      children(policySet, ECC_NS, 'PolicyIdentifier').map(readObjectIdentifier),
    ),
    criteriaList: children(element, ECC_NS, 'CriteriaList').map(readCriteriaList),
    ...(description !== undefined ? { description: textOf(description) } : {}),
    otherCriteriaList: other === undefined ? [] : childElements(other).map(readRawElement),
  }
}

function readKeyUsageBit(element: Element): KeyUsageBit {
  return { name: attribute(element, 'name') ?? '', value: textOf(element) === 'true' }
}

/** The Identifier of a xades:ObjectIdentifierType (an OID URN or a URI), as written. */
export function readObjectIdentifier(element: Element): string {
  const identifier = child(element, XADES_NS, 'Identifier')
  return identifier === undefined ? textOf(element) : readRequiredText(identifier)
}

/**
 * Keeps an element whole: names, attributes, trimmed text and children. The depth is bounded by
 * the limit refuseHostileXml enforced, so the recursion is too.
 */
export function readRawElement(element: Element): RawElement {
  const attributes: Record<string, string> = {}
  for (let index = 0; index < element.attributes.length; index++) {
    const item = element.attributes.item(index)
    if (item === null || item.name === 'xmlns' || item.prefix === 'xmlns') continue
    attributes[item.name] = item.value
  }
  let text = ''
  const kids: RawElement[] = []
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (isElement(node)) kids.push(readRawElement(node))
    else if (node.nodeType === 3 || node.nodeType === 4) text += node.nodeValue ?? ''
  }
  return {
    namespaceURI: element.namespaceURI ?? '',
    localName: element.localName ?? '',
    attributes,
    text: text.trim(),
    children: kids,
  }
}
