// `registry sync` of an OpenID Federation: resolved entities imported, one failing entity recorded without dropping the others, the last good version kept.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { calculateJwkThumbprint } from 'jose'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import {
  getSource,
  listAuthorisations,
  listEntities,
  listIdentities,
} from '../../registry/registry-queries.ts'
import {
  clock,
  createKey,
  DAY,
  MARK,
  now,
  PID_VCT,
  TestFederation,
} from '../../trust/oidfed/__tests__/federation-fixtures.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'

describe('sync of an OpenID Federation', () => {
  let fed: TestFederation
  let fixture: TestStore
  const sync = (source: Record<string, unknown> = {}): Promise<SyncReport> =>
    syncSources({
      store: fixture.store,
      clock,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'oidfed',
              id: 'eu.oidfed.test',
              trustAnchor: { entityId: fed.id('ta'), jwks: fed.get('ta').jwks },
              entities: [fed.id('issuer'), fed.id('rp')],
              frameworkId: 'eu.oidfed.test',
              framework: { name: 'Test federation', jurisdiction: 'EU' },
              country: 'DE',
              ...source,
            },
          ],
        }),
        '/',
      ),
    })
  const only = (report: SyncReport) => {
    assert.equal(report.sources.length, 1)
    return report.sources[0] as SyncReport['sources'][number]
  }

  before(async () => {
    fed = await TestFederation.create()
    await fed.publish()
    fixture = await openTestStore('pglite')
  })
  after(async () => {
    await fed.stop()
    await fixture.cleanup()
  })

  it('imports every resolved entity: names, key thumbprints, roles and credential types until the chain expires', async () => {
    const outcome = only(await sync())
    assert.equal(outcome.outcome, 'imported', JSON.stringify(outcome.failure))
    assert.deepEqual(outcome.counts, {
      entities: 2,
      resolved: 2,
      failed: 0,
      imported: 2,
      trustMarks: 1,
    })
    const source = await getSource(fixture.store, 'eu.oidfed.test')
    assert.equal(source.kind, 'oidfed')
    assert.equal(source.current?.signature.status, 'valid')
    assert.equal(source.current?.signature.signerSubject, fed.id('ta'))
    assert.equal(source.current?.nextUpdate, new Date((now + DAY) * 1000).toISOString())
    const entities = await listEntities(fixture.store)
    const issuer = entities.find((e) => e.identifiers.some((i) => i.value === fed.id('issuer')))
    assert.ok(issuer, 'the issuer is an entity')
    assert.deepEqual(issuer.names, [
      { value: 'Sandbox PID Provider', lang: 'und' },
      { value: 'サンドボックス発行者', lang: 'ja-Jpan' },
    ])
    assert.equal(issuer.country, 'DE')
    const identities = await listIdentities(fixture.store, { entityId: issuer.id })
    assert.deepEqual(
      identities.map((i) => [i.kind, i.value]),
      [['jwk.thumbprint', await calculateJwkThumbprint(fed.credentialKey.jwk, 'sha256')]],
    )
    const [issuing] = await listAuthorisations(fixture.store, { entityId: issuer.id })
    assert.equal(issuing?.role, 'issuer')
    assert.equal(issuing?.frameworkId, 'eu.oidfed.test')
    assert.deepEqual(issuing?.credentialTypes, [PID_VCT, 'org.iso.18013.5.1.mDL'])
    assert.equal(issuing?.validUntil, new Date((now + DAY) * 1000).toISOString())
    const relying = await listAuthorisations(fixture.store, { role: 'relying_party' })
    assert.equal(relying.length, 1)
  })

  it('a second sync of the same chains writes nothing', async () => {
    const size = (await getCheckpoint(fixture.store)).size
    const outcome = only(await sync())
    assert.equal(outcome.outcome, 'unchanged')
    assert.equal((await getCheckpoint(fixture.store)).size, size)
  })

  it('an entity whose chain breaks is left out and recorded; the others are imported', async () => {
    const genuine = fed.server.documents.get(`/ta/fetch?sub=${fed.id('rp')}`)
    await fed.publishSubordinate('ta', 'rp', undefined, await createKey('ta-fed-key'))
    try {
      const outcome = only(await sync())
      assert.equal(outcome.outcome, 'imported')
      assert.equal(outcome.failure?.code, 'oidfed.signature_invalid')
      assert.match(outcome.failure?.message ?? '', /1 of 2 entities did not resolve/)
      assert.deepEqual(outcome.counts?.failed, 1)
      assert.equal((await listAuthorisations(fixture.store, { role: 'relying_party' })).length, 0)
      assert.equal((await listAuthorisations(fixture.store, { role: 'issuer' })).length, 1)
      const source = await getSource(fixture.store, 'eu.oidfed.test')
      assert.equal(source.lastFailure?.code, 'oidfed.signature_invalid')
    } finally {
      if (genuine) fed.server.documents.set(`/ta/fetch?sub=${fed.id('rp')}`, genuine)
    }
  })

  it('when the trust anchor cannot be verified, nothing changes and the failure is recorded', async () => {
    const before = await getSource(fixture.store, 'eu.oidfed.test')
    const stranger = await createKey('ta-fed-key')
    const outcome = only(
      await sync({ trustAnchor: { entityId: fed.id('ta'), jwks: { keys: [stranger.jwk] } } }),
    )
    assert.equal(outcome.outcome, 'failed')
    assert.equal(outcome.failure?.code, 'oidfed.signature_invalid')
    const after = await getSource(fixture.store, 'eu.oidfed.test')
    assert.equal(after.current?.digest, before.current?.digest, 'the last good version stays')
    assert.equal((await listAuthorisations(fixture.store, { role: 'issuer' })).length, 1)
  })

  it('refuses trust anchor keys configured with private members', async () => {
    const leaked = { ...fed.get('ta').key.jwk, d: 'AAAA' }
    const outcome = only(
      await sync({ trustAnchor: { entityId: fed.id('ta'), jwks: { keys: [leaked] } } }),
    )
    assert.equal(outcome.outcome, 'failed')
    assert.equal(outcome.failure?.code, 'sources.config_invalid')
  })

  it('with no entities configured, resolves what the anchor’s list endpoint names', async () => {
    const outcome = only(await sync({ id: 'eu.oidfed.listed', entities: undefined }))
    assert.equal(outcome.outcome, 'imported', JSON.stringify(outcome.failure))
    // The intermediate resolves but has no role the registry knows: it is not an entity of the registry.
    assert.deepEqual(outcome.counts, {
      entities: 2,
      resolved: 2,
      failed: 0,
      imported: 1,
      trustMarks: 0,
    })
  })

  it('required trust marks: an entity without one is refused, one with a valid mark imported', async () => {
    const outcome = only(await sync({ id: 'eu.oidfed.marked', requiredTrustMarks: [MARK] }))
    assert.equal(outcome.outcome, 'imported')
    assert.equal(outcome.failure?.code, 'oidfed.trust_mark_missing')
    assert.deepEqual(outcome.counts?.imported, 1)
    const marked = await listAuthorisations(fixture.store, { frameworkId: 'eu.oidfed.test' })
    assert.ok(marked.some((a) => a.sourceId === 'eu.oidfed.marked' && a.role === 'issuer'))
    assert.ok(!marked.some((a) => a.sourceId === 'eu.oidfed.marked' && a.role === 'relying_party'))
  })
})
