// Exports the rules by which one framework recognises another as an EU LOTL pointer with the mutual-recognition extension.
import { KakehashiError } from '../errors.ts'
import { writeMutualRecognitionPointer } from '../sources/etsi-tl/write-mutual-recognition.ts'
import type { Bridge } from './open-bridge.ts'

/** How many signer certificates a pointer may name. */
export const MAX_SIGNER_CERTIFICATES = 8

export interface MutualRecognitionExportQuery {
  /** A: the framework that recognises (the pointing party). */
  recognising: string
  /** B: the framework recognised (the pointed party). */
  recognised: string
  /** Where B's list is published: the pointer's TSLLocation. */
  location: string
  /** B's territory, ISO 3166-1 alpha-2. */
  territory?: string
  /** The certificates (DER) that may sign B's list: the pointer's ServiceDigitalIdentities. */
  signerCertificates?: readonly Uint8Array[]
}

/**
 * An `OtherTSLPointer` element, as a LOTL's PointersToOtherTSL holds it: the `mra:` block EU tools
 * (DSS) read, and Kakehashi's own statement of each rule beside it, from one registry snapshot.
 * Without `signerCertificates` the pointer names no signer, and a LOTL must add them before EU
 * tools accept B's list through it.
 */
export async function exportMutualRecognition(
  bridge: Pick<Bridge, 'registry' | 'clock'>,
  query: MutualRecognitionExportQuery,
): Promise<string> {
  if ((query.signerCertificates?.length ?? 0) > MAX_SIGNER_CERTIFICATES)
    throw new KakehashiError(
      'input.invalid',
      `a pointer names at most ${MAX_SIGNER_CERTIFICATES} signer certificates`,
    )
  const snapshot = await bridge.registry.get()
  const rules = snapshot.recognitionRules.filter(
    (rule) =>
      rule.recognisingFrameworkId === query.recognising &&
      rule.recognisedFrameworkId === query.recognised,
  )
  if (rules.length === 0) {
    throw new KakehashiError(
      'registry.not_found',
      `no rule by which ${query.recognising} recognises ${query.recognised}`,
      { recognising: query.recognising, recognised: query.recognised },
    )
  }
  return writeMutualRecognitionPointer(rules, {
    atMs: bridge.clock.now(),
    tslLocation: query.location,
    ...(query.territory !== undefined ? { schemeTerritory: query.territory } : {}),
    ...(query.signerCertificates !== undefined
      ? { signerCertificates: query.signerCertificates }
      : {}),
  })
}
