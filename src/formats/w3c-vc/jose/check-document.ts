// Checks that a verified payload is a credential or presentation of the data model it claims to be.
import { VCDM1_CONTEXT, VCDM2_CONTEXT } from '../data-model.ts'
import { type DocumentKind, documentKindOf, issuerIdOf } from '../types.ts'
import { VcJoseError } from './vc-jose-error.ts'

/** VCDM 2.0 §4.3 and VCDM 1.1 §4.1: the first `@context` names the data model version. */
export const dataModelContexts = {
  '2.0': VCDM2_CONTEXT,
  '1.1': VCDM1_CONTEXT,
} as const

export type DataModelVersion = keyof typeof dataModelContexts

/**
 * Refuses a document that is not the `kind` the envelope announced, under the data model the
 * mechanism secures. Only what verification depends on is checked here; the rest of the data
 * model is validated later in the pipeline.
 */
export function checkDocument(
  document: Record<string, unknown>,
  kind: DocumentKind,
  version: DataModelVersion,
): void {
  const context = document['@context']
  const first = Array.isArray(context) ? context[0] : context
  if (first !== dataModelContexts[version]) {
    throw new VcJoseError(
      'w3c.document_invalid',
      `the first @context is ${JSON.stringify(first)}, not ${dataModelContexts[version]} (VCDM ${version})`,
    )
  }
  const found = documentKindOf(document)
  if (found !== kind) {
    throw new VcJoseError(
      'w3c.document_invalid',
      `the ${kind === 'vc' ? 'credential' : 'presentation'} has type ${JSON.stringify(document.type)}`,
    )
  }
  if (kind === 'vc' && issuerIdOf(document) === undefined) {
    throw new VcJoseError('w3c.document_invalid', 'the credential names no issuer id')
  }
}
