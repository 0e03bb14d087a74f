// Reads a LoTE in whichever binding it was published: XML when it opens with `<`, a compact JWS otherwise.
//
// TS 119 602 publishes one list in two bindings, and a URL does not say which: the content does. A
// JWS is base64url and dots, so it can never start with `<`; an XML document (after an optional
// byte-order mark and whitespace) always does. Either way the list is verified against the same
// configured signers and comes back as the same VerifiedLote.
import { KakehashiError } from '../../errors.ts'
import { readLoteJws, type VerifiedLote } from './read-lote-jws.ts'
import { readLoteXml } from './read-lote-xml.ts'

const LESS_THAN = 0x3c
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const
const XML_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d])

export interface ReadLoteOptions {
  /** Largest list accepted, in bytes, in either binding. */
  maxBytes?: number
}

/** True when `bytes` open, after an optional UTF-8 BOM and whitespace, with `<`. */
export function isXmlContent(bytes: Uint8Array): boolean {
  let at = UTF8_BOM.every((byte, index) => bytes[index] === byte) ? UTF8_BOM.length : 0
  while (at < bytes.length && XML_WHITESPACE.has(bytes[at] as number)) at++
  return bytes[at] === LESS_THAN
}

/** Verifies and reads `bytes` as an XML LoTE or a JWS one; refusals are `lote.*` KakehashiErrors. */
export async function readLote(
  bytes: Uint8Array,
  signers: readonly Uint8Array[],
  options: ReadLoteOptions = {},
): Promise<VerifiedLote> {
  const limits = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }
  if (isXmlContent(bytes)) return readLoteXml(bytes, signers, limits)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new KakehashiError('lote.malformed', 'the list is not UTF-8 text')
  }
  return readLoteJws(text, signers, limits)
}
