// What the W3C VC securing mechanisms share: the issuer's key as named, resolved methods, and verified results.
import type { KeyObject } from 'node:crypto'

/** W3C Controlled Identifiers §2.3 verification relationships a method can be listed under. */
export type VerificationRelationship =
  | 'assertionMethod'
  | 'authentication'
  | 'capabilityInvocation'
  | 'capabilityDelegation'
  | 'keyAgreement'

/** A verification method resolved from its identifier (a DID URL or an HTTPS URL). */
export interface ResolvedVerificationMethod {
  /** The method's absolute identifier, e.g. `did:key:z6Mk…#z6Mk…`. */
  id: string
  /** The controller the method belongs to (the DID, for DID methods). */
  controller: string
  /** `Multikey`, `JsonWebKey`, `Ed25519VerificationKey2020`, … */
  type: string
  publicKey: KeyObject
  /** The relationships under which the controller document lists this method. */
  relationships: ReadonlySet<VerificationRelationship>
}

/** Resolves a verification method identifier; throws a `DidResolutionError` when it cannot. */
export type ResolveVerificationMethod = (
  id: string,
) => ResolvedVerificationMethod | Promise<ResolvedVerificationMethod>

/** How a securing mechanism named the key that signed: a method, a JWK, or a certificate chain. */
export type IssuerKeyReference =
  | { kind: 'verificationMethod'; method: ResolvedVerificationMethod }
  | { kind: 'jwk'; jwk: Record<string, unknown>; thumbprint: string }
  | { kind: 'x5c'; x5c: Uint8Array[] }

/** The `id` of a property that is a URL or an object with `id` (VCDM `issuer`, `holder`). */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const id = (value as Record<string, unknown>).id
    if (typeof id === 'string') return id
  }
  return undefined
}

/** The issuer of a credential as the data model states it (`issuer` is a URL or an object with `id`). */
export const issuerIdOf = (credential: Record<string, unknown>): string | undefined =>
  idOf(credential.issuer)

/** A credential (`vc`) or a presentation (`vp`), as the data model's `type` says. */
export type DocumentKind = 'vc' | 'vp'

/** `type` as a list: VCDM lets a single type stand alone. */
export const typesOf = (document: Record<string, unknown>): unknown[] =>
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
export const holderIdOf = (presentation: Record<string, unknown>): string | undefined =>
  idOf(presentation.holder)
