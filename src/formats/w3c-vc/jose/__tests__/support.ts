// Test helpers: the W3C test suite's keys as a controlled identifier document, options, and an SD-JWT verifier for enveloped credentials.
import assert from 'node:assert/strict'
import { createPublicKey, type KeyObject, verify as verifySignature } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { SDJwtInstance } from '@sd-jwt/core'
import { digest } from '@sd-jwt/crypto-nodejs'
import { calculateJwkThumbprint } from 'jose'
import { corpusPath } from '../../../../../test/support/corpus.ts'
import type { ResolvedVerificationMethod, VerificationRelationship } from '../../types.ts'
import type { EnvelopedCredentialResult, VcJoseResult, VerifyVcJoseCoseOptions } from '../index.ts'

export const suiteDir = corpusPath('vectors', 'vc-jose-cose')
export const suiteSkip =
  suiteDir === undefined ? 'the shared corpus (vc-jose-cose) is absent' : false
export const readSuite = (name: string): string => readFileSync(`${suiteDir}/${name}`, 'utf8')

export interface SuiteKey {
  id: string
  controller: string
  publicKeyJwk: Record<string, unknown>
  secretKeyJwk: Record<string, unknown>
}

export const suiteKeyFiles = [
  'vm-p256.json',
  'vm-p384.json',
  'vm-p521.json',
  'vm-ed25519.json',
  'vm-did-ed25519.json',
]
export const readSuiteKey = (file: string): SuiteKey => JSON.parse(readSuite(file)) as SuiteKey

export const allAlgorithms = ['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'RS256', 'PS256']

/** A verification method as a resolver would return it, listed under the relationships given. */
export function methodOf(
  id: string,
  controller: string,
  publicKey: KeyObject,
  relationships: VerificationRelationship[] = ['assertionMethod', 'authentication'],
): ResolvedVerificationMethod {
  return { id, controller, type: 'JsonWebKey', publicKey, relationships: new Set(relationships) }
}

/**
 * A resolver over the given methods, each findable by its id and, as VC-JOSE-COSE §4.2
 * recommends, by its controller plus the key's RFC 7638 thumbprint. Unknown ids throw, as a
 * DID resolver does.
 */
export async function resolverOf(
  methods: { method: ResolvedVerificationMethod; jwk?: Record<string, unknown> }[],
): Promise<VerifyVcJoseCoseOptions['resolveVerificationMethod']> {
  const byId = new Map<string, ResolvedVerificationMethod>()
  for (const { method, jwk } of methods) {
    byId.set(method.id, method)
    const exported = jwk ?? (method.publicKey.export({ format: 'jwk' }) as Record<string, unknown>)
    byId.set(`${method.controller}#${await calculateJwkThumbprint(exported as never)}`, method)
  }
  return (id: string) => {
    const method = byId.get(id)
    if (method === undefined) throw new Error(`unknown verification method ${id}`)
    return method
  }
}

/** The resolver for the suite's keys: all of them (one issuer's controlled identifier document), or only those named. */
export async function suiteResolver(files: string[] = suiteKeyFiles) {
  return resolverOf(
    files.map((file) => {
      const key = readSuiteKey(file)
      const publicKey = createPublicKey({ key: key.publicKeyJwk as never, format: 'jwk' })
      return { method: methodOf(key.id, key.controller, publicKey), jwk: key.publicKeyJwk }
    }),
  )
}

/** `vc+sd-jwt` enveloped credentials, verified by an SD-JWT library with the suite's key its `kid` names. */
export async function suiteSdJwtVerifier(
  mediaType: string,
  data: Uint8Array,
): Promise<EnvelopedCredentialResult> {
  if (mediaType !== 'application/vc+sd-jwt')
    return { ok: false, code: 'unsupported', message: mediaType }
  const encoded = Buffer.from(data).toString('utf8')
  const header = JSON.parse(Buffer.from(encoded.split('.')[0] as string, 'base64url').toString())
  const key = suiteKeyFiles.map(readSuiteKey).find((k) => k.publicKeyJwk.kid === header.kid)
  if (key === undefined) return { ok: false, code: 'key', message: `no key ${header.kid}` }
  const publicKey = createPublicKey({ key: key.publicKeyJwk as never, format: 'jwk' })
  const instance = new SDJwtInstance({
    hasher: digest,
    verifier: async (signingInput: string, signature: string) =>
      verifySignature(
        `sha${String(header.alg).slice(2)}`,
        Buffer.from(signingInput),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature, 'base64url'),
      ),
  })
  try {
    const { payload } = await instance.verify(encoded)
    return { ok: true, credential: payload as Record<string, unknown> }
  } catch (error) {
    return { ok: false, code: 'sd-jwt', message: (error as Error).message }
  }
}

export const baseOptions = (
  resolveVerificationMethod: VerifyVcJoseCoseOptions['resolveVerificationMethod'],
  nowMs: number,
): VerifyVcJoseCoseOptions => ({
  resolveVerificationMethod,
  allowedAlgorithms: allAlgorithms,
  nowMs,
  clockSkewSec: 60,
})

/** One case of the suite's test mapping. */
export interface SuiteCase {
  number: number
  input_file: string
  key_file: string
  fn: 'issue' | 'verify'
  feature: string
  expected_result: 'success' | 'failure'
}

export const suiteCases = (): [string, SuiteCase][] =>
  suiteSkip
    ? []
    : Object.entries(JSON.parse(readSuite('test-mapping.json')) as Record<string, SuiteCase>).sort(
        ([, a], [, b]) => a.number - b.number,
      )

export function fails(result: VcJoseResult, code: string): void {
  assert.equal(result.ok, false, 'expected a failure')
  if (!result.ok) assert.equal(result.code, code, result.message)
}

export function verifies(
  result: VcJoseResult,
): asserts result is Extract<VcJoseResult, { ok: true }> {
  assert.equal(result.ok, true, result.ok ? '' : `${result.code}: ${result.message}`)
}

/** `code` undefined: the result must be a success; otherwise a failure with that code. */
export const assertOutcome = (result: VcJoseResult, code: string | undefined): void =>
  code === undefined ? verifies(result) : fails(result, code)
