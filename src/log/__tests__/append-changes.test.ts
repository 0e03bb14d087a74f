// Appending: the hash chain, the checkpoint, all-or-nothing batches, refusals with their codes.
import assert from 'node:assert/strict'
import { forEachStore } from '../../../test/support/stores.ts'
import { isKakehashiError } from '../../errors.ts'
import type { Change, LogCheckpoint } from '../../model/index.ts'
import type { Store } from '../../store/store.ts'
import { fixedClock } from '../../util/clock.ts'
import { appendChanges } from '../append-changes.ts'
import { hashEntry, zeroHash } from '../hash-entry.ts'
import { getCheckpoint, readLog, verifyLogChain } from '../read-log.ts'
import {
  clock,
  frameworks,
  keio,
  keioIssuer,
  operator,
  recognitionRule,
  sampleRegistry,
  source,
} from './sample-changes.ts'

const hasCode = (code: string) => (error: unknown) => isKakehashiError(error) && error.code === code

/** Everything an append could have touched, to show a refused batch touched nothing. */
async function state(store: Store): Promise<unknown> {
  const tables = [
    'log_entries',
    'frameworks',
    'entities',
    'identities',
    'authorisations',
    'recognition_rules',
    'sources',
    'authorisation_status_history',
  ]
  const out: Record<string, unknown> = { head: await getCheckpoint(store) }
  for (const table of tables) {
    out[table] = (await store.query(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows
  }
  return out
}

forEachStore('appended entries form a hash chain and move the checkpoint', async ({ store }) => {
  assert.deepEqual(await getCheckpoint(store), { size: 0, headHash: zeroHash })
  const first = await appendChanges(store, frameworks, operator, clock)
  assert.deepEqual(
    first.map((e) => e.seq),
    [0, 1],
  )
  assert.equal(first[0]?.prevHash, zeroHash)
  assert.equal(first[1]?.prevHash, first[0]?.entryHash)
  assert.equal(first[0]?.recordedAt, '2026-05-01T09:00:00.000Z')
  const later = fixedClock('2026-05-02T00:00:00Z')
  const second = await appendChanges(
    store,
    [source],
    { ...operator, sourceId: 'jp.mext.list' },
    later,
  )
  assert.equal(second[0]?.seq, 2)
  assert.equal(second[0]?.prevHash, first[1]?.entryHash)
  assert.equal(second[0]?.sourceId, 'jp.mext.list')
  assert.deepEqual(await getCheckpoint(store), { size: 3, headHash: second[0]?.entryHash })

  const log = await readLog(store, {})
  assert.deepEqual(log, [...first, ...second])
  for (const entry of log) assert.deepEqual(hashEntry(entry), entry)
  assert.deepEqual(await readLog(store, { fromSeq: 1, limit: 1 }), [first[1]])
  assert.deepEqual(await readLog(store, { fromSeq: 9 }), [])
  assert.deepEqual(await verifyLogChain(store), {
    ok: true,
    size: 3,
    headHash: second[0]?.entryHash,
  })
})

forEachStore('the log stores the validated change, defaults applied', async ({ store }) => {
  const [entry] = await appendChanges(
    store,
    [
      {
        type: 'framework.put',
        framework: { id: 'x.min', jurisdiction: 'EU', name: 'Minimal' },
      } as Change,
    ],
    operator,
    clock,
  )
  assert.deepEqual(entry?.change, {
    type: 'framework.put',
    framework: { id: 'x.min', jurisdiction: 'EU', name: 'Minimal', assuranceLevels: [] },
  })
})

forEachStore(
  'a change may refer to what an earlier change of its batch created',
  async ({ store }) => {
    const entries = await appendChanges(store, sampleRegistry, operator, clock)
    assert.equal(entries.length, sampleRegistry.length)
    const { rows } = await store.query<{ id: string }>('SELECT id FROM authorisations')
    assert.deepEqual(rows, [{ id: 'jp.keio.issuer' }])
  },
)

forEachStore('referential integrity failures leave the store untouched', async ({ store }) => {
  await appendChanges(store, frameworks, operator, clock)
  const before = await state(store)
  const refused: Array<[string, Change[], { sourceId?: string }?]> = [
    ['identity of an unknown entity', [keio[1] as Change]],
    ['authorisation of an unknown entity', [keio[2] as Change]],
    [
      'authorisation under an unknown framework',
      [
        keio[0] as Change,
        {
          type: 'authorisation.put',
          authorisation: { ...keioIssuer, frameworkId: 'xx.none' },
        },
      ],
    ],
    [
      'status of an unknown authorisation',
      [
        {
          type: 'authorisation.status',
          id: 'none',
          status: 'suspended',
          at: '2026-05-01T10:00:00Z',
        },
      ],
    ],
    ['removal of an unknown identity', [{ type: 'identity.remove', id: 'none' }]],
    ['removal of an unknown rule', [{ type: 'recognition.remove', id: 'none' }]],
    [
      'rule with an unknown framework',
      [{ type: 'recognition.put', rule: { ...recognitionRule, recognisedFrameworkId: 'xx.none' } }],
    ],
    [
      'rule recognising its own framework',
      [
        {
          type: 'recognition.put',
          rule: { ...recognitionRule, recognisedFrameworkId: 'eu.academic' },
        },
      ],
    ],
    // The valid first changes would land if the batch were not all-or-nothing.
    [
      'a good batch with one bad change at its end',
      [...keio, { type: 'identity.remove', id: 'none' }],
    ],
    ['an unregistered source in the context', [...keio], { sourceId: 'jp.unknown.list' }],
  ]
  for (const [what, changes, extra] of refused) {
    await assert.rejects(
      appendChanges(store, changes, { ...operator, ...extra }, clock),
      hasCode('registry.change_invalid'),
      what,
    )
  }
  assert.deepEqual(await state(store), before)
  await verifyLogChain(store)
})

forEachStore('invalid change shapes are refused with the zod issues', async ({ store }) => {
  const before = await state(store)
  const bad: unknown[] = [
    { type: 'framework.delete', id: 'eu.academic' },
    { type: 'framework.put', framework: { id: 'Upper.Case', jurisdiction: 'EU', name: 'x' } },
    { type: 'entity.put', entity: { id: 'e', names: [], country: 'JP' } },
    { type: 'authorisation.status', id: 'a', status: 'paused', at: '2026-01-01T00:00:00Z' },
  ]
  for (const change of bad) {
    await assert.rejects(
      appendChanges(store, [...frameworks, change as Change], operator, clock),
      (error) => {
        assert.ok(isKakehashiError(error))
        assert.equal(error.code, 'registry.change_invalid')
        const issues = (error.detail as { issues: Array<{ index: number; issues: unknown[] }> })
          .issues
        assert.equal(issues[0]?.index, 2)
        assert.ok((issues[0]?.issues.length ?? 0) > 0)
        return true
      },
    )
  }
  await assert.rejects(
    appendChanges(store, frameworks, { actor: '', reason: 'x' }, clock),
    hasCode('registry.change_invalid'),
  )
  await assert.rejects(
    appendChanges(
      store,
      [{ type: 'source.put', source: { id: 's', kind: 'operator', description: 'nul \u0000' } }],
      operator,
      clock,
    ),
    hasCode('registry.change_invalid'),
  )
  assert.deepEqual(await state(store), before)
  assert.deepEqual(await appendChanges(store, [], operator, clock), [])
})

forEachStore('concurrent appends produce one consistent chain', async (fixture) => {
  // On PostgreSQL: separate pools, so the appends really race for the log head.
  const stores =
    fixture.backend === 'postgres'
      ? [fixture.store, await fixture.openAnother(), await fixture.openAnother()]
      : [fixture.store]
  await appendChanges(fixture.store, frameworks, operator, clock)
  const rounds = 8
  await Promise.all(
    stores.flatMap((store, s) =>
      Array.from({ length: rounds }, (_, i) =>
        appendChanges(
          store,
          [
            {
              type: 'source.put',
              source: { id: `s${s}.r${i}`, kind: 'operator', description: 'race' },
            },
            {
              type: 'source.put',
              source: { id: `s${s}.r${i}.b`, kind: 'operator', description: 'race' },
            },
          ],
          operator,
          clock,
        ),
      ),
    ),
  )
  const expected = 2 + stores.length * rounds * 2
  const checkpoint: LogCheckpoint = await getCheckpoint(fixture.store)
  assert.equal(checkpoint.size, expected)
  assert.deepEqual(await verifyLogChain(fixture.store), { ok: true, ...checkpoint })
  const log = await readLog(fixture.store, { limit: 1000 })
  assert.deepEqual(
    log.map((e) => e.seq),
    Array.from({ length: expected }, (_, i) => i),
  )
  // Each batch landed contiguously.
  for (const entry of log.slice(2)) {
    if (entry.change.type !== 'source.put' || entry.change.source.id.endsWith('.b')) continue
    const next = log[entry.seq + 1]
    assert.equal(
      next?.change.type === 'source.put' && next.change.source.id,
      `${entry.change.source.id}.b`,
    )
  }
  const { rows } = await fixture.store.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM sources',
  )
  assert.equal(Number(rows[0]?.n), stores.length * rounds * 2)
})
