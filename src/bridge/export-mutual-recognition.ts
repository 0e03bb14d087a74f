// Exports the rules by which one framework recognises another as an EU LOTL pointer with the mutual-recognition extension.
import { KakehashiError } from '../errors.ts'
import { writeMutualRecognitionPointer } from '../sources/etsi-tl/write-mutual-recognition.ts'
import type { Bridge } from './open-bridge.ts'

export interface MutualRecognitionExportQuery {
  /** A: the framework that recognises (the pointing party). */
  recognising: string
  /** B: the framework recognised (the pointed party). */
  recognised: string
  /** Where B's list is published: the pointer's TSLLocation. */
  location: string
  /** B's territory, ISO 3166-1 alpha-2. */
  territory?: string
}

/**
 * An `OtherTSLPointer` element, as a LOTL's PointersToOtherTSL holds it: the `mra:` block EU tools
 * (DSS) read, and Kakehashi's own statement of each rule beside it, from one registry snapshot.
 * The signer certificates of B's list are the LOTL's to add.
 */
export async function exportMutualRecognition(
  bridge: Pick<Bridge, 'registry' | 'clock'>,
  query: MutualRecognitionExportQuery,
): Promise<string> {
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
  })
}
