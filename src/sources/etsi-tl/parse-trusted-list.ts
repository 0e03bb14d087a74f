// Parses a trusted list or a LOTL from bytes into typed objects, after refusing hostile XML and checking conformance.
//
// The steps are always the same: refuse hostile input (src/lib/xml), parse into a
// namespace-aware DOM, check the structure against the schema (check-conformance.ts), then read
// the scheme information, the pointers to other lists and the trust service providers by walking
// down from the root. `parseTrustedList` does not check the signature: it is for lists read as data
// (a fixture edited after signing, a list shown to an operator). What Kakehashi trusts comes from
// `readTrustedList`, which verifies the signature over this same DOM before reading it.
import type { Document } from '@xmldom/xmldom'
import { readXmlDocument } from '../../lib/xml/parse-xml-document.ts'
import type { XmlLimits } from '../../lib/xml/refuse-hostile-xml.ts'
import { checkConformance } from './check-conformance.ts'
import { TSL_NS } from './namespaces.ts'
import { readSchemeInformation } from './parse-scheme-information.ts'
import { readTrustServiceProviders } from './parse-tsp-service.ts'
import type { TrustedList } from './trusted-list-types.ts'
import { attribute, child, requiredChild } from './xml-readers.ts'

export interface ParseTrustedListOptions {
  /** Overrides of the hostile-XML limits (size, depth, element count). */
  limits?: Partial<XmlLimits>
}

/**
 * Parses a trusted list WITHOUT checking its signature. Throws a KakehashiError (`tl.*`) when the
 * input is hostile, not XML, or not a conformant list of format 5 or 6.
 */
export function parseTrustedList(
  input: Uint8Array | string,
  options: ParseTrustedListOptions = {},
): TrustedList {
  return extractTrustedList(loadTrustedListDocument(input, options))
}

/** The checked DOM of a trusted list: hostile XML refused, well-formed, conformant. */
export function loadTrustedListDocument(
  input: Uint8Array | string,
  options: ParseTrustedListOptions = {},
): Document {
  const document = readXmlDocument(input, 'tl', options.limits)
  checkConformance(document)
  return document
}

/** Reads the typed list from a document that loadTrustedListDocument returned. */
export function extractTrustedList(document: Document): TrustedList {
  const root = document.documentElement
  if (root === null) throw new Error('unreachable: a loaded trusted list has a root')
  const id = attribute(root, 'Id')
  return {
    tslTag: attribute(root, 'TSLTag') ?? '',
    ...(id !== undefined ? { id } : {}),
    schemeInformation: readSchemeInformation(requiredChild(root, TSL_NS, 'SchemeInformation')),
    trustServiceProviders: readTrustServiceProviders(
      child(root, TSL_NS, 'TrustServiceProviderList'),
    ),
  }
}
