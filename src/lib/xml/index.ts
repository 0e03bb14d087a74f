// Reading untrusted XML: hostile constructs refused before parsing, a strict namespace-aware DOM, strict values.
export * from './dom-access.ts'
export { parseXmlDocument, readXmlDocument, XmlDomParser } from './parse-xml-document.ts'
export { type XmlLangText, xmlValueReader } from './read-xml-values.ts'
export {
  defaultXmlLimits,
  refusal,
  refuseHostileXml,
  type XmlCodeFamily,
  type XmlLimits,
  type XmlRefusal,
} from './refuse-hostile-xml.ts'
