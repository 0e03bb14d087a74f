// Reads a trusted list the way Kakehashi trusts one: refuse hostile XML, check conformance, verify, then parse the verified DOM.
//
// The order is the point. The signature is verified over the very DOM the list is then read from,
// and only after the checks that the one signature covers the whole document, so the data returned
// is the data that was signed. Whether the signer is the right one (the LOTL's announcement for a
// national list, the configured set for the LOTL) is check-tl-signer.ts's question, and whether the
// list is still current is isStale's: both answers depend on more than the document.
import { createHash } from 'node:crypto'
import {
  extractTrustedList,
  loadTrustedListDocument,
  type ParseTrustedListOptions,
} from './parse-trusted-list.ts'
import type { TrustedList } from './trusted-list-types.ts'
import {
  type TrustedListSignature,
  verifyTrustedListSignature,
} from './verify-trusted-list-signature.ts'

/** A list whose signature verified, with the signature's facts and the digest of its bytes. */
export interface VerifiedTrustedList {
  list: TrustedList
  signature: TrustedListSignature
  /** SHA-256 of the input bytes (UTF-8 for text), lower-case hex: what the change log records. */
  sha256: string
  byteLength: number
}

export async function readTrustedList(
  input: Uint8Array | string,
  options: ParseTrustedListOptions = {},
): Promise<VerifiedTrustedList> {
  const document = loadTrustedListDocument(input, options)
  const signature = await verifyTrustedListSignature(document)
  // After the load, which refused oversize input before anything was copied.
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input
  return {
    list: extractTrustedList(document),
    signature,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteLength: bytes.byteLength,
  }
}
