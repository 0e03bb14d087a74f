// The namespace URIs of ETSI TS 119 612 trusted lists: every element is looked up by these, never by prefix.
//
// Lists bind these namespaces to whatever prefixes their producers chose (none, `tsl:`, `ns2:`,
// `ds:`, `dsig:`…), so a prefix says nothing; the URI is the name. The same elements in another
// namespace are not trusted-list elements.
export { XML_NS } from '../../lib/xml/dom-access.ts'
export { DS_NS, SIGNED_PROPERTIES_TYPE, XADES_NS } from '../../trust/xmldsig/xmldsig-namespaces.ts'

/** The trusted-list schema itself (TS 119 612 Annex C, unchanged since TS 102 231 v2). */
export const TSL_NS = 'http://uri.etsi.org/02231/v2#'
/** Additional types: MimeType, TakenOverBy, ExtendedKeyUsage, CertSubjectDNAttribute. */
export const TSLX_NS = 'http://uri.etsi.org/02231/v2/additionaltypes#'
/** Service information extensions: Qualifications and their CriteriaList. */
export const ECC_NS = 'http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#'
/** The EU mutual-recognition extension of a LOTL pointer to a third country's list. */
export const MRA_NS = 'http://ec.europa.eu/tools/lotl/mra/schema/v2#'
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance'

/** The MimeType a LOTL pointer gives for the XML form of a list (the other forms are PDF). */
export const TSL_XML_MIME_TYPE = 'application/vnd.etsi.tsl+xml'
