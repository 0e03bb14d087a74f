// The shared-term-definition copy gives byte-identical RDFC-1.0 output to jsonld as published, errors included.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Worker } from 'node:worker_threads'
import { contexts as citizenshipContexts } from '@digitalbazaar/citizenship-context'
import jsonld from 'jsonld'
import jsonLdContext from 'jsonld/lib/context.js'
import { corpusPath, corpusRoot } from '../../../../test/support/corpus.ts'
import { bundledContexts } from '../bundled-contexts.ts'
import { shareTermDefinitions } from '../share-term-definitions.ts'

const ob3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const vc2 = 'https://www.w3.org/ns/credentials/v2'
const citizenship = 'https://w3id.org/citizenship/v4rc1'

const contexts: [string, string][] = [
  ...[...bundledContexts].map(([url, pinned]): [string, string] => [url, pinned.text]),
  [citizenship, JSON.stringify(citizenshipContexts.get(citizenship))],
]
const texts = new Map(contexts)
const documentLoader = async (url: string) => {
  const text = texts.get(url)
  if (text === undefined) throw new Error(`unknown context ${url}`)
  return { contextUrl: null, documentUrl: url, document: JSON.parse(text), tag: 'static' }
}
const options = {
  safe: true,
  base: null,
  rdfDirection: 'i18n-datatype',
  format: 'application/n-quads',
  canonizeOptions: { algorithm: 'RDFC-1.0' },
}

/** Documents that exercise type-scoped, property-scoped and protected contexts without the corpus. */
const inline: unknown[] = [
  {
    '@context': [vc2, ob3],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:example:university', type: ['Profile'], name: '東京理工大学' },
    validFrom: '2026-03-25T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: 'urn:uuid:0d5c1a0e-5d4b-4b8e-9f0a-3f8d2a3c4b5e',
        type: ['Achievement'],
        achievementType: 'MasterDegree',
        name: { '@value': '修士（工学）', '@language': 'ja' },
        criteria: { narrative: 'Completion of the programme' },
        alignment: [{ type: ['Alignment'], targetName: 'EQF 7', targetUrl: 'https://example.org' }],
      },
      result: [{ type: ['Result'], value: 'A' }],
    },
  },
  // Leaving a typed node: the type-scoped context must not propagate to the nested plain object.
  {
    '@context': [vc2, ob3],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: 'did:example:issuer',
    credentialSubject: { type: ['AchievementSubject'], achievement: { type: ['Achievement'] } },
    evidence: [{ type: ['Evidence'], name: 'thesis', narrative: 'x' }],
  },
  // A protected VC v2 term redefined by a later context: refused in both.
  {
    '@context': [vc2, { name: 'https://example.org/not-the-name' }],
    type: ['VerifiableCredential'],
    name: 'a diploma',
    issuer: 'did:example:issuer',
    credentialSubject: { id: 'did:example:subject' },
  },
  // A context nullified under protected terms: refused in both.
  {
    '@context': [vc2, null],
    type: ['VerifiableCredential'],
    issuer: 'did:example:issuer',
  },
  // An undefined term: safe mode refuses it in both.
  {
    '@context': [vc2],
    type: ['VerifiableCredential'],
    issuer: 'did:example:issuer',
    credentialSubject: { undefinedTerm: 1 },
  },
]

/** Every JSON document of the corpus's W3C vectors and Open Badges fixtures, when the corpus is there. */
function corpusDocuments(): unknown[] {
  const found: unknown[] = []
  for (const dir of [
    'vectors/w3c-di',
    'vectors/openbadges-1edtech',
    'vectors/openbadges-dcc',
    'vectors/w3c-vcdm2-testsuite',
  ]) {
    const root = corpusPath(dir)
    if (root === undefined) continue
    const walk = (path: string): void => {
      for (const name of readdirSync(path)) {
        const child = join(path, name)
        if (statSync(child).isDirectory()) walk(child)
        else if (name.endsWith('.json')) {
          try {
            const parsed: unknown = JSON.parse(readFileSync(child, 'utf8'))
            if (typeof parsed === 'object' && parsed !== null && '@context' in parsed)
              found.push(parsed)
          } catch {
            // Not JSON: nothing to canonize.
          }
        }
      }
    }
    walk(root)
  }
  return found
}

async function canonizeHere(
  documents: unknown[],
): Promise<({ nquads: string } | { error: string })[]> {
  const results: ({ nquads: string } | { error: string })[] = []
  for (const document of documents) {
    try {
      results.push({
        nquads: await jsonld.canonize(document, { ...options, documentLoader } as never),
      })
    } catch (error) {
      const e = error as { details?: { code?: string }; message?: string }
      results.push({ error: String(e.details?.code ?? e.message ?? error) })
    }
  }
  return results
}

async function canonizePristine(documents: unknown[]) {
  const worker = new Worker(new URL('./pristine-jsonld-worker.mjs', import.meta.url), {
    workerData: { contexts, documents, options },
  })
  try {
    const [message] = (await once(worker, 'message')) as [
      { results: ({ nquads: string } | { error: string })[]; cloneName: string },
    ]
    return message
  } finally {
    await worker.terminate()
  }
}

describe('shared term definitions (jsonld.js#414)', () => {
  it('is in use for the pinned jsonld release', () => {
    assert.equal(shareTermDefinitions(), true)
    const initial = jsonLdContext.getInitialContext({}) as { clone: { name: string } }
    assert.equal(initial.clone.name, 'cloneSharingTermDefinitions')
  })

  it('canonizes every document exactly as jsonld as published does, and fails where it fails', async () => {
    shareTermDefinitions()
    const documents = [...inline, ...corpusDocuments()]
    // With the corpus, every W3C vector and Open Badges fixture is compared (210 documents).
    if (corpusRoot !== undefined) assert.ok(documents.length > 200, `${documents.length} documents`)
    const [here, pristine] = await Promise.all([
      canonizeHere(documents),
      canonizePristine(documents),
    ])
    assert.equal(pristine.cloneName, '_cloneActiveContext', 'the worker runs jsonld as published')
    assert.equal(here.length, documents.length)
    for (let i = 0; i < documents.length; i++) {
      assert.deepEqual(here[i], pristine.results[i], `document ${i}`)
    }
    // The inline cases cover both outcomes: the first two canonize, the last three are refused.
    assert.ok('nquads' in (here[0] as object) && 'nquads' in (here[1] as object))
    for (const i of [2, 3, 4]) assert.ok('error' in (here[i] as object), `inline case ${i} refused`)
  })
})
