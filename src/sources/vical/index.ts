// ISO/IEC 18013-5 VICALs (Verified Issuer Certificate Authority Lists): the IACA certificates of mdoc issuing authorities.
//
// `readVical` is the way in: the size, the CBOR, the COSE_Sign1 and its algorithm, the signer
// against the configured certificates, the signature, then the VICAL CDDL with its bounds and
// every IACA certificate. Then `vicalToSourceImport` says it in registry terms.
export {
  type IacaCertificate,
  readIacaCertificates,
} from './read-iaca-certificates.ts'
export {
  type ReadVicalOptions,
  readVical,
  type VerifiedVical,
  VICAL_ALGORITHMS,
} from './read-vical.ts'
export {
  countVical,
  type VicalImportOptions,
  vicalToSourceImport,
} from './vical-to-source-import.ts'
export {
  VICAL_LIMITS,
  type Vical,
  type VicalCertificateInfo,
  zVical,
  zVicalCertificateInfo,
} from './z-vical.ts'
