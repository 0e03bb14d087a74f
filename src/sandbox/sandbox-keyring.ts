// The keys of every sandbox issuer, loaded (or made) once when the bridge starts.
import { KakehashiError } from '../errors.ts'
import { sandboxIssuers } from './sandbox-ecosystems.ts'
import { loadOrCreateSandboxKeys, type SandboxKeys } from './sandbox-keystore.ts'

export class SandboxKeyring {
  readonly #keys: Map<string, SandboxKeys>

  private constructor(keys: Map<string, SandboxKeys>) {
    this.#keys = keys
  }

  static async load(dataDir: string | undefined): Promise<SandboxKeyring> {
    const entries = await Promise.all(
      sandboxIssuers.map(
        async (issuer) => [issuer.id, await loadOrCreateSandboxKeys(dataDir, issuer)] as const,
      ),
    )
    return new SandboxKeyring(new Map(entries))
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
