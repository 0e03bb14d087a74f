import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { KakehashiError } from '../../errors.ts'
import { contextDigest, createDocumentLoader } from '../../lib/jsonld/index.ts'
import { loadOperatorContexts } from '../operator-contexts.ts'

describe('operator contexts', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kakehashi-contexts-'))
  })
  after(() => rm(dir, { recursive: true, force: true }))

  const document = { '@context': { '@vocab': 'https://contexts.example/degree#' } }
  const url = 'https://contexts.example/degree/v1'

  it('an absent file adds nothing', async () => {
    assert.equal((await loadOperatorContexts(join(dir, 'none.json'))).size, 0)
  })

  it('a pinned context is answered by the loader made from the file', async () => {
    const path = join(dir, 'contexts.json')
    const sha256 = contextDigest(JSON.stringify(document))
    await writeFile(path, JSON.stringify({ contexts: [{ url, sha256, document }] }))
    const loader = createDocumentLoader({ extraContexts: await loadOperatorContexts(path) })
    assert.deepEqual((await loader(url)).document, document)
  })

  it('a context whose content does not match its digest is refused when the loader is made', async () => {
    const path = join(dir, 'wrong.json')
    await writeFile(path, JSON.stringify({ contexts: [{ url, sha256: '0'.repeat(64), document }] }))
    const extra = await loadOperatorContexts(path)
    assert.throws(() => createDocumentLoader({ extraContexts: extra }), {
      code: 'w3c.context_digest_mismatch',
    })
  })

  it('a malformed file stops the bridge rather than verifying with fewer contexts', async () => {
    const path = join(dir, 'bad.json')
    await writeFile(path, JSON.stringify({ contexts: [{ url }] }))
    await assert.rejects(loadOperatorContexts(path), (error: unknown) => {
      assert.ok(error instanceof KakehashiError)
      assert.equal(error.code, 'config.invalid')
      return true
    })
  })
})
