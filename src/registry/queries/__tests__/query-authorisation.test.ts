// Authorisation queries answered from the snapshot, each with its evidence; stale sources by policy.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { isKakehashiError } from '../../../errors.ts'
import { queryAuthorisation } from '../query-authorisation.ts'
import type { TrqpRequest } from '../trust-query-types.ts'
import {
  COLLEGE,
  change,
  DIPLOMA,
  iso,
  LIST,
  LIST_NEXT_UPDATE,
  openQueryFixture,
  type QueryFixture,
  start,
  UNI,
  UNI_DID,
  UNI_THUMBPRINT,
} from './trust-query-fixtures.ts'

const ask = async (
  fixture: QueryFixture,
  request: Partial<TrqpRequest> = {},
  staleSources: 'refuse' | 'accept' = 'refuse',
) =>
  queryAuthorisation(
    await fixture.bridge.registry.get(),
    { entity_id: UNI, authority_id: 'jp.academic', action: 'issue', resource: DIPLOMA, ...request },
    { nowMs: fixture.clock.now(), staleSources },
  )

// One bridge for the file (opening one costs seconds): read-only tests first, changes last.
let fixture: QueryFixture
before(async () => {
  fixture = await openQueryFixture()
})
after(() => fixture.close())

describe('authorisation queries', () => {
  test('authorised: the authorisation, entity, framework and log position as evidence', async () => {
    const snapshot = await fixture.bridge.registry.get()
    const answer = await ask(fixture)
    assert.equal(answer.authorized, true)
    assert.equal(answer.evidence.reason, undefined)
    assert.equal(answer.evidence.authorisation?.id, `${UNI}.issuer`)
    assert.equal(answer.evidence.authorisation?.statusAtTime, 'granted')
    assert.equal(answer.evidence.entity.id, UNI)
    assert.equal(answer.evidence.framework.id, 'jp.academic')
    assert.equal(answer.evidence.role, 'issuer')
    // The seq of the log entry that put the authorisation, and the checkpoint of the snapshot.
    const seq = answer.evidence.authorisation?.logSeq
    assert.ok(typeof seq === 'number' && seq < snapshot.checkpoint.size)
    assert.equal(seq, snapshot.logPositions.authorisations.get(`${UNI}.issuer`))
    assert.equal(answer.evidence.authorisation?.statusHistory[0]?.logSeq, seq)
    assert.deepEqual(answer.log_checkpoint, snapshot.checkpoint)
    assert.equal(answer.evidence.source, undefined, 'an operator entry has no source freshness')
    assert.equal(answer.expiry_time, iso(365))
    assert.equal(answer.time_evaluated, new Date(start).toISOString())
    assert.equal(answer.time_requested, undefined)
  })

  test('entity_id may be a DID or a JWK thumbprint the entity holds', async () => {
    for (const entity_id of [UNI_DID, UNI_THUMBPRINT]) {
      const answer = await ask(fixture, { entity_id })
      assert.equal(answer.authorized, true, entity_id)
      assert.equal(answer.entity_id, entity_id)
      assert.equal(answer.evidence.entity.id, UNI)
      assert.ok(answer.evidence.entity.matchedIdentity?.id.startsWith(`${UNI}.`))
    }
  })

  test('verify and rely map to the relying_party role', async () => {
    for (const action of ['verify', 'rely']) {
      const answer = await ask(fixture, {
        action,
        authority_id: 'eu.academic',
        resource: 'urn:kakehashi:sandbox:eu.diploma:1',
      })
      assert.equal(answer.authorized, true, action)
      assert.equal(answer.evidence.role, 'relying_party')
    }
  })

  test('not authorised: wrong framework, wrong resource, no authorisation for the action', async () => {
    const wrongFramework = await ask(fixture, { authority_id: 'eu.academic' })
    assert.equal(wrongFramework.authorized, false)
    assert.equal(wrongFramework.evidence.reason, 'authorisation.other_framework')
    assert.deepEqual(
      wrongFramework.evidence.considered.map((c) => [c.id, c.frameworkId]),
      [[`${UNI}.issuer`, 'jp.academic']],
    )
    const wrongResource = await ask(fixture, { resource: 'urn:example:other:1' })
    assert.equal(wrongResource.evidence.reason, 'authorisation.resource_not_covered')
    assert.equal(wrongResource.authorized, false)
    const noRole = await ask(fixture, { action: 'provide-wallet' })
    assert.equal(noRole.evidence.reason, 'authorisation.none')
    assert.equal(noRole.authorized, false)
    assert.equal(noRole.expiry_time, undefined)
  })

  test('at a time: not yet valid before validFrom, expired after validUntil', async () => {
    const early = await ask(fixture, { context: { time: iso(-31) } })
    assert.equal(early.authorized, false)
    assert.equal(early.evidence.reason, 'authorisation.not_yet_valid')
    assert.equal(early.time_requested, iso(-31))
    assert.deepEqual(early.context, { time: iso(-31) })
    const late = await ask(fixture, { context: { time: iso(366) } })
    assert.equal(late.evidence.reason, 'authorisation.expired')
    assert.equal((await ask(fixture, { context: { time: iso(100) } })).authorized, true)
  })

  test('unknown entity, framework or action: coded errors (404 in the HTTPS binding)', async () => {
    const code = async (request: Partial<TrqpRequest>) => {
      try {
        await ask(fixture, request)
      } catch (error) {
        assert.ok(isKakehashiError(error))
        assert.ok(error.detail?.log_checkpoint, 'the checkpoint that was consulted')
        return error.code
      }
      return 'answered'
    }
    assert.equal(await code({ entity_id: 'jp.nobody' }), 'trqp.entity_unknown')
    assert.equal(await code({ entity_id: 'did:web:nobody.example' }), 'trqp.entity_unknown')
    assert.equal(await code({ authority_id: 'xx.nothing' }), 'trqp.authority_unknown')
    assert.equal(await code({ action: 'fly' }), 'trqp.action_unknown')
    assert.equal(await code({ action: 'constructor' }), 'trqp.action_unknown')
  })

  test('from a current list: the source version in force is evidence, NextUpdate bounds the expiry', async () => {
    const answer = await ask(fixture, { entity_id: COLLEGE })
    assert.equal(answer.authorized, true)
    const source = answer.evidence.source
    assert.equal(source?.id, LIST)
    assert.equal(source?.kind, 'jp-list')
    assert.equal(source?.sequenceNumber, 7)
    assert.equal(source?.digest, 'ab'.repeat(32))
    assert.equal(source?.signatureStatus, 'valid')
    assert.equal(source?.nextUpdate, LIST_NEXT_UPDATE)
    assert.equal(source?.stale, false)
    assert.equal(typeof source?.logSeq, 'number')
    assert.equal(answer.expiry_time, LIST_NEXT_UPDATE)
  })
})

describe('stale sources', () => {
  test('refused by default: not authorised with reason source.stale and the source as evidence', async () => {
    fixture.clock.set(Date.parse(LIST_NEXT_UPDATE))
    try {
      const answer = await ask(fixture, { entity_id: COLLEGE })
      assert.equal(answer.authorized, false)
      assert.equal(answer.evidence.reason, 'source.stale')
      assert.equal(answer.evidence.source?.stale, true)
      assert.equal(answer.evidence.source?.acceptedByPolicy, false)
      assert.equal(answer.evidence.authorisation?.id, `${COLLEGE}.issuer`)
      assert.equal(answer.expiry_time, undefined)
      // An operator authorisation has no NextUpdate: the same moment leaves it authorised.
      assert.equal((await ask(fixture)).authorized, true)
    } finally {
      fixture.clock.set(start)
      fixture.bridge.registry.invalidate()
    }
  })

  test('accepted when policy says so, and the evidence says it was stale', async () => {
    fixture.clock.set(Date.parse(LIST_NEXT_UPDATE) + 1000)
    try {
      const answer = await ask(fixture, { entity_id: COLLEGE }, 'accept')
      assert.equal(answer.authorized, true)
      assert.equal(answer.evidence.source?.stale, true)
      assert.equal(answer.evidence.source?.acceptedByPolicy, true)
      assert.match(answer.message, /stale, accepted by policy/)
    } finally {
      fixture.clock.set(start)
      fixture.bridge.registry.invalidate()
    }
  })
})

describe('status history and cache invalidation', () => {
  test('a new log entry changes the answer; the status at an earlier time is kept', async () => {
    const before = await ask(fixture)
    assert.equal(before.authorized, true)
    await change(fixture, [
      { type: 'authorisation.status', id: `${UNI}.issuer`, status: 'suspended', at: iso(0) },
    ])
    const suspended = await ask(fixture)
    assert.equal(suspended.authorized, false)
    assert.equal(suspended.evidence.reason, 'authorisation.suspended')
    assert.equal(suspended.evidence.authorisation?.statusAtTime, 'suspended')
    assert.ok(suspended.log_checkpoint.size > before.log_checkpoint.size)
    assert.deepEqual(
      suspended.evidence.authorisation?.statusHistory.map((e) => e.status),
      ['granted', 'suspended'],
    )
    assert.equal(
      suspended.evidence.authorisation?.logSeq,
      suspended.log_checkpoint.size - 1,
      'the entry that last changed it',
    )
    // Before the suspension took effect it was granted.
    assert.equal((await ask(fixture, { context: { time: iso(-1) } })).authorized, true)

    await change(fixture, [
      { type: 'authorisation.status', id: `${UNI}.issuer`, status: 'withdrawn', at: iso(0) },
    ])
    assert.equal((await ask(fixture)).evidence.reason, 'authorisation.withdrawn')
  })

  test('another writer: the cache sees the new head once its interval has passed', async () => {
    const before = await ask(fixture, { entity_id: COLLEGE })
    assert.equal(before.authorized, true)
    const { appendChanges } = await import('../../../log/append-changes.ts')
    await appendChanges(
      fixture.bridge.store,
      [{ type: 'authorisation.status', id: `${COLLEGE}.issuer`, status: 'suspended', at: iso(0) }],
      { actor: 'operator:test', reason: 'suspended by another instance' },
      fixture.clock,
    )
    assert.equal((await ask(fixture, { entity_id: COLLEGE })).authorized, true, 'within 1 s')
    fixture.clock.advance(2)
    const after = await ask(fixture, { entity_id: COLLEGE })
    assert.equal(after.authorized, false)
    assert.equal(after.evidence.reason, 'authorisation.suspended')
  })
})
