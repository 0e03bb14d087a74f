// The meaning step: the credential's claims in the relying party's vocabulary, by the shipped crosswalks.
import { applyCrosswalkChain } from '../crosswalk/apply-crosswalk.ts'
import {
  type CrosswalkCatalogue,
  selectCrosswalks,
  shippedCrosswalks,
} from '../crosswalk/crosswalk-catalogue.ts'
import type { CrosswalkDocument } from '../crosswalk/crosswalk-document.ts'
import type { MdocElement } from '../formats/mdoc/index.ts'
import type { Meaning } from '../report/meaning.ts'
import type { IssuedCredential } from './issued-credential.ts'

const isDeviceSigned = (element: MdocElement): boolean => element.signedBy === 'device'

/**
 * What the crosswalk reads: the whole W3C credential (issuer and dates are outside its subject),
 * an mdoc's issuer-signed elements by namespace (a device-signed value is the holder's word,
 * not the issuer's), or the disclosed SD-JWT claims.
 */
function sourceOf(credential: IssuedCredential): Record<string, unknown> {
  if (credential.document !== undefined) return credential.document
  if (credential.elements === undefined) return credential.claims
  // The report's claims are the issuer-signed elements by namespace, then what only the device
  // says: with nothing device-signed they are exactly the issuer's, and need no copy.
  if (!credential.elements.some(isDeviceSigned)) return credential.claims
  const byNamespace: Record<string, Record<string, unknown>> = {}
  for (const element of credential.elements) {
    if (element.signedBy !== 'issuer') continue
    byNamespace[element.nameSpace] ??= {}
    ;(byNamespace[element.nameSpace] as Record<string, unknown>)[element.elementIdentifier] =
      element.value
  }
  return byNamespace
}

/** What a meaning says of the chain, the same for every credential mapped through it: made once, frozen, shared. */
type MeaningHeader = Readonly<Pick<Meaning, 'vocabulary' | 'crosswalks'>>
const headers = new WeakMap<readonly CrosswalkDocument[], MeaningHeader | undefined>()

function headerOf(
  chain: readonly CrosswalkDocument[],
  catalogue: CrosswalkCatalogue,
): MeaningHeader | undefined {
  if (headers.has(chain)) return headers.get(chain)
  const last = chain.at(-1) as CrosswalkDocument
  const vocabulary = catalogue.vocabularies.get(last.target)
  const header =
    vocabulary === undefined
      ? undefined
      : Object.freeze({
          vocabulary: Object.freeze({ id: vocabulary.id, title: Object.freeze(vocabulary.title) }),
          crosswalks: Object.freeze(
            chain.map((d) => Object.freeze({ id: d.id, version: d.version })),
          ) as Meaning['crosswalks'],
        })
  headers.set(chain, header)
  return header
}

/** The credential in the vocabulary of `relyingPartyFramework`, or undefined when no crosswalk leads there. */
export function describeMeaning(
  credential: IssuedCredential,
  relyingPartyFramework: string,
  catalogue: CrosswalkCatalogue = shippedCrosswalks(),
): Meaning | undefined {
  const chain = selectCrosswalks(catalogue, credential.credentialType, relyingPartyFramework)
  if (chain === undefined) return undefined
  const header = headerOf(chain, catalogue)
  if (header === undefined) return undefined
  const { claims } = applyCrosswalkChain(chain, sourceOf(credential), { target: false })
  return { vocabulary: header.vocabulary, crosswalks: header.crosswalks, claims }
}
