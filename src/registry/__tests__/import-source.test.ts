// Importing source versions through the log: only differences are written, gone objects removed, failures kept apart.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { forEachStore } from '../../../test/support/stores.ts'
import { isKakehashiError } from '../../errors.ts'
import { readLog, verifyLogChain } from '../../log/read-log.ts'
import {
  type NormalisedSourceContent,
  type SourceContent,
  type SourceImport,
  type SourceVersion,
  zAuthorisation,
  zDigitalIdentity,
  zTrustedEntity,
  zTrustFramework,
} from '../../model/index.ts'
import { fixedClock } from '../../util/clock.ts'
import { importSource, planSourceChanges, recordSourceFailure } from '../import-source.ts'
import { getAuthorisation, getSource, listEntities } from '../registry-queries.ts'

const clock = fixedClock('2026-05-01T09:00:00Z')
const context = { actor: 'import:test.tl', reason: 'test import' }
const sourceId = 'test.tl'
const source = {
  id: sourceId,
  kind: 'etsi-tl' as const,
  description: 'a test list',
  territory: 'ES',
}

const version = (sequenceNumber: number, digestByte: string): SourceVersion => ({
  digest: digestByte.repeat(64),
  fetchedAt: '2026-05-01T09:00:00Z',
  sequenceNumber,
  issuedAt: '2026-04-30T00:00:00Z',
  nextUpdate: '2026-10-30T00:00:00Z',
  signature: { status: 'valid', signerSubject: 'CN=Test Scheme Operator' },
})

function content(options: { tsps: string[]; status?: 'granted' | 'withdrawn' }): SourceContent {
  const framework = {
    id: 'eu.eidas.qualified',
    jurisdiction: 'EU',
    name: 'eIDAS qualified trust services',
    sourceId,
  }
  return {
    frameworks: [framework],
    entities: options.tsps.map((name) => ({
      id: `${sourceId}:tsp:${name}`,
      names: [{ value: `TSP ${name}`, lang: 'en' }],
      country: 'ES',
      sourceId,
    })),
    identities: options.tsps.map((name) => ({
      id: `${sourceId}:id:${name}`,
      entityId: `${sourceId}:tsp:${name}`,
      kind: 'jwk.thumbprint' as const,
      value: `thumbprint-${name}`,
      sourceId,
    })),
    authorisations: options.tsps.map((name) => ({
      id: `${sourceId}:svc:${name}`,
      entityId: `${sourceId}:tsp:${name}`,
      frameworkId: framework.id,
      role: 'issuer' as const,
      status: options.status ?? 'granted',
      validFrom: '2020-01-01T00:00:00Z',
      sourceId,
      trustService: {
        serviceType: 'http://uri.etsi.org/TrstSvc/Svctype/CA/QC',
        status: 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted',
        statusStartingTime: '2020-01-01T00:00:00Z',
      },
    })),
    recognitionRules: [],
  }
}

const imported = (seq: number, c: SourceContent, digest = 'a'): SourceImport => ({
  source,
  version: version(seq, digest),
  content: c,
})

forEachStore(
  'a first import registers the source and every object, then records the version',
  async ({ store }) => {
    const summary = await importSource(
      store,
      imported(1, content({ tsps: ['a', 'b'] })),
      context,
      clock,
    )
    assert.equal(summary.put, 7, 'one framework, two entities, two identities, two authorisations')
    assert.equal(summary.removed, 0)
    const types = summary.entries.map((e) => e.change.type)
    assert.equal(types[0], 'source.put')
    assert.equal(types.at(-1), 'source.imported')
    assert.ok(summary.entries.every((e) => e.sourceId === sourceId && e.actor === context.actor))
    const state = await getSource(store, sourceId)
    assert.equal(state.current?.sequenceNumber, 1)
    assert.equal(state.current?.signature.status, 'valid')
    assert.equal((await listEntities(store)).length, 2)
    assert.equal((await verifyLogChain(store)).ok, true)
  },
)

forEachStore('re-importing equal content writes only the new version', async ({ store }) => {
  await importSource(store, imported(1, content({ tsps: ['a'] })), context, clock)
  const again = await importSource(
    store,
    imported(2, content({ tsps: ['a'] }), 'b'),
    context,
    clock,
  )
  assert.deepEqual(
    again.entries.map((e) => e.change.type),
    ['source.imported'],
  )
  assert.equal((await getSource(store, sourceId)).current?.sequenceNumber, 2)
})

forEachStore(
  'a status change is one authorisation put with its history; a gone TSP is removed',
  async ({ store }) => {
    await importSource(store, imported(1, content({ tsps: ['a', 'b'] })), context, clock)
    const next = content({ tsps: ['a'], status: 'withdrawn' })
    const summary = await importSource(store, imported(2, next, 'b'), context, clock)
    assert.deepEqual(
      summary.entries.map((e) => e.change.type),
      [
        'authorisation.put',
        'authorisation.remove',
        'identity.remove',
        'entity.remove',
        'source.imported',
      ],
    )
    const record = await getAuthorisation(store, `${sourceId}:svc:a`)
    assert.equal(record.status, 'withdrawn')
    assert.deepEqual(
      record.statusHistory.map((event) => event.status),
      ['granted', 'withdrawn'],
    )
    assert.deepEqual(
      (await listEntities(store)).map((e) => e.id),
      [`${sourceId}:tsp:a`],
    )
    assert.equal((await verifyLogChain(store)).ok, true)
  },
)

forEachStore(
  'a failure is recorded beside the version in force, and cleared by the next import',
  async ({ store }) => {
    await importSource(store, imported(1, content({ tsps: ['a'] })), context, clock)
    const failure = {
      at: '2026-05-02T00:00:00Z',
      code: 'tl.signature_invalid',
      message: 'the signature does not verify',
      digest: 'c'.repeat(64),
    }
    await recordSourceFailure(store, source, failure, context, clock)
    const failed = await getSource(store, sourceId)
    assert.equal(failed.current?.sequenceNumber, 1, 'the last good version stays in force')
    assert.deepEqual(failed.lastFailure, failure)
    assert.equal((await listEntities(store)).length, 1, 'no object was touched')
    await importSource(store, imported(2, content({ tsps: ['a'] }), 'd'), context, clock)
    assert.equal((await getSource(store, sourceId)).lastFailure, undefined)
  },
)

forEachStore(
  'a failure on a source never imported registers it with the failure only',
  async ({ store }) => {
    const failure = { at: '2026-05-02T00:00:00Z', code: 'fetch.timeout', message: 'timed out' }
    await recordSourceFailure(store, source, failure, context, clock)
    const state = await getSource(store, sourceId)
    assert.equal(state.current, undefined)
    assert.equal(state.lastFailure?.code, 'fetch.timeout')
  },
)

forEachStore(
  'content that claims another source, or repeats an id, is refused and nothing is written',
  async ({ store }) => {
    const foreign = content({ tsps: ['a'] })
    foreign.entities[0] = {
      ...(foreign.entities[0] as SourceContent['entities'][number]),
      sourceId: 'other',
    }
    await assert.rejects(
      importSource(store, imported(1, foreign), context, clock),
      (error) => isKakehashiError(error) && error.code === 'registry.change_invalid',
    )
    const twice = content({ tsps: ['a'] })
    twice.identities.push({ ...(twice.identities[0] as SourceContent['identities'][number]) })
    await assert.rejects(
      importSource(store, imported(1, twice), context, clock),
      (error) => isKakehashiError(error) && /appears twice/.test(error.message),
    )
    assert.equal((await readLog(store, { fromSeq: 0, limit: 10 })).length, 0)
  },
)

forEachStore('an entity still referred to cannot be removed', async ({ store }) => {
  await importSource(store, imported(1, content({ tsps: ['a'] })), context, clock)
  const { appendChanges } = await import('../../log/append-changes.ts')
  await assert.rejects(
    appendChanges(store, [{ type: 'entity.remove', id: `${sourceId}:tsp:a` }], context, clock),
    (error) => isKakehashiError(error) && /still referred to 2 time/.test(error.message),
  )
})

const normalised = (c: SourceContent): NormalisedSourceContent => ({
  frameworks: c.frameworks.map((o) => zTrustFramework.parse(o)),
  entities: c.entities.map((o) => zTrustedEntity.parse(o)),
  identities: c.identities.map((o) => zDigitalIdentity.parse(o)),
  authorisations: c.authorisations.map((o) => zAuthorisation.parse(o)),
  recognitionRules: [],
})

test('planSourceChanges puts in dependency order and removes in reverse', () => {
  const before = normalised(content({ tsps: ['a', 'b'] }))
  const after = normalised(content({ tsps: ['b', 'c'] }))
  assert.deepEqual(
    planSourceChanges(before, after).map((c) => c.type),
    [
      'entity.put',
      'identity.put',
      'authorisation.put',
      'authorisation.remove',
      'identity.remove',
      'entity.remove',
    ],
  )
})
