// The shape of an mdoc profile: which docType, namespaces and data element identifiers exist, and what each means.

/**
 * The CDDL type of an element value (RFC 8610 names; `full-date` is tag 1004, `tdate` tag 0).
 * `image` is a `bstr` holding a picture (JPEG or JPEG 2000), kept apart so a report can withhold or thumbnail it.
 */
export type MdocElementType =
  | 'tstr'
  | 'uint'
  | 'int'
  | 'bool'
  | 'full-date'
  | 'tdate'
  | 'full-date-or-tdate'
  | 'bstr'
  | 'image'
  | 'array'
  | 'map'
  | 'any'

/**
 * How far an identifier can be trusted to mean what the profile says.
 * - `official`: defined in a published specification or by the platform that carries the credential;
 * - `observed`: read from real credentials by an open implementation, but not found in a published specification;
 * - `sandbox`: defined by Kakehashi for demonstration; no real issuer uses it.
 */
export type MdocIdentifierStatus = 'official' | 'observed' | 'sandbox'

export interface MdocLabel {
  en: string
  ja?: string
}

export interface MdocElementProfile {
  label: MdocLabel
  type: MdocElementType
  /** Where this element identifier is defined (URL or repo path), or 'sandbox'. */
  source?: string
  /** Absent: the profile's own status. */
  status?: MdocIdentifierStatus
  /** Set when an identifier left the specification; says since when, so old credentials still get a label. */
  deprecated?: string
  /** Set when law restricts requesting, collecting or keeping the value; a report must not echo it. */
  restricted?: string
}

export interface MdocElementPattern {
  /** A regular expression source matched against the whole identifier; its first group fills `{NN}` in the label. */
  pattern: string
  label: MdocLabel
  type: MdocElementType
  source?: string
  status?: MdocIdentifierStatus
  deprecated?: string
}

export interface MdocProfile {
  docType: string
  name: string
  /**
   * 'official': identifiers from a published specification; 'observed': seen in real credentials but not
   * published by the issuer; 'sandbox': defined by Kakehashi for demonstration.
   */
  status: MdocIdentifierStatus
  sources: { title: string; url: string }[]
  namespaces: Record<string, Record<string, MdocElementProfile>>
  /** Element identifier patterns such as age_over_NN, by namespace. */
  patterns?: Record<string, MdocElementPattern[]>
}

/** An element as `describeElement` returns it: status always resolved. */
export interface DescribedMdocElement extends MdocElementProfile {
  status: MdocIdentifierStatus
}
