// The X.509 side of issuer trust: certificate parsing, path validation to registry anchors, `iss` binding.
export { type DecodeX5cResult, decodeX5c } from './decode-x5c.ts'
export { type IssuerNameMatch, matchIssuerName } from './match-issuer-name.ts'
export {
  decodePemCertificates,
  fingerprintSha256,
  type ParseCertificateResult,
  parseCertificate,
} from './parse-certificate.ts'
export type * from './path-result.ts'
export {
  TrustAnchorSet,
  type TrustAnchorSetOptions,
  type TrustAnchorSetStats,
} from './trust-anchor-set.ts'
export { validateCertificatePath } from './validate-certificate-path.ts'
