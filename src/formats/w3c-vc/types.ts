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

/** The issuer of a credential as the data model states it (`issuer` is a URL or an object with `id`). */
export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer
  if (typeof issuer === 'string') return issuer
  if (issuer !== null && typeof issuer === 'object' && !Array.isArray(issuer)) {
    const id = (issuer as Record<string, unknown>).id
    if (typeof id === 'string') return id
  }
  return undefined
}
