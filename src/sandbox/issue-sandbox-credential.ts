// Issues a sample SD-JWT VC from a sandbox issuer, optionally presented with key binding.
import type { webcrypto } from 'node:crypto'

type JsonWebKey = webcrypto.JsonWebKey

import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { KakehashiError } from '../errors.ts'
import type { Store } from '../store/store.ts'
import { type Clock, toSeconds } from '../util/clock.ts'
import { findSandboxIssuer, type SandboxIssuer } from './sandbox-ecosystems.ts'
import type { SandboxKeyring } from './sandbox-keyring.ts'
import { allocateStatusIndex, sandboxStatusListUri } from './sandbox-status-lists.ts'

export interface SandboxContext {
  store: Store
  keyring: SandboxKeyring
  /** Base URL under which this bridge publishes the sandbox status lists. */
  publicUrl: string
  clock: Clock
}

export interface IssueOptions {
  /** The holder's private key; a fresh one is made when absent. */
  holderPrivateJwk?: JsonWebKey
  /** Present with a Key Binding JWT for this nonce and audience (default true). */
  keyBinding?: boolean
  nonce?: string
  audience?: string
  validityDays?: number
}

export interface IssuedCredential {
  issuer: string
  vct: string
  /** The SD-JWT VC with every disclosure, and a KB-JWT when key binding was asked for. */
  credential: string
  statusIndex: number
  statusListUri: string
  nonce?: string
  audience?: string
  holderPublicJwk: JsonWebKey
}

/** Every claim disclosable, nested object members too, with two decoys at the top level. */
function disclosureFrameFor(claims: Record<string, unknown>): Record<string, unknown> {
  const frame: Record<string, unknown> = { _sd: Object.keys(claims), _sd_decoy: 2 }
  for (const [name, value] of Object.entries(claims)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      frame[name] = { _sd: Object.keys(value) }
    } else if (Array.isArray(value)) {
      frame[name] = { _sd: value.map((_, i) => i) }
    }
  }
  return frame
}

function publicJwk(jwk: JsonWebKey): JsonWebKey {
  const { kty, crv, x, y } = jwk
  return { kty, crv, x, y } as JsonWebKey
}

export async function issueSandboxCredential(
  context: SandboxContext,
  issuerId: string,
  options: IssueOptions = {},
): Promise<IssuedCredential> {
  const issuer: SandboxIssuer | undefined = findSandboxIssuer(issuerId)
  if (issuer === undefined) {
    throw new KakehashiError('sandbox.unknown_issuer', `no sandbox issuer ${issuerId}`)
  }
  const keys = context.keyring.get(issuer.id)
  const holderPrivate = options.holderPrivateJwk ?? (await ES256.generateKeyPair()).privateKey
  const holderPublic = publicJwk(holderPrivate)
  const sdjwt = new SDJwtVcInstance({
    signer: await ES256.getSigner(keys.issuerPrivateJwk),
    signAlg: ES256.alg,
    kbSigner: await ES256.getSigner(holderPrivate),
    kbSignAlg: ES256.alg,
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  })
  const statusIndex = await allocateStatusIndex(context.store, issuer.id)
  const statusListUri = sandboxStatusListUri(context.publicUrl, issuer.id)
  const iat = toSeconds(context.clock.now())
  const validityDays = options.validityDays ?? 365
  const issued = await sdjwt.issue(
    {
      iss: issuer.iss,
      vct: issuer.vct,
      iat,
      exp: iat + validityDays * 86_400,
      cnf: { jwk: holderPublic },
      status: { status_list: { idx: statusIndex, uri: statusListUri } },
      ...issuer.claims,
    },
    disclosureFrameFor(issuer.claims) as never,
    { header: { typ: 'dc+sd-jwt', x5c: [keys.issuerCertBase64] } },
  )
  const result: IssuedCredential = {
    issuer: issuer.id,
    vct: issuer.vct,
    credential: issued,
    statusIndex,
    statusListUri,
    holderPublicJwk: holderPublic,
  }
  if (options.keyBinding === false) return result
  const nonce = options.nonce ?? generateSalt(16)
  const audience = options.audience ?? 'https://verifier.example'
  result.credential = await sdjwt.present(issued, undefined, {
    kb: { payload: { iat, aud: audience, nonce } },
  })
  result.nonce = nonce
  result.audience = audience
  return result
}
