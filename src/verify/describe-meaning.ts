// The meaning step: the credential's claims in the relying party's vocabulary, by the shipped crosswalks.
import { applyCrosswalkChain } from '../crosswalk/apply-crosswalk.ts'
import {
  type CrosswalkCatalogue,
  selectCrosswalks,
  shippedCrosswalks,
} from '../crosswalk/crosswalk-catalogue.ts'
import type { Meaning } from '../report/meaning.ts'
import type { IssuedCredential } from './issued-credential.ts'

/**
 * What the crosswalk reads: the whole W3C credential (issuer and dates are outside its subject),
 * an mdoc's issuer-signed elements by namespace (a device-signed value is the holder's word,
 * not the issuer's), or the disclosed SD-JWT claims.
 */
function sourceOf(credential: IssuedCredential): Record<string, unknown> {
  if (credential.document !== undefined) return credential.document
  if (credential.elements === undefined) return credential.claims
  const byNamespace: Record<string, Record<string, unknown>> = {}
  for (const element of credential.elements) {
    if (element.signedBy !== 'issuer') continue
    byNamespace[element.nameSpace] ??= {}
    ;(byNamespace[element.nameSpace] as Record<string, unknown>)[element.elementIdentifier] =
      element.value
  }
  return byNamespace
}

/** The credential in the vocabulary of `relyingPartyFramework`, or undefined when no crosswalk leads there. */
export function describeMeaning(
  credential: IssuedCredential,
  relyingPartyFramework: string,
  catalogue: CrosswalkCatalogue = shippedCrosswalks(),
): Meaning | undefined {
  const chain = selectCrosswalks(catalogue, credential.credentialType, relyingPartyFramework)
  if (chain === undefined) return undefined
  const last = chain.at(-1) as (typeof chain)[number]
  const vocabulary = catalogue.vocabularies.get(last.target)
  if (vocabulary === undefined) return undefined
  const { claims } = applyCrosswalkChain(chain, sourceOf(credential))
  return {
    vocabulary: { id: vocabulary.id, title: vocabulary.title },
    crosswalks: chain.map((d) => ({ id: d.id, version: d.version })),
    claims,
  }
}
