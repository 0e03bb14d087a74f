import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sandboxOf } from '../../../test/support/bridge.ts'
import {
  dropSchema,
  postgresSkip,
  testDatabaseUrl,
  uniqueSchema,
} from '../../../test/support/stores.ts'
import { verifyLogChain } from '../../log/read-log.ts'
import { issueSandboxCredential } from '../../sandbox/issue-sandbox-credential.ts'
import { resolveBridgeConfig } from '../bridge-config.ts'
import { openBridge } from '../open-bridge.ts'

const request = (credential: string) => ({
  credential,
  relyingPartyFramework: 'eu.academic',
  nonce: 'n',
  audience: 'https://rp.example.eu',
})

test('first start in a data directory: sandbox keys kept there (private keys 0600), seeded once through the log', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakehashi-bridge-'))
  try {
    const config = { ...resolveBridgeConfig({ dataDir }, {}), sandbox: true }
    const first = await openBridge(config)
    const size = (await first.registry.get()).checkpoint.size
    assert.ok(size > 0)
    const issued = await issueSandboxCredential(sandboxOf(first), 'jp-university', {
      nonce: 'n',
      audience: 'https://rp.example.eu',
    })
    await first.close()
    const keyFile = join(dataDir, 'sandbox', 'jp-university', 'issuer-key.jwk.json')
    assert.equal(statSync(keyFile).mode & 0o777, 0o600)
    assert.deepEqual(readdirSync(join(dataDir, 'sandbox')).sort(), [
      'eu-pid-provider',
      'eu-university',
      'federation',
      'jp-mynumber-idp',
      'jp-university',
    ])
    // The sandbox federation's entity keys are private keys too.
    const federationKeys = readdirSync(join(dataDir, 'sandbox', 'federation'))
    assert.ok(federationKeys.includes('anchor-key.jwk.json'), federationKeys.join(', '))
    for (const name of federationKeys)
      assert.equal(statSync(join(dataDir, 'sandbox', 'federation', name)).mode & 0o777, 0o600, name)

    const second = await openBridge(config)
    try {
      assert.equal(
        (await second.registry.get()).checkpoint.size,
        size,
        'a second start adds nothing to the log',
      )
      assert.equal(
        (await second.verify(request(issued.credential))).verdict,
        'accepted',
        'the same keys are used again',
      )
      assert.equal((await verifyLogChain(second.store)).ok, true)
    } finally {
      await second.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('the same bridge on a PostgreSQL server (DATABASE_URL)', {
  skip: postgresSkip(),
}, async () => {
  const schema = uniqueSchema()
  const config = { ...resolveBridgeConfig({}, { DATABASE_URL: testDatabaseUrl }), sandbox: true }
  const bridge = await openBridge(config, { inMemory: true, schema })
  try {
    assert.equal(bridge.store.kind, 'postgres')
    const issued = await issueSandboxCredential(sandboxOf(bridge), 'jp-university', {
      nonce: 'n',
      audience: 'https://rp.example.eu',
    })
    const report = await bridge.verify(request(issued.credential))
    assert.equal(report.verdict, 'accepted', JSON.stringify(report.errors))
  } finally {
    await bridge.close()
    await dropSchema(schema)
  }
})
