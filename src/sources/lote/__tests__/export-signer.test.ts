// The export signer is made once and kept in the data directory, or taken from the operator's files, which must match.
import assert from 'node:assert/strict'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { loadExportSigner } from '../export-signer.ts'
import { createTestKey } from './lote-fixtures.ts'

describe('loadExportSigner', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kk-export-signer-'))
  after(() => rm(dir, { recursive: true, force: true }))

  it('creates a P-256 signer at first use and reads the same one back', async () => {
    const first = await loadExportSigner({ dataDir: dir })
    assert.equal(first.algorithm, 'ES256')
    const again = await loadExportSigner({ dataDir: dir })
    assert.equal(again.fingerprint, first.fingerprint)
    const mode = (await stat(join(dir, 'export-signer', 'key.jwk'))).mode & 0o777
    assert.equal(mode, 0o600)
  })

  it('takes the operator files, and refuses a certificate of another key', async () => {
    const created = await loadExportSigner({ dataDir: dir })
    const keyPath = join(dir, 'export-signer', 'key.jwk')
    const certPath = join(dir, 'given.pem')
    await writeFile(certPath, created.certificatePem)
    const given = await loadExportSigner({ keyPath, certPath })
    assert.equal(given.fingerprint, created.fingerprint)
    await writeFile(certPath, (await createTestKey('Another Key')).pem)
    await assert.rejects(loadExportSigner({ keyPath, certPath }), {
      code: 'lote.export_signer_invalid',
    })
    await assert.rejects(loadExportSigner({ keyPath }), { code: 'lote.export_signer_invalid' })
    await assert.rejects(loadExportSigner({ keyPath: join(dir, 'none'), certPath }), {
      code: 'lote.export_signer_invalid',
    })
  })
})
