// Signs a LoTE as a compact JWS (the JSON binding's form), with the signer certificate in `x5c`.
import { CompactSign } from 'jose'
import { KakehashiError } from '../../errors.ts'
import type { ExportSigner } from './export-signer.ts'
import { parseLoteDocument } from './read-lote-jws.ts'
import type { LoTEDocument } from './z-lote.ts'

/**
 * RFC 7515 §9.2.1 registers `application/jose` for the compact serialisation; TS 119 602 names no
 * media type of its own for a signed JSON list, and the payload is no JWT claims set, so
 * `application/jwt` would say something false.
 */
export const LOTE_JWS_MEDIA_TYPE = 'application/jose'

/** The JWS of `document`, signed by `signer`; the document is checked against the schema first. */
export async function signLoteJws(document: LoTEDocument, signer: ExportSigner): Promise<string> {
  // Kakehashi never publishes a list it would itself refuse to read.
  try {
    parseLoteDocument(document)
  } catch (error) {
    throw new KakehashiError(
      'lote.not_conformant',
      `the list to sign is not conformant: ${(error as Error).message}`,
      undefined,
      { cause: error },
    )
  }
  return new CompactSign(new TextEncoder().encode(JSON.stringify(document)))
    .setProtectedHeader({
      alg: signer.algorithm,
      x5c: [Buffer.from(signer.certificate).toString('base64')],
    })
    .sign(signer.privateKey)
}
