// The keys of every sandbox issuer, loaded (or made) once when the bridge starts.
import type { webcrypto } from 'node:crypto'
import { KakehashiError } from '../errors.ts'
import { sandboxIssuers } from './sandbox-ecosystems.ts'
import { loadOrCreateFederationKeys } from './sandbox-federation-keys.ts'
import { sandboxFederationMembers } from './sandbox-federation-members.ts'
import { loadOrCreateSandboxKeys, type SandboxKeys } from './sandbox-keystore.ts'

export class SandboxKeyring {
  readonly #keys: Map<string, SandboxKeys>
  readonly #federationKeys: Map<string, webcrypto.JsonWebKey>

  private constructor(
    keys: Map<string, SandboxKeys>,
    federationKeys: Map<string, webcrypto.JsonWebKey>,
  ) {
    this.#keys = keys
    this.#federationKeys = federationKeys
  }

  static async load(dataDir: string | undefined): Promise<SandboxKeyring> {
    const entries = await Promise.all(
      sandboxIssuers.map(
        async (issuer) => [issuer.id, await loadOrCreateSandboxKeys(dataDir, issuer)] as const,
      ),
    )
    const federationKeys = await loadOrCreateFederationKeys(
      dataDir,
      sandboxFederationMembers.map((m) => m.name),
    )
    return new SandboxKeyring(new Map(entries), federationKeys)
  }

  /** The private federation signing key of a sandbox federation member. */
  federationKey(member: string): webcrypto.JsonWebKey {
    const key = this.#federationKeys.get(member)
    if (key === undefined) {
      throw new KakehashiError('sandbox.unknown_issuer', `no sandbox federation member ${member}`)
    }
    return key
  }

  has(issuerId: string): boolean {
    return this.#keys.has(issuerId)
  }

  get(issuerId: string): SandboxKeys {
    const keys = this.#keys.get(issuerId)
    if (keys === undefined) {
      throw new KakehashiError('sandbox.unknown_issuer', `no sandbox issuer ${issuerId}`, {
        known: [...this.#keys.keys()],
      })
    }
    return keys
  }
}
