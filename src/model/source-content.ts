// What one version of a source asserts, in registry terms: the unit an importer hands the registry.
import type { z } from 'zod'
import type { Authorisation, zAuthorisation } from './authorisation.ts'
import type { DigitalIdentity, zDigitalIdentity } from './digital-identity.ts'
import type { RecognitionRule, zRecognitionRule } from './recognition-rule.ts'
import type { Source, SourceVersion } from './source.ts'
import type { TrustFramework, zTrustFramework } from './trust-framework.ts'
import type { TrustedEntity, zTrustedEntity } from './trusted-entity.ts'

/**
 * Every object carries `sourceId` equal to `source.id`, and ids are the source's own (prefixed
 * with the source id), so the registry can replace exactly what an earlier version asserted:
 * what is new or changed is put, what is gone is removed, what is equal is left alone.
 */
export interface SourceContent {
  frameworks: z.input<typeof zTrustFramework>[]
  entities: z.input<typeof zTrustedEntity>[]
  identities: z.input<typeof zDigitalIdentity>[]
  authorisations: z.input<typeof zAuthorisation>[]
  recognitionRules: z.input<typeof zRecognitionRule>[]
}

/** Source content with the schemas' defaults applied, as the projection holds it. */
export interface NormalisedSourceContent {
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

export const emptySourceContent = (): NormalisedSourceContent => ({
  frameworks: [],
  entities: [],
  identities: [],
  authorisations: [],
  recognitionRules: [],
})
