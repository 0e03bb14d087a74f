// Type shims for the packages Data Integrity verification and its tests use, which ship no declarations.

declare module 'base58-universal' {
  export function decode(input: string): Uint8Array
  export function encode(input: Uint8Array): string
}

// Test-only: the independent signers the cross-checks use (the Multikey codecs are declared in src/types).
declare module '@digitalbazaar/citizenship-context' {
  export const contexts: Map<string, unknown>
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: Record<string, unknown>)
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown
}
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: unknown
}
declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createSignCryptosuite(options?: Record<string, unknown>): unknown
  export function createVerifyCryptosuite(options?: Record<string, unknown>): unknown
}
declare module '@digitalbazaar/ecdsa-jcs-2019-cryptosuite' {
  export function createSignCryptosuite(options?: Record<string, unknown>): unknown
  export function createVerifyCryptosuite(options?: Record<string, unknown>): unknown
}
declare module '@digitalbazaar/vc' {
  export function issue(options: Record<string, unknown>): Promise<Record<string, unknown>>
  export function verifyCredential(
    options: Record<string, unknown>,
  ): Promise<{ verified: boolean; error?: unknown }>
  export function createPresentation(options: Record<string, unknown>): Record<string, unknown>
  export function signPresentation(
    options: Record<string, unknown>,
  ): Promise<Record<string, unknown>>
}
