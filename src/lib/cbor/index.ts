// CBOR (RFC 8949): bounded decoding, encoding, and embedded items, for COSE and mdoc.
export {
  byteStringParts,
  CborError,
  type CborLimits,
  cborHead,
  decodeCbor,
  decodeCborWithEmbedded,
  decodeScannedCbor,
  decodeScannedSequence,
  defaultCborLimits,
  EmbeddedItems,
  embeddedCborBytes,
  encodeCbor,
  encodeEmbeddedCbor,
  isCborTag,
  scanCbor,
  Tag,
} from './cbor.ts'
