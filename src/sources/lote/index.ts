// ETSI TS 119 602 lists of trusted entities (LoTE), JSON and XML bindings: verify and import, and export a framework signed.
//
// `readLoteJws` (a compact JWS) and `readLoteXml` (an enveloped XML signature) are the ways in for
// anything Kakehashi will trust (signature against the configured signers, then schema and
// limits); `readLote` picks one by the content. `loteToSourceImport` maps what they return onto
// the registry. `frameworkToLote`, then `signLoteJws` or `signLoteXml` (written by `writeLoteXml`),
// are the way out, with the signer of `loadExportSigner`.
export { type ExportSigner, type ExportSignerLocation, loadExportSigner } from './export-signer.ts'
export {
  ADDRESS_NOT_RECORDED,
  type FrameworkToLoteInput,
  frameworkToLote,
  KAKEHASHI_LOTE_TYPE,
  KAKEHASHI_STATUS_DETERMINATION,
} from './framework-to-lote.ts'
export { type LoteImportOptions, loteToSourceImport } from './lote-to-source-import.ts'
export * from './lote-uris.ts'
export { KAKEHASHI_LOTE_NS, LOTE_NS } from './parse-lote-xml.ts'
export { readLote } from './read-lote.ts'
export {
  defaultLoteLimits,
  type LoteReadLimits,
  parseLoteDocument,
  readLoteJws,
  SUPPORTED_LOTE_VERSIONS,
  type VerifiedLote,
} from './read-lote-jws.ts'
export { defaultLoteXmlLimits, readLoteXml } from './read-lote-xml.ts'
export { LOTE_JWS_MEDIA_TYPE, signLoteJws } from './sign-lote-jws.ts'
export { LOTE_XML_MEDIA_TYPE, type SignLoteXmlOptions, signLoteXml } from './sign-lote-xml.ts'
export { LOTE_TAG, writeLoteXml } from './write-lote-xml.ts'
export type * from './z-lote.ts'
export { LOTE_LIMITS } from './z-lote.ts'
