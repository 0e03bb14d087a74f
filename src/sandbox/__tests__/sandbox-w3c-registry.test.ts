// The sandbox universities in the registry and on disk: their DIDs as identities, authorisations and rules that grow, keys kept.
import assert from 'node:assert/strict'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { openTestBridge, sandboxOf } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { findSandboxIssuer } from '../sandbox-ecosystems.ts'
import { loadOrCreateSandboxKeys } from '../sandbox-keystore.ts'
import { sandboxChanges } from '../seed-sandbox.ts'

describe('sandbox W3C issuers in the registry', () => {
  let bridge: Bridge
  before(async () => {
    bridge = await openTestBridge()
  })
  after(async () => {
    await bridge.close()
  })

  test('the registry holds both DIDs of each university and authorises the W3C types', async () => {
    const snapshot = await bridge.registry.get()
    for (const [entity, issuer, types] of [
      ['jp.sandbox.university', 'jp-university', ['OpenBadgeCredential']],
      [
        'eu.sandbox.university',
        'eu-university',
        ['OpenBadgeCredential', 'EuropeanDigitalCredential'],
      ],
    ] as const) {
      const keys = sandboxOf(bridge).keyring.get(issuer).w3c
      const dids = snapshot.identities
        .filter((i) => i.entityId === entity && i.kind === 'did')
        .map((i) => i.value)
        .sort()
      assert.deepEqual(dids, [keys?.didJwk, keys?.didKey].sort())
      const held = snapshot.authorisationsByEntity.get(entity)?.[0]
      for (const type of types) assert.ok(held?.credentialTypes.includes(type), type)
    }
    assert.equal(
      snapshot.authorisationsByEntity
        .get('jp.sandbox.university')?.[0]
        ?.credentialTypes.includes('EuropeanDigitalCredential'),
      false,
    )
    assert.deepEqual(
      sandboxChanges(snapshot, sandboxOf(bridge).keyring, new Date().toISOString()),
      [],
    )
  })

  test('a registry seeded before W3C issuance gains the DIDs, and its academic rules grow', async () => {
    const snapshot = await bridge.registry.get()
    const older = {
      ...snapshot,
      identities: snapshot.identities.filter((i) => i.kind !== 'did'),
      recognitionRules: snapshot.recognitionRules.map((r) => ({
        ...r,
        credentialTypes: r.credentialTypes.slice(0, 1),
      })),
    }
    const changes = sandboxChanges(older, sandboxOf(bridge).keyring, new Date().toISOString())
    const dids = changes.flatMap((c) =>
      c.type === 'identity.put' ? [[c.identity.id, c.identity.kind]] : [],
    )
    assert.deepEqual(dids.sort(), [
      ['eu.sandbox.university.did-jwk', 'did'],
      ['eu.sandbox.university.did-key', 'did'],
      ['jp.sandbox.university.did-jwk', 'did'],
      ['jp.sandbox.university.did-key', 'did'],
    ])
    const rules = changes.flatMap((c) =>
      c.type === 'recognition.put' ? [[c.rule.id, c.rule.credentialTypes]] : [],
    )
    assert.deepEqual(rules.sort(), [
      [
        'sandbox.eu-academic-recognises-jp-academic',
        ['urn:kakehashi:sandbox:jp.diploma:1', 'OpenBadgeCredential'],
      ],
      [
        'sandbox.jp-academic-recognises-eu-academic',
        ['urn:kakehashi:sandbox:eu.diploma:1', 'OpenBadgeCredential', 'EuropeanDigitalCredential'],
      ],
    ])
    assert.equal(changes.length, dids.length + rules.length, 'nothing else changes')
  })
})

describe('sandbox W3C keys', () => {
  test('made once in the data directory (mode 0600), the same DIDs on the next start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kakehashi-w3c-keys-'))
    try {
      const issuer = findSandboxIssuer('jp-university')
      assert.ok(issuer)
      const first = await loadOrCreateSandboxKeys(dataDir, issuer)
      const again = await loadOrCreateSandboxKeys(dataDir, issuer)
      assert.match(String(first.w3c?.didKey), /^did:key:z6Mk/)
      assert.match(String(first.w3c?.didJwk), /^did:jwk:/)
      assert.equal(again.w3c?.didKey, first.w3c?.didKey)
      assert.equal(again.w3c?.didJwk, first.w3c?.didJwk)
      for (const file of ['w3c-ed25519-key.jwk.json', 'w3c-p256-key.jwk.json'])
        assert.equal(
          (await stat(join(dataDir, 'sandbox', 'jp-university', file))).mode & 0o777,
          0o600,
        )
      const pid = findSandboxIssuer('eu-pid-provider')
      assert.ok(pid)
      assert.equal((await loadOrCreateSandboxKeys(dataDir, pid)).w3c, undefined)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
