// A verification method of a DID document, with the relationships the document lists it under (DID Core §5.3).
import type {
  ResolvedVerificationMethod,
  VerificationRelationship,
} from '../../formats/w3c-vc/types.ts'
import { DidResolutionError } from './did-error.ts'
import { publicKeyOfMethod } from './public-key-of-method.ts'

const relationships: readonly VerificationRelationship[] = [
  'assertionMethod',
  'authentication',
  'capabilityInvocation',
  'capabilityDelegation',
  'keyAgreement',
]

/** More methods than this in one document is not a document a verifier should walk. */
export const MAX_METHODS_PER_DOCUMENT = 64

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** A method id as written (`#key-1` or absolute), made absolute against the document's id. */
const absoluteId = (id: string, documentId: string): string =>
  id.startsWith('#') ? `${documentId}${id}` : id

function listOf(document: Record<string, unknown>, member: string): unknown[] {
  const value = document[member]
  if (value === undefined) return []
  if (!Array.isArray(value))
    throw new DidResolutionError('did.document_invalid', `${member} is not an array`)
  if (value.length > MAX_METHODS_PER_DOCUMENT)
    throw new DidResolutionError(
      'did.document_invalid',
      `${member} lists more than ${MAX_METHODS_PER_DOCUMENT} methods`,
    )
  return value
}

/**
 * Finds `methodId` among the document's methods (in `verificationMethod` or embedded in a
 * relationship) and resolves its key. The document's `id` must be the DID asked for: a document
 * served for another DID says nothing about this one.
 */
export async function methodInDocument(
  document: unknown,
  did: string,
  methodId: string,
): Promise<ResolvedVerificationMethod> {
  if (!isObject(document) || document.id !== did)
    throw new DidResolutionError('did.document_invalid', `the DID document's id is not ${did}`)
  let found: Record<string, unknown> | undefined
  const listedUnder = new Set<VerificationRelationship>()
  const candidates = listOf(document, 'verificationMethod')
  for (const relationship of relationships) {
    for (const entry of listOf(document, relationship)) {
      const id = typeof entry === 'string' ? entry : isObject(entry) ? entry.id : undefined
      if (typeof id !== 'string' || absoluteId(id, did) !== methodId) continue
      listedUnder.add(relationship)
      if (isObject(entry)) candidates.push(entry)
    }
  }
  for (const entry of candidates)
    if (isObject(entry) && typeof entry.id === 'string' && absoluteId(entry.id, did) === methodId)
      found = entry
  if (found === undefined)
    throw new DidResolutionError(
      'did.method_not_found',
      `${did} has no verification method ${methodId}`,
    )
  const { controller, type } = found
  if (typeof controller !== 'string' || typeof type !== 'string')
    throw new DidResolutionError(
      'did.document_invalid',
      `verification method ${methodId} has no controller or type`,
    )
  return {
    id: methodId,
    controller,
    type,
    publicKey: await publicKeyOfMethod(found),
    relationships: listedUnder,
  }
}
