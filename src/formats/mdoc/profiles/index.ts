// The known mdoc profiles, and the lookup that names a returned data element on the verification hot path.
import { eudiPidProfile } from './eudi-pid.ts'
import { jpMyNumberProfile } from './jp-mynumber.ts'
import { jpMyNumberSandboxProfile } from './jp-mynumber-sandbox.ts'
import { mdlProfile } from './mdl.ts'
import type {
  DescribedMdocElement,
  MdocElementPattern,
  MdocIdentifierStatus,
  MdocLabel,
  MdocProfile,
} from './profile-types.ts'

export { EUDI_PID_DOCTYPE, EUDI_PID_NAMESPACE, eudiPidProfile } from './eudi-pid.ts'
export {
  ISO_23220_NAMESPACE,
  JP_MYNUMBER_DOCTYPE,
  JP_MYNUMBER_NAMESPACE,
  jpMyNumberProfile,
} from './jp-mynumber.ts'
export {
  JP_MYNUMBER_SANDBOX_DOCTYPE,
  JP_MYNUMBER_SANDBOX_NAMESPACE,
  jpMyNumberSandboxProfile,
} from './jp-mynumber-sandbox.ts'
export { MDL_DOCTYPE, MDL_NAMESPACE, mdlProfile } from './mdl.ts'
export type * from './profile-types.ts'

export const mdocProfiles: readonly MdocProfile[] = Object.freeze([
  eudiPidProfile,
  mdlProfile,
  jpMyNumberProfile,
  jpMyNumberSandboxProfile,
])

/** Identifiers longer than this are never a profile's; refusing them early keeps hostile input cheap. */
const MAX_IDENTIFIER_LENGTH = 256
/** Pattern matches are cached, but an attacker choosing identifiers must not grow the cache without end. */
const MAX_CACHED_MATCHES = 512

interface CompiledPattern {
  regex: RegExp
  pattern: MdocElementPattern
  status: MdocIdentifierStatus
}

interface NamespaceIndex {
  elements: Map<string, DescribedMdocElement>
  patterns: CompiledPattern[]
  matched: Map<string, DescribedMdocElement | undefined>
}

const freezeLabel = (label: MdocLabel): MdocLabel => Object.freeze({ ...label })

function indexNamespace(profile: MdocProfile, namespace: string): NamespaceIndex {
  const elements = new Map<string, DescribedMdocElement>()
  for (const [identifier, element] of Object.entries(profile.namespaces[namespace] ?? {})) {
    elements.set(
      identifier,
      Object.freeze({
        ...element,
        label: freezeLabel(element.label),
        status: element.status ?? profile.status,
      }),
    )
  }
  const patterns = (profile.patterns?.[namespace] ?? []).map((pattern) => ({
    regex: new RegExp(pattern.pattern),
    pattern,
    status: pattern.status ?? profile.status,
  }))
  return { elements, patterns, matched: new Map() }
}

const byDocType = new Map<string, MdocProfile>()
const byDocTypeAndNamespace = new Map<string, Map<string, NamespaceIndex>>()
/** A namespace fixes what its identifiers mean whatever the docType, so an unknown docType still gets labels. */
const byNamespace = new Map<string, NamespaceIndex>()

for (const profile of mdocProfiles) {
  byDocType.set(profile.docType, profile)
  const namespaces = new Map<string, NamespaceIndex>()
  const names = new Set([
    ...Object.keys(profile.namespaces),
    ...Object.keys(profile.patterns ?? {}),
  ])
  for (const namespace of names) {
    const index = indexNamespace(profile, namespace)
    namespaces.set(namespace, index)
    if (!byNamespace.has(namespace)) byNamespace.set(namespace, index)
  }
  byDocTypeAndNamespace.set(profile.docType, namespaces)
}

export function profileFor(docType: string): MdocProfile | undefined {
  return typeof docType === 'string' ? byDocType.get(docType) : undefined
}

const fill = (text: string, value: string): string => text.replaceAll('{NN}', value)

function matchPattern(index: NamespaceIndex, identifier: string): DescribedMdocElement | undefined {
  if (index.matched.has(identifier)) return index.matched.get(identifier)
  let found: DescribedMdocElement | undefined
  for (const { regex, pattern, status } of index.patterns) {
    const match = regex.exec(identifier)
    if (!match) continue
    const value = match[1] ?? ''
    const label: MdocLabel = { en: fill(pattern.label.en, value) }
    if (pattern.label.ja !== undefined) label.ja = fill(pattern.label.ja, value)
    found = Object.freeze({
      label: Object.freeze(label),
      type: pattern.type,
      status,
      ...(pattern.source !== undefined && { source: pattern.source }),
      ...(pattern.deprecated !== undefined && { deprecated: pattern.deprecated }),
    })
    break
  }
  if (index.matched.size < MAX_CACHED_MATCHES) index.matched.set(identifier, found)
  return found
}

/**
 * What a returned data element is: its label, CBOR type, source and status. Looks in the docType's own
 * profile first, then in whichever profile defines the namespace; `undefined` when nobody defines it.
 */
export function describeElement(
  docType: string,
  namespace: string,
  elementIdentifier: string,
): DescribedMdocElement | undefined {
  if (typeof namespace !== 'string' || typeof elementIdentifier !== 'string') return undefined
  if (elementIdentifier.length > MAX_IDENTIFIER_LENGTH) return undefined
  const index =
    (typeof docType === 'string'
      ? byDocTypeAndNamespace.get(docType)?.get(namespace)
      : undefined) ?? byNamespace.get(namespace)
  if (index === undefined) return undefined
  return index.elements.get(elementIdentifier) ?? matchPattern(index, elementIdentifier)
}
