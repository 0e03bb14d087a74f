// Type declarations for the Digital Bazaar key and DID packages, which ship JavaScript without types.

declare module '@digitalbazaar/ed25519-multikey' {
  export function from(key: Record<string, unknown>): Promise<unknown>
  export function fromJwk(options: Record<string, unknown>): Promise<unknown>
  export function toJwk(options: {
    keyPair: unknown
    secretKey?: boolean
  }): Promise<Record<string, unknown>>
  export function generate(options?: Record<string, unknown>): Promise<unknown>
}

declare module '@digitalbazaar/ecdsa-multikey' {
  export function from(
    key: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): Promise<unknown>
  export function fromJwk(options: Record<string, unknown>): Promise<unknown>
  export function toJwk(options: {
    keyPair: unknown
    secretKey?: boolean
  }): Promise<Record<string, unknown>>
  export function generate(options?: Record<string, unknown>): Promise<unknown>
}

declare module '@digitalbazaar/did-method-key' {
  export interface DidKeyDriver {
    use(options: {
      multibaseMultikeyHeader: string
      fromMultibase: (key: Record<string, unknown>) => Promise<unknown>
    }): void
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>
  }
  export function driver(): DidKeyDriver
}
