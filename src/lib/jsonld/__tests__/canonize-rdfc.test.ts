// RDFC-1.0 in safe mode: canonical N-Quads for a well-formed document, refusals with codes for the rest.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { canonizeRdfc, JsonLdProcessingError } from '../canonize-rdfc.ts'
import { createDocumentLoader } from '../create-document-loader.ts'
import { JsonLdContextError } from '../json-ld-context-error.ts'

const documentLoader = createDocumentLoader()
const credential = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://www.w3.org/ns/credentials/examples/v2',
  ],
  id: 'urn:uuid:1',
  type: ['VerifiableCredential'],
  issuer: 'did:example:issuer',
  credentialSubject: { id: 'did:example:subject', alumniOf: 'Keio University' },
}

test('a credential canonicalizes to sorted N-Quads', async () => {
  const nquads = await canonizeRdfc(credential, { documentLoader })
  const lines = nquads.trimEnd().split('\n')
  assert.deepEqual(lines, [...lines].sort())
  assert.ok(
    lines.includes(
      '<did:example:subject> <https://www.w3.org/ns/credentials/examples#alumniOf> "Keio University" .',
    ),
  )
})

test('safe mode refuses a property no context defines', async () => {
  const document = { ...credential, '@context': ['https://www.w3.org/ns/credentials/v2'] }
  await assert.rejects(canonizeRdfc(document, { documentLoader }), (error: unknown) => {
    assert.ok(error instanceof JsonLdProcessingError)
    assert.equal(error.code, 'w3c.jsonld_invalid')
    return true
  })
})

test('an unknown context surfaces as the loader refused it', async () => {
  const document = { ...credential, '@context': ['https://contexts.example/unknown'] }
  await assert.rejects(
    canonizeRdfc(document, { documentLoader }),
    (error: unknown) => error instanceof JsonLdContextError && error.code === 'w3c.context_unknown',
  )
})
