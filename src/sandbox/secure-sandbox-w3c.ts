// Secures a sandbox W3C credential: a Data Integrity eddsa-rdfc-2022 proof, or a VC-JOSE `vc+jwt` envelope.
import { createPrivateKey } from 'node:crypto'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { CompactSign } from 'jose'
import { createDocumentLoader } from '../lib/jsonld/index.ts'
import type { SandboxW3cKeys } from './sandbox-w3c-keys.ts'

/** A VCDM `dateTimeStamp` in whole seconds (`2026-03-25T00:00:00Z`), as the sandbox writes every date. */
export const isoSeconds = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')

/** The bundled contexts only: what the sandbox signs, the bridge can canonicalise offline too. */
const documentLoader = createDocumentLoader()

/**
 * Adds an eddsa-rdfc-2022 `DataIntegrityProof` (proofPurpose assertionMethod) by the issuer's
 * did:key method, through the reference implementation (@digitalbazaar/vc). `created` is the
 * issuance time, whole seconds.
 */
export async function signDataIntegrity(
  credential: Record<string, unknown>,
  keys: SandboxW3cKeys,
  createdMs: number,
): Promise<Record<string, unknown>> {
  const created = isoSeconds(createdMs)
  const suite = new DataIntegrityProof({
    signer: keys.didKeySigner,
    cryptosuite: eddsaRdfc2022,
    date: created,
  })
  // `now`: the sandbox clock, which the validity checks of issuance must use too.
  return vc.issue({ credential, suite, documentLoader, now: created })
}

/**
 * VC-JOSE-COSE §3.1.1: the credential itself is the JWS payload, typed `vc+jwt` with content type
 * `vc`, and `kid` names the did:jwk method that signs.
 */
export async function signVcJwt(
  credential: Record<string, unknown>,
  keys: SandboxW3cKeys,
): Promise<string> {
  const key = createPrivateKey({
    key: keys.p256PrivateJwk as Record<string, string>,
    format: 'jwk',
  })
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid: keys.didJwkMethod })
    .sign(key)
}
