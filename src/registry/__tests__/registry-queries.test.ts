// Registry reads: lists, lookups, entity detail, status history, and `registry.not_found`.
import assert from 'node:assert/strict'
import { forEachStore } from '../../../test/support/stores.ts'
import { isKakehashiError } from '../../errors.ts'
import {
  clock,
  operator,
  recognitionRule,
  sampleRegistry,
} from '../../log/__tests__/sample-changes.ts'
import { appendChanges } from '../../log/append-changes.ts'
import { fixedClock } from '../../util/clock.ts'
import {
  getAuthorisation,
  getEntity,
  getFramework,
  getIdentity,
  getRecognitionRule,
  getSource,
  listAuthorisations,
  listEntities,
  listFrameworks,
  listIdentities,
  listRecognitionRules,
  listSources,
} from '../registry-queries.ts'

const notFound = (error: unknown) => isKakehashiError(error) && error.code === 'registry.not_found'

forEachStore('lists and lookups return what the log put there', async ({ store }) => {
  const entries = await appendChanges(store, sampleRegistry, operator, clock)
  assert.deepEqual(
    (await listFrameworks(store)).map((f) => f.id),
    ['eu.academic', 'jp.academic'],
  )
  assert.equal((await getFramework(store, 'jp.academic')).name, '日本の学位記')
  assert.deepEqual(await listSources(store), [
    { id: 'jp.mext.list', kind: 'jp-list', description: 'test list' },
  ])
  assert.equal((await getSource(store, 'jp.mext.list')).kind, 'jp-list')
  assert.deepEqual(
    (await listEntities(store, { country: 'JP' })).map((e) => e.id),
    ['jp.keio'],
  )
  assert.deepEqual(await listEntities(store, { country: 'FR' }), [])
  assert.equal((await getIdentity(store, 'jp.keio.key1')).kind, 'jwk.thumbprint')
  assert.deepEqual(await listIdentities(store, { kind: 'x509.trust_anchor' }), [])
  assert.deepEqual(await listRecognitionRules(store, { recognisingFrameworkId: 'eu.academic' }), [
    recognitionRule,
  ])
  assert.equal(
    (await getRecognitionRule(store, 'eu-recognises-jp-diplomas')).legalBasis.length > 0,
    true,
  )

  const entity = await getEntity(store, 'jp.keio')
  assert.equal(entity.names[0]?.value, '慶應義塾大学')
  assert.deepEqual(
    entity.identities.map((i) => i.id),
    ['jp.keio.key1'],
  )
  const authSeq = entries.find((e) => e.change.type === 'authorisation.put')?.seq
  assert.deepEqual(entity.authorisations, [
    {
      id: 'jp.keio.issuer',
      entityId: 'jp.keio',
      frameworkId: 'jp.academic',
      role: 'issuer',
      credentialTypes: ['urn:jp:academic:diploma'],
      status: 'granted',
      validFrom: '2026-01-01T00:00:00Z',
      statusHistory: [{ status: 'granted', at: '2026-05-01T09:00:00.000Z', logSeq: authSeq }],
    },
  ])
})

forEachStore('an authorisation keeps the history of its status', async ({ store }) => {
  await appendChanges(store, sampleRegistry, operator, clock)
  const [suspended] = await appendChanges(
    store,
    [
      {
        type: 'authorisation.status',
        id: 'jp.keio.issuer',
        status: 'suspended',
        at: '2026-06-01T00:00:00Z',
      },
    ],
    operator,
    fixedClock('2026-06-01T00:00:01Z'),
  )
  const authorisation = await getAuthorisation(store, 'jp.keio.issuer')
  assert.equal(authorisation.status, 'suspended')
  assert.deepEqual(
    authorisation.statusHistory.map((e) => [e.status, e.at]),
    [
      ['granted', '2026-05-01T09:00:00.000Z'],
      ['suspended', '2026-06-01T00:00:00Z'],
    ],
  )
  assert.equal(authorisation.statusHistory[1]?.logSeq, suspended?.seq)
  assert.deepEqual(await listAuthorisations(store, { status: 'granted' }), [])
  assert.deepEqual(
    (await listAuthorisations(store, { entityId: 'jp.keio', role: 'issuer' })).map((a) => a.id),
    ['jp.keio.issuer'],
  )
})

forEachStore('an unknown id is registry.not_found', async ({ store }) => {
  await appendChanges(store, sampleRegistry, operator, clock)
  await assert.rejects(getFramework(store, 'xx'), notFound)
  await assert.rejects(getEntity(store, 'xx'), notFound)
  await assert.rejects(getIdentity(store, 'xx'), notFound)
  await assert.rejects(getAuthorisation(store, 'xx'), notFound)
  await assert.rejects(getRecognitionRule(store, 'xx'), notFound)
  await assert.rejects(getSource(store, 'xx'), notFound)
})
