// Each check of verification on its own: purpose, relationship, challenge, domain, time, contexts, safe mode.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { verifyDataIntegrity } from '../verify-data-integrity.ts'
import { eddsaDir, readJson, resolveDidKey, skipWithout, vectorOptions } from './support.ts'

const folder = `${eddsaDir}/eddsa-rdfc-2022`
const signedDocument = () => readJson(folder, 'signedDataInt.json')
const jcsDocument = () => readJson(`${eddsaDir}/eddsa-jcs-2022`, 'signedJCS.json')
const proofOf = (document: Record<string, unknown>) => document.proof as Record<string, unknown>

async function codeOf(document: unknown, extra: Parameters<typeof vectorOptions>[0] = {}) {
  const result = await verifyDataIntegrity(document, vectorOptions(extra))
  return result.ok ? 'ok' : result.code
}

describe('verification checks', { ...skipWithout(folder) }, () => {
  test('a tampered claim fails the signature', async () => {
    const document = signedDocument()
    ;(document.credentialSubject as Record<string, unknown>).alumniOf = 'Another School'
    assert.equal(await codeOf(document), 'w3c.proof_invalid')
  })

  test('a tampered claim fails a JCS signature too', async () => {
    const document = jcsDocument()
    document.name = 'Another Credential'
    assert.equal(await codeOf(document), 'w3c.proof_invalid')
  })

  test('the wrong expected purpose is refused before any signature work', async () => {
    assert.equal(
      await codeOf(signedDocument(), { expectedProofPurpose: 'authentication', challenge: 'n' }),
      'w3c.proof_purpose_mismatch',
    )
  })

  test('a method not listed under the purpose is not authorised', async () => {
    const resolve = async (id: string) => ({
      ...(await resolveDidKey(id)),
      relationships: new Set(['authentication'] as const),
    })
    assert.equal(
      await codeOf(signedDocument(), { resolveVerificationMethod: resolve }),
      'w3c.verification_method_not_authorised',
    )
  })

  test('a resolver that throws makes the method unresolvable', async () => {
    const resolve = () => {
      throw new Error('not found')
    }
    assert.equal(
      await codeOf(signedDocument(), { resolveVerificationMethod: resolve }),
      'w3c.verification_method_unresolvable',
    )
  })

  test('a resolver answering another method id is refused', async () => {
    const resolve = async (id: string) => ({ ...(await resolveDidKey(id)), id: 'did:example:x#1' })
    assert.equal(
      await codeOf(signedDocument(), { resolveVerificationMethod: resolve }),
      'w3c.verification_method_unresolvable',
    )
  })

  test('a suite outside the allowed ones is refused', async () => {
    assert.equal(
      await codeOf(signedDocument(), { allowedCryptosuites: ['ecdsa-rdfc-2019'] }),
      'w3c.cryptosuite_unsupported',
    )
  })

  test('an unknown cryptosuite name is refused', async () => {
    const document = signedDocument()
    proofOf(document).cryptosuite = 'eddsa-2022'
    assert.equal(await codeOf(document), 'w3c.cryptosuite_unsupported')
  })

  test('an expired proof is refused', async () => {
    const document = signedDocument()
    proofOf(document).expires = '2024-01-01T00:00:00Z'
    assert.equal(await codeOf(document), 'w3c.proof_expired')
  })

  test('a proof created in the future is refused', async () => {
    assert.equal(
      await codeOf(signedDocument(), { nowMs: Date.parse('2023-02-24T00:00:00Z') }),
      'w3c.proof_not_yet_valid',
    )
  })

  test('created must be a dateTimeStamp (time zone required)', async () => {
    const document = signedDocument()
    proofOf(document).created = '2023-02-24T23:36:38'
    assert.equal(await codeOf(document), 'w3c.proof_malformed')
  })

  test('a challenge that differs is refused, one that matches reaches the signature', async () => {
    const document = signedDocument()
    proofOf(document).challenge = 'abc'
    assert.equal(await codeOf(document, { challenge: 'xyz' }), 'w3c.challenge_mismatch')
    // The challenge is signed, so adding one breaks the vector's signature.
    assert.equal(await codeOf(document, { challenge: 'abc' }), 'w3c.proof_invalid')
  })

  test('a domain that differs, or is absent, is refused', async () => {
    const document = signedDocument()
    assert.equal(await codeOf(document, { domain: 'example.org' }), 'w3c.domain_mismatch')
    proofOf(document).domain = ['example.com', 'example.org']
    assert.equal(await codeOf(document, { domain: 'example.org' }), 'w3c.domain_mismatch')
    assert.equal(
      await codeOf(document, { domain: ['example.org', 'example.com'] }),
      'w3c.proof_invalid',
    )
  })

  test('authentication without a challenge is a programming error', async () => {
    await assert.rejects(
      verifyDataIntegrity(
        signedDocument(),
        vectorOptions({ expectedProofPurpose: 'authentication' }),
      ),
      TypeError,
    )
  })

  test('an unknown context is refused and named', async () => {
    const document = signedDocument()
    document['@context'] = [
      'https://www.w3.org/ns/credentials/v2',
      'https://contexts.example/unknown/v1',
    ]
    const result = await verifyDataIntegrity(document, vectorOptions())
    assert.equal(result.ok, false)
    if (!result.ok) {
      assert.equal(result.code, 'w3c.context_unknown')
      assert.match(result.message, /contexts\.example\/unknown\/v1/)
    }
  })

  test('an unknown context is refused for JCS proofs as well', async () => {
    const document = jcsDocument()
    ;(document['@context'] as string[]).push('https://contexts.example/unknown/v1')
    assert.equal(await codeOf(document), 'w3c.context_unknown')
  })

  test('a JCS proof whose @context does not start the document is invalid', async () => {
    const document = jcsDocument()
    proofOf(document)['@context'] = ['https://www.w3.org/ns/credentials/examples/v2']
    assert.equal(await codeOf(document), 'w3c.proof_invalid')
  })

  test('JSON-LD safe mode refuses a term no context defines', async () => {
    const document = signedDocument()
    document['@context'] = ['https://www.w3.org/ns/credentials/v2']
    // `alumniOf` is defined only by the examples context; without it the value would be dropped.
    assert.equal(await codeOf(document), 'w3c.jsonld_invalid')
  })

  test('more proofs than the limit are refused', async () => {
    const document = signedDocument()
    document.proof = Array.from({ length: 9 }, () => proofOf(signedDocument()))
    assert.equal(await codeOf(document), 'w3c.proof_limit_exceeded')
  })

  test('bad input never throws', async () => {
    for (const input of [null, 42, 'text', [], { proof: 'x' }, { proof: [null] }, { proof: [] }]) {
      const result = await verifyDataIntegrity(input, vectorOptions())
      assert.equal(result.ok, false)
    }
  })
})
