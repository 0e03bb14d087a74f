// `kakehashi sandbox list`: every issuer with what it issues (SD-JWT VC, mdoc, W3C) and the flags that get it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { captureIo } from '../../../test/support/capture-io.ts'
import { sandboxCommand } from '../commands/sandbox-command.ts'

describe('kakehashi sandbox list', () => {
  it('names each issuer’s mdoc docType and W3C credential types with their formats', async () => {
    const io = captureIo()
    assert.equal(await sandboxCommand(['list', '--json'], io), 0)
    const rows = JSON.parse(io.stdout.join('')) as {
      id: string
      mdocDocType?: string
      w3c: { credentialType: string; formats: string[] }[]
    }[]
    const byId = new Map(rows.map((r) => [r.id, r]))
    assert.equal(byId.get('jp-mynumber-idp')?.mdocDocType, 'kakehashi.sandbox.jp.mynumber.1')
    assert.deepEqual(byId.get('eu-university')?.w3c, [
      { credentialType: 'OpenBadgeCredential', formats: ['ldp_vc', 'vc+jwt'] },
      { credentialType: 'EuropeanDigitalCredential', formats: ['vc+jwt'] },
    ])
    assert.deepEqual(byId.get('eu-pid-provider')?.w3c, [])
  })

  it('prints one line per credential with the `sandbox issue` flags', async () => {
    const io = captureIo()
    assert.equal(await sandboxCommand(['list'], io), 0)
    const text = io.stdout.join('\n')
    assert.match(text, /--format vc\+jwt {2}--type EuropeanDigitalCredential/)
    assert.match(text, /--format mdoc {2}docType eu\.europa\.ec\.eudi\.pid\.1/)
  })
})
