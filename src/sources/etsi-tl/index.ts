// ETSI TS 119 612 trusted lists and the EU LOTL: hostile-XML refusal, parsing, signature verification, signer checks.
//
// `readTrustedList` is the way in for anything Kakehashi will trust: it refuses hostile XML, checks
// the structure, verifies the one enveloped signature over the whole document and reads the list
// from the DOM it verified. Then `checkNationalListSigner` (against the LOTL) or `checkLotlSigner`
// (against the configured signers), `checkSequence` and `isStale` decide whether to use it.
// `parseTrustedList` reads a list without its signature, for display and fixtures.

export { defaultXmlLimits, type XmlLimits } from '../../lib/xml/refuse-hostile-xml.ts'
export { SUPPORTED_TSL_VERSIONS } from './check-conformance.ts'
export {
  announcedCertificates,
  type CheckNationalListSignerOptions,
  checkLotlSigner,
  checkNationalListSigner,
  checkSequence,
  findTerritoryPointers,
  isStale,
  trustedListFreshness,
} from './check-tl-signer.ts'
export * from './namespaces.ts'
export {
  extractTrustedList,
  loadTrustedListDocument,
  type ParseTrustedListOptions,
  parseTrustedList,
} from './parse-trusted-list.ts'
export { readTrustedList, type VerifiedTrustedList } from './read-trusted-list.ts'
export type * from './trusted-list-types.ts'
export {
  type TrustedListSignature,
  verifyTrustedListSignature,
} from './verify-trusted-list-signature.ts'
