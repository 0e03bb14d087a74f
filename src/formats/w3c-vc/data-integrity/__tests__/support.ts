// Shared by the Data Integrity tests: the corpus vectors, a loader with the citizenship context, a did:key resolver.
import { createPublicKey } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { contexts as citizenshipContexts } from '@digitalbazaar/citizenship-context'
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { corpusPath, skipWithoutCorpus } from '../../../../../test/support/corpus.ts'
import { contextDigest, createDocumentLoader } from '../../../../lib/jsonld/index.ts'
import type { ResolvedVerificationMethod, VerificationRelationship } from '../../types.ts'
import type { VerifyDataIntegrityOptions } from '../verify-data-integrity.ts'

export const eddsaDir = 'vectors/w3c-di/vc-di-eddsa/TestVectors'
export const ecdsaDir = 'vectors/w3c-di/vc-di-ecdsa/TestVectors'
export const negativeDir = 'vectors/w3c-di/negative-derived'

export const skipWithout = (...parts: string[]) => skipWithoutCorpus(...parts)

export function readText(...parts: string[]): string {
  const path = corpusPath(...parts)
  if (path === undefined) throw new Error(`corpus file ${parts.join('/')} is absent`)
  return readFileSync(path, 'utf8')
}

export const readJson = <T = Record<string, unknown>>(...parts: string[]): T =>
  JSON.parse(readText(...parts)) as T

/** The citizenship v4rc1 context the `employ` vectors use, added as an operator would add it. */
const citizenship = citizenshipContexts.get('https://w3id.org/citizenship/v4rc1')
export const documentLoader = createDocumentLoader({
  extraContexts: new Map([
    [
      'https://w3id.org/citizenship/v4rc1',
      { document: citizenship, sha256: contextDigest(JSON.stringify(citizenship)) },
    ],
  ]),
})

/**
 * did:key verification methods (`did:key:<mb>#<mb>`), decoded by the Digital Bazaar Multikey
 * libraries, an implementation independent of the verifier. A did:key document lists its key
 * under assertionMethod and authentication (among others).
 */
export async function resolveDidKey(id: string): Promise<ResolvedVerificationMethod> {
  const match = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)#(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(id)
  if (match === null || match[1] !== match[2]) throw new Error(`not a did:key method id: ${id}`)
  const publicKeyMultibase = match[1] as string
  const controller = `did:key:${publicKeyMultibase}`
  const description = { type: 'Multikey', id, controller, publicKeyMultibase }
  let jwk: Record<string, unknown>
  if (publicKeyMultibase.startsWith('z6Mk')) {
    jwk = await Ed25519Multikey.toJwk({ keyPair: await Ed25519Multikey.from(description) })
  } else if (publicKeyMultibase.startsWith('zDna') || publicKeyMultibase.startsWith('z82L')) {
    jwk = await EcdsaMultikey.toJwk({ keyPair: await EcdsaMultikey.from(description) })
  } else {
    throw new Error(`unsupported did:key ${publicKeyMultibase}`)
  }
  const { kty, crv, x, y } = jwk as Record<string, string>
  const publicKey = createPublicKey({
    key: y === undefined ? { kty, crv, x } : { kty, crv, x, y },
    format: 'jwk',
  })
  const relationships = new Set<VerificationRelationship>([
    'assertionMethod',
    'authentication',
    'capabilityInvocation',
    'capabilityDelegation',
  ])
  return { id, controller, type: 'Multikey', publicKey, relationships }
}

/** The verification options of the W3C vectors (created 2023, checked a year later). */
export function vectorOptions(
  extra: Partial<VerifyDataIntegrityOptions> = {},
): VerifyDataIntegrityOptions {
  return {
    documentLoader,
    resolveVerificationMethod: resolveDidKey,
    expectedProofPurpose: 'assertionMethod',
    nowMs: Date.parse('2024-06-01T00:00:00Z'),
    ...extra,
  }
}
