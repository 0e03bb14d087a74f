// What one version of a source asserts, in registry terms: the unit an importer hands the registry.
import type { Authorisation } from './authorisation.ts'
import type { DigitalIdentity } from './digital-identity.ts'
import type { RecognitionRule } from './recognition-rule.ts'
import type { Source, SourceVersion } from './source.ts'
import type { TrustFramework } from './trust-framework.ts'
import type { TrustedEntity } from './trusted-entity.ts'

/**
 * Every object carries `sourceId` equal to `source.id`, and ids are the source's own (prefixed
 * with the source id), so the registry can replace exactly what an earlier version asserted:
 * what is new or changed is put, what is gone is removed, what is equal is left alone.
 */
export interface SourceContent {
  frameworks: TrustFramework[]
  entities: TrustedEntity[]
  identities: DigitalIdentity[]
  authorisations: Authorisation[]
  recognitionRules: RecognitionRule[]
}

/** A verified version of a source, ready for import. */
export interface SourceImport {
  source: Source
  version: SourceVersion
  content: SourceContent
}

export const emptySourceContent = (): SourceContent => ({
  frameworks: [],
  entities: [],
  identities: [],
  authorisations: [],
  recognitionRules: [],
})
