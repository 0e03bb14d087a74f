// The sandbox universities' W3C issuer keys: Ed25519 behind a did:key (Data Integrity), P-256 behind a did:jwk (JOSE).
import { generateKeyPairSync, type webcrypto } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { KakehashiError } from '../errors.ts'

type JsonWebKey = webcrypto.JsonWebKey

/** What signing uses of a Digital Bazaar Multikey key pair (the package ships no types). */
export interface MultikeySigner {
  id: string
  algorithm: string
  sign(input: { data: Uint8Array }): Promise<Uint8Array>
}

interface MultikeyPair {
  publicKeyMultibase: string
  signer(): MultikeySigner
}

export interface SandboxW3cKeys {
  /** `did:key:z6Mk…`: the issuer of the university's Data Integrity credentials. */
  didKey: string
  /** `did:key:z6Mk…#z6Mk…`, the `verificationMethod` of its proofs. */
  didKeyMethod: string
  /** Signs eddsa-rdfc-2022 proofs as `didKeyMethod`. */
  didKeySigner: MultikeySigner
  ed25519PrivateJwk: JsonWebKey
  /** `did:jwk:…`: the issuer of the university's `vc+jwt` credentials. */
  didJwk: string
  /** `did:jwk:…#0`, the `kid` of its JWS headers (did:jwk names its one method `#0`). */
  didJwkMethod: string
  p256PrivateJwk: JsonWebKey
}

const ED25519_FILE = 'w3c-ed25519-key.jwk.json'
const P256_FILE = 'w3c-p256-key.jwk.json'

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT'

function generate(type: 'ed25519' | 'p256'): JsonWebKey {
  const pair =
    type === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return pair.privateKey.export({ format: 'jwk' }) as JsonWebKey
}

function requirePrivate(jwk: JsonWebKey, kty: string, crv: string, file: string): JsonWebKey {
  if (jwk.kty !== kty || jwk.crv !== crv || typeof jwk.d !== 'string' || typeof jwk.x !== 'string')
    throw new KakehashiError('config.invalid', `${file} is not a private ${crv} JWK`)
  return jwk
}

/**
 * The did:jwk of a P-256 key: base64url of its public JWK (did:jwk §2.1). The members are written
 * in a fixed order, so the same key always gives the same DID; `use: sig` keeps the key out of
 * the document's keyAgreement.
 */
export function didJwkOf(privateJwk: JsonWebKey): string {
  const { crv, kty, x, y } = privateJwk
  const text = JSON.stringify({ crv, kty, use: 'sig', x, y })
  return `did:jwk:${Buffer.from(text, 'utf8').toString('base64url')}`
}

/** Builds the DIDs and the Data Integrity signer from the two private keys. */
export async function w3cKeysFrom(
  ed25519PrivateJwk: JsonWebKey,
  p256PrivateJwk: JsonWebKey,
): Promise<SandboxW3cKeys> {
  const probe = (await Ed25519Multikey.fromJwk({
    jwk: ed25519PrivateJwk,
    secretKey: true,
  })) as MultikeyPair
  const didKey = `did:key:${probe.publicKeyMultibase}`
  const didKeyMethod = `${didKey}#${probe.publicKeyMultibase}`
  const pair = (await Ed25519Multikey.fromJwk({
    jwk: ed25519PrivateJwk,
    secretKey: true,
    id: didKeyMethod,
    controller: didKey,
  })) as MultikeyPair
  const didJwk = didJwkOf(p256PrivateJwk)
  return {
    didKey,
    didKeyMethod,
    didKeySigner: pair.signer(),
    ed25519PrivateJwk,
    didJwk,
    didJwkMethod: `${didJwk}#0`,
    p256PrivateJwk,
  }
}

async function readKey(dir: string, file: string): Promise<JsonWebKey | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, file), 'utf8')) as JsonWebKey
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

/**
 * The W3C keys from `dir` (the issuer's sandbox directory), each made and written (mode 0600) the
 * first time it is missing. Without a directory (tests) they live in memory only.
 */
export async function loadOrCreateW3cKeys(dir: string | undefined): Promise<SandboxW3cKeys> {
  if (dir === undefined) return w3cKeysFrom(generate('ed25519'), generate('p256'))
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const keys: JsonWebKey[] = []
  for (const [file, type, kty, crv] of [
    [ED25519_FILE, 'ed25519', 'OKP', 'Ed25519'],
    [P256_FILE, 'p256', 'EC', 'P-256'],
  ] as const) {
    let jwk = await readKey(dir, file)
    if (jwk === undefined) {
      jwk = generate(type)
      await writeFile(join(dir, file), JSON.stringify(jwk), { mode: 0o600 })
    }
    keys.push(requirePrivate(jwk, kty, crv, join(dir, file)))
  }
  return w3cKeysFrom(keys[0] as JsonWebKey, keys[1] as JsonWebKey)
}
