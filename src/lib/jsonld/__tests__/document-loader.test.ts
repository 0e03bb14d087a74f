// The static loader: bundled contexts answered and pinned, everything else refused, never the network.
import assert from 'node:assert/strict'
import http from 'node:http'
import https from 'node:https'
import { describe, test } from 'node:test'
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context'
import {
  bundledContextDigests,
  bundledContexts,
  contextDigest,
  credentialsExamplesV2,
  pinContexts,
} from '../bundled-contexts.ts'
import { canonizeRdfc } from '../canonize-rdfc.ts'
import { checkDocumentContexts, contextUrlsOf } from '../check-document-contexts.ts'
import { createDocumentLoader } from '../create-document-loader.ts'
import { JsonLdContextError } from '../json-ld-context-error.ts'
import { jsonLdLimits } from '../json-ld-limits.ts'

const v2 = 'https://www.w3.org/ns/credentials/v2'

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (error) {
    return error instanceof JsonLdContextError ? error.code : 'other'
  }
  return undefined
}

describe('bundled contexts', () => {
  test('every pinned context is bundled, and its digest is that of its text', () => {
    assert.equal(bundledContexts.size, bundledContextDigests.size)
    for (const [url, sha256] of bundledContextDigests) {
      const pinned = bundledContexts.get(url)
      assert.ok(pinned, url)
      assert.equal(contextDigest(pinned.text), sha256)
    }
  })

  test('the VC v2 context is the package document, byte for byte as JSON', () => {
    assert.equal(bundledContexts.get(v2)?.text, JSON.stringify(credentialsContexts.get(v2)))
  })

  test('the examples v2 context is the 84-byte W3C file', () => {
    assert.deepEqual(
      JSON.parse(bundledContexts.get(`${v2.replace('/v2', '')}/examples/v2`)?.text ?? ''),
      credentialsExamplesV2,
    )
  })

  test('a package whose context changed is refused loudly', () => {
    const altered = new Map([[v2, { '@context': { '@version': 1.1, extra: 'https://example/' } }]])
    assert.equal(
      codeOf(() => pinContexts(new Map([[v2, bundledContextDigests.get(v2) as string]]), altered)),
      'w3c.context_digest_mismatch',
    )
  })

  test('a pinned context no package provides is refused', () => {
    assert.equal(
      codeOf(() => pinContexts(new Map([[v2, '00']]), new Map())),
      'w3c.context_unknown',
    )
  })
})

describe('createDocumentLoader', () => {
  test('answers a bundled context from memory, as a fresh copy each time', async () => {
    const loader = createDocumentLoader()
    const first = await loader(v2)
    const second = await loader(v2)
    assert.equal(first.documentUrl, v2)
    assert.equal(first.tag, 'static')
    assert.deepEqual(first.document, credentialsContexts.get(v2))
    assert.notEqual(first.document, second.document)
    assert.equal(loader.has?.(v2), true)
  })

  test('refuses an unknown URL with w3c.context_unknown, naming it', async () => {
    const loader = createDocumentLoader()
    await assert.rejects(loader('https://contexts.example/v1'), (error: unknown) => {
      assert.ok(error instanceof JsonLdContextError)
      assert.equal(error.code, 'w3c.context_unknown')
      assert.match(error.message, /https:\/\/contexts\.example\/v1/)
      return true
    })
  })

  test('refuses DID URLs: methods are resolved elsewhere', async () => {
    await assert.rejects(
      createDocumentLoader()('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'),
    )
  })

  test('answers an extra context pinned by its digest', async () => {
    const document = { '@context': { ex: 'https://vocab.example/#' } }
    const loader = createDocumentLoader({
      extraContexts: new Map([
        [
          'https://contexts.example/v1',
          { document, sha256: contextDigest(JSON.stringify(document)) },
        ],
      ]),
    })
    assert.deepEqual((await loader('https://contexts.example/v1')).document, document)
  })

  test('refuses an extra context with the wrong digest', () => {
    const document = { '@context': { ex: 'https://vocab.example/#' } }
    const extraContexts = new Map([
      ['https://contexts.example/v1', { document, sha256: 'ab'.repeat(32) }],
    ])
    assert.equal(
      codeOf(() => createDocumentLoader({ extraContexts })),
      'w3c.context_digest_mismatch',
    )
  })

  test('refuses an extra context replacing a bundled one', () => {
    const document = { '@context': { ex: 'https://vocab.example/#' } }
    const sha256 = contextDigest(JSON.stringify(document))
    const extraContexts = new Map([[v2, { document, sha256 }]])
    assert.equal(
      codeOf(() => createDocumentLoader({ extraContexts })),
      'w3c.context_digest_mismatch',
    )
  })

  test('refuses an extra context over the size limit, or without @context', () => {
    const big = { '@context': { ex: 'x'.repeat(jsonLdLimits.maxContextBytes) } }
    const large = new Map([
      ['https://c.example/big', { document: big, sha256: contextDigest(JSON.stringify(big)) }],
    ])
    assert.equal(
      codeOf(() => createDocumentLoader({ extraContexts: large })),
      'w3c.context_too_large',
    )
    const bare = { ex: 'https://vocab.example/#' }
    const invalid = new Map([
      ['https://c.example/bare', { document: bare, sha256: contextDigest(JSON.stringify(bare)) }],
    ])
    assert.equal(
      codeOf(() => createDocumentLoader({ extraContexts: invalid })),
      'w3c.context_invalid',
    )
  })

  test('never attempts the network, even for URLs it refuses', async (t) => {
    let attempts = 0
    const refuse = () => {
      attempts++
      throw new Error('network used')
    }
    t.mock.method(globalThis, 'fetch', refuse)
    t.mock.method(http, 'request', refuse)
    t.mock.method(https, 'request', refuse)
    t.mock.method(http, 'get', refuse)
    t.mock.method(https, 'get', refuse)
    const loader = createDocumentLoader()
    await loader(v2)
    await assert.rejects(loader('https://www.w3.org/ns/odrl.jsonld'))
    const document = {
      '@context': [v2, 'https://contexts.example/remote/v1'],
      type: 'VerifiableCredential',
    }
    await assert.rejects(canonizeRdfc(document, { documentLoader: loader }), JsonLdContextError)
    assert.equal(attempts, 0)
  })
})

describe('document contexts', () => {
  test('collects context URLs at any depth, once each', () => {
    const document = {
      '@context': [v2, { ex: 'https://vocab.example/#' }],
      verifiableCredential: [
        { '@context': v2 },
        { '@context': ['https://w3id.org/security/data-integrity/v2'] },
      ],
    }
    assert.deepEqual(contextUrlsOf(document), [v2, 'https://w3id.org/security/data-integrity/v2'])
  })

  test('refuses more contexts than the limit', () => {
    const many = Array.from(
      { length: jsonLdLimits.maxContextsPerDocument + 1 },
      (_, i) => `https://c.example/${i}`,
    )
    assert.equal(
      codeOf(() => contextUrlsOf({ '@context': many })),
      'w3c.context_limit_exceeded',
    )
  })

  test('refuses a document nested beyond the walk', () => {
    let deep: Record<string, unknown> = {}
    for (let i = 0; i <= jsonLdLimits.maxDocumentDepth + 1; i++) deep = { a: deep }
    assert.equal(
      codeOf(() => contextUrlsOf(deep)),
      'w3c.context_limit_exceeded',
    )
  })

  test('checkDocumentContexts refuses a context the loader does not answer', async () => {
    const loader = createDocumentLoader()
    await checkDocumentContexts({ '@context': [v2] }, loader)
    await assert.rejects(
      checkDocumentContexts({ '@context': [v2, 'https://c.example/x'] }, loader),
      (error: unknown) =>
        error instanceof JsonLdContextError && error.code === 'w3c.context_unknown',
    )
  })
})
