import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, test } from 'node:test'
import { fixedClock } from '../../../util/clock.ts'
import { DidResolutionError } from '../did-error.ts'
import { createDidResolver, type DidResolverOptions } from '../did-resolver.ts'
import { didWebUrl } from '../did-web.ts'
import { methodInDocument } from '../method-in-document.ts'

// Public keys of the W3C vc-di-eddsa and vc-di-ecdsa test vectors (keyPair.json, p256KeyPair.json).
const ED25519 = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'
const P256 = 'zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP'

const options = (overrides: Partial<DidResolverOptions> = {}): DidResolverOptions => ({
  methods: ['key', 'jwk', 'web'],
  web: { timeoutMs: 1000, maxBytes: 64 * 1024, allowPrivate: false },
  clock: fixedClock('2026-06-01T00:00:00Z'),
  webCacheTtlMs: 60_000,
  ...overrides,
})

const rejectsWith = async (promise: unknown, code: string) =>
  assert.rejects(Promise.resolve(promise), (error: unknown) => {
    assert.ok(error instanceof DidResolutionError, String(error))
    assert.equal(error.code, code)
    return true
  })

const didJwkOf = (jwk: object) =>
  `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString('base64url')}`

describe('did:key', () => {
  test('an Ed25519 did:key resolves to its key, listed for assertion and authentication', async () => {
    const resolve = createDidResolver(options())
    const method = await resolve(`did:key:${ED25519}#${ED25519}`)
    assert.equal(method.controller, `did:key:${ED25519}`)
    assert.equal(method.type, 'Multikey')
    assert.equal(method.publicKey.asymmetricKeyType, 'ed25519')
    assert.ok(method.relationships.has('assertionMethod'))
    assert.ok(method.relationships.has('authentication'))
    assert.ok(!method.relationships.has('keyAgreement'))
  })

  test('a P-256 did:key resolves to a P-256 key', async () => {
    const method = await createDidResolver(options())(`did:key:${P256}#${P256}`)
    assert.equal(method.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1')
  })

  test('a method resolved before is answered synchronously', async () => {
    const resolve = createDidResolver(options())
    const id = `did:key:${ED25519}#${ED25519}`
    await resolve(id)
    assert.ok(!(resolve(id) instanceof Promise))
  })

  test('a fragment that is not the key is no method of the document', async () => {
    await rejectsWith(
      createDidResolver(options())(`did:key:${ED25519}#other`),
      'did.method_not_found',
    )
  })

  test('a DID without a fragment names no method', async () => {
    await rejectsWith(createDidResolver(options())(`did:key:${ED25519}`), 'did.invalid')
  })

  test('a key of a type not read here is refused', async () => {
    // secp256k1 (multicodec 0xe7): a valid did:key, but not one this project verifies with.
    const k1 = 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'
    await rejectsWith(createDidResolver(options())(`did:key:${k1}#${k1}`), 'did.key_unsupported')
  })
})

describe('did:jwk', () => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = publicKey.export({ format: 'jwk' })

  test('resolves #0 with every verification relationship when `use` is absent', async () => {
    const did = didJwkOf(jwk)
    const method = await createDidResolver(options())(`${did}#0`)
    assert.equal(method.controller, did)
    assert.equal(method.type, 'JsonWebKey2020')
    assert.ok(method.relationships.has('assertionMethod'))
    assert.ok(method.relationships.has('keyAgreement'))
    assert.ok(method.publicKey.equals(publicKey))
  })

  test('a `use: enc` key is for key agreement only', async () => {
    const method = await createDidResolver(options())(`${didJwkOf({ ...jwk, use: 'enc' })}#0`)
    assert.deepEqual([...method.relationships], ['keyAgreement'])
  })

  test('a did:jwk carrying a private key is refused', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const did = didJwkOf(privateKey.export({ format: 'jwk' }))
    await rejectsWith(createDidResolver(options())(`${did}#0`), 'did.key_unsupported')
  })

  test('a did:jwk that is not base64url JSON is refused', async () => {
    await rejectsWith(createDidResolver(options())('did:jwk:bm90IGpzb24#0'), 'did.invalid')
  })
})

describe('did:web', () => {
  test('maps to the HTTPS URL of its document, as the method specification shows', () => {
    assert.equal(
      didWebUrl('did:web:w3c-ccg.github.io'),
      'https://w3c-ccg.github.io/.well-known/did.json',
    )
    assert.equal(
      didWebUrl('did:web:w3c-ccg.github.io:user:alice'),
      'https://w3c-ccg.github.io/user/alice/did.json',
    )
    assert.equal(
      didWebUrl('did:web:example.com%3A3000'),
      'https://example.com:3000/.well-known/did.json',
    )
  })

  test('a path segment that climbs is refused', () => {
    assert.throws(() => didWebUrl('did:web:example.com:%2E%2E'), DidResolutionError)
  })

  test('a document on a private address is not fetched', async () => {
    const resolve = createDidResolver(
      options({
        web: {
          timeoutMs: 1000,
          maxBytes: 1024,
          allowPrivate: false,
          lookup: async () => [{ address: '10.0.0.7', family: 4 }],
        },
      }),
    )
    await rejectsWith(resolve('did:web:issuer.example#key-1'), 'did.unavailable')
  })
})

describe('methods in a DID document', () => {
  const did = 'did:web:university.example'
  const method = { id: '#key-1', type: 'JsonWebKey', controller: did, publicKeyJwk: {} as object }
  const { publicKey } = generateKeyPairSync('ed25519')
  method.publicKeyJwk = publicKey.export({ format: 'jwk' })

  test('a relative method id is resolved against the document, with its relationships', async () => {
    const found = await methodInDocument(
      { id: did, verificationMethod: [method], assertionMethod: ['#key-1'] },
      did,
      `${did}#key-1`,
    )
    assert.deepEqual([...found.relationships], ['assertionMethod'])
  })

  test('a method embedded in a relationship is found and listed under it only', async () => {
    const found = await methodInDocument({ id: did, authentication: [method] }, did, `${did}#key-1`)
    assert.deepEqual([...found.relationships], ['authentication'])
  })

  test('a document for another DID is refused', async () => {
    await rejectsWith(
      methodInDocument(
        { id: 'did:web:other.example', verificationMethod: [method] },
        did,
        `${did}#key-1`,
      ),
      'did.document_invalid',
    )
  })

  test('a method publishing a private key is refused', async () => {
    const { privateKey } = generateKeyPairSync('ed25519')
    const leaky = { ...method, publicKeyJwk: privateKey.export({ format: 'jwk' }) }
    await rejectsWith(
      methodInDocument({ id: did, verificationMethod: [leaky] }, did, `${did}#key-1`),
      'did.key_unsupported',
    )
  })
})

test('a DID method not enabled is refused', async () => {
  const resolve = createDidResolver(options({ methods: ['key'] }))
  await rejectsWith(resolve('did:web:issuer.example#key-1'), 'did.method_unsupported')
  await rejectsWith(resolve('did:ethr:0xabc#controller'), 'did.method_unsupported')
})
