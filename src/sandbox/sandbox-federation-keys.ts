// The sandbox federation's signing keys, one EC P-256 key per entity: made at first start, kept in the data directory.
import type { webcrypto } from 'node:crypto'

type JsonWebKey = webcrypto.JsonWebKey

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'

/** Only what a key file may hold: a private EC P-256 key, its `kid` the RFC 7638 thumbprint. */
const FEDERATION_KEY_ALG = 'ES256'

async function createFederationKey(): Promise<JsonWebKey> {
  const { privateKey } = await generateKeyPair(FEDERATION_KEY_ALG, { extractable: true })
  const jwk = await exportJWK(privateKey)
  const kid = await calculateJwkThumbprint(jwk, 'sha256')
  return { ...jwk, kid, alg: FEDERATION_KEY_ALG, use: 'sig' } as JsonWebKey
}

/** A file that is not a private P-256 key is an error to stop at, not a key to replace. */
function checkFederationKey(jwk: unknown, file: string): JsonWebKey {
  const key = jwk as JWK
  if (
    key === null ||
    typeof key !== 'object' ||
    key.kty !== 'EC' ||
    key.crv !== 'P-256' ||
    typeof key.d !== 'string' ||
    typeof key.kid !== 'string'
  ) {
    throw new TypeError(`${file} does not hold a private EC P-256 JWK with a kid`)
  }
  return key as JsonWebKey
}

async function readFederationKey(file: string): Promise<JsonWebKey | undefined> {
  try {
    return checkFederationKey(JSON.parse(await readFile(file, 'utf8')), file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/**
 * The private federation key of each of `names`, from `<dataDir>/sandbox/federation/<name>-key.jwk.json`,
 * created there at first use (mode 0600). Without a data directory (tests) they live in memory only.
 */
export async function loadOrCreateFederationKeys(
  dataDir: string | undefined,
  names: readonly string[],
): Promise<Map<string, JsonWebKey>> {
  const keys = new Map<string, JsonWebKey>()
  if (dataDir === undefined) {
    for (const name of names) keys.set(name, await createFederationKey())
    return keys
  }
  const dir = join(dataDir, 'sandbox', 'federation')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  for (const name of names) {
    const file = join(dir, `${name}-key.jwk.json`)
    let key = await readFederationKey(file)
    if (key === undefined) {
      key = await createFederationKey()
      await writeFile(file, JSON.stringify(key), { mode: 0o600 })
    }
    keys.set(name, key)
  }
  return keys
}

/** The public half of a federation key, as an entity statement's `jwks` publishes it. */
export function publicFederationJwk(privateJwk: JsonWebKey): JWK {
  const { kty, crv, x, y, kid, alg, use } = privateJwk as JWK
  return { kty, crv, x, y, kid, alg, use } as JWK
}
