// CBOR (RFC 8949): bounded decoding, encoding, and embedded items, for COSE and mdoc.
export {
  CborError,
  type CborLimits,
  decodeCbor,
  decodeCborWithEmbedded,
  decodeScannedCbor,
  defaultCborLimits,
  embeddedCborBytes,
  encodeCbor,
  encodeEmbeddedCbor,
  isCborTag,
  scanCbor,
  Tag,
} from './cbor.ts'
