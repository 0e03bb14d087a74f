// The documented example of the Japanese trust list form is itself a valid list.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { jpTrustListToSourceImport } from '../jp-trust-list-to-source-import.ts'
import { readJpTrustList } from '../read-jp-trust-list.ts'

const example = new URL('../../../../docs/examples/jp-trust-list.example.json', import.meta.url)

describe('docs/examples/jp-trust-list.example.json', () => {
  it('reads as an unsigned list and maps to entities and authorisations, binding no key', async () => {
    const verified = await readJpTrustList(new Uint8Array(readFileSync(example)), {
      signers: [],
      allowUnsigned: true,
    })
    assert.equal(verified.list.listId, 'example-jp-trust-list')
    const imported = jpTrustListToSourceImport(verified, {
      sourceId: 'jp.example',
      fetchedAt: '2026-06-01T00:00:00Z',
    })
    assert.equal(imported.content.entities.length, 3)
    assert.equal(imported.content.authorisations.length, 5)
    // It carries no certificate, so nothing can chain to what it lists.
    assert.equal(imported.content.identities.length, 0)
    assert.ok(
      imported.content.entities.every((e) =>
        e.names.some((n) => /\(example\)|（例）/.test(n.value)),
      ),
      'every entity is marked as an example',
    )
  })
})
