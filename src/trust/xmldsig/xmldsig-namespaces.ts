// The namespace URIs of XML signatures (XMLDSig) and their XAdES qualifying properties, by which signature elements are found.

export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#'
export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#'
/** The Type of the XAdES reference to the signed properties. */
export const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties'
