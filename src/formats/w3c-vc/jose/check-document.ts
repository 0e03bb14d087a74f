// Checks that a verified payload is a credential or presentation of the data model it claims to be.
import { isPlainObject } from '../../../lib/parse-json.ts'
import { issuerIdOf } from '../types.ts'
import { VcJoseError } from './vc-jose-error.ts'

export type DocumentKind = 'vc' | 'vp'

/** VCDM 2.0 §4.3 and VCDM 1.1 §4.1: the first `@context` names the data model version. */
export const dataModelContexts = {
  '2.0': 'https://www.w3.org/ns/credentials/v2',
  '1.1': 'https://www.w3.org/2018/credentials/v1',
} as const

export type DataModelVersion = keyof typeof dataModelContexts

const typesOf = (document: Record<string, unknown>): unknown[] =>
  Array.isArray(document.type) ? document.type : [document.type]

/** Whether the document says it is a credential or a presentation (VCDM `type`); undefined when neither or both. */
export function documentKindOf(document: Record<string, unknown>): DocumentKind | undefined {
  const types = typesOf(document)
  const vc = types.includes('VerifiableCredential')
  const vp = types.includes('VerifiablePresentation')
  if (vc === vp) return undefined
  return vc ? 'vc' : 'vp'
}

/** The holder as the presentation states it (`holder` is a URL or an object with `id`). */
export function holderIdOf(presentation: Record<string, unknown>): string | undefined {
  const holder = presentation.holder
  if (typeof holder === 'string') return holder
  if (isPlainObject(holder) && typeof holder.id === 'string') return holder.id
  return undefined
}

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
