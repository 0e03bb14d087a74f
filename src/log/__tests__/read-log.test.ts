// The log is append-only in the database itself, and verifyLogChain finds any tampering.
import assert from 'node:assert/strict'
import { forEachStore } from '../../../test/support/stores.ts'
import { isKakehashiError } from '../../errors.ts'
import type { Store } from '../../store/store.ts'
import { appendChanges } from '../append-changes.ts'
import { hashEntry } from '../hash-entry.ts'
import { getCheckpoint, readLog, verifyLogChain } from '../read-log.ts'
import { clock, operator, sampleRegistry } from './sample-changes.ts'

/** `log.integrity` naming `seq`. */
const integrityAt = (seq: number) => (error: unknown) => {
  assert.ok(isKakehashiError(error), String(error))
  assert.equal(error.code, 'log.integrity')
  assert.equal(error.detail?.seq, seq, error.message)
  return true
}

/** Runs `sql` on log_entries with the append-only trigger off, as only an owner could. */
async function tamper(store: Store, sql: string, params: unknown[] = []): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.query('ALTER TABLE log_entries DISABLE TRIGGER log_entries_append_only')
    await tx.query(sql, params)
    await tx.query('ALTER TABLE log_entries ENABLE TRIGGER log_entries_append_only')
  })
}

forEachStore(
  'UPDATE, DELETE and TRUNCATE of the log are refused by the database',
  async ({ store }) => {
    await appendChanges(store, sampleRegistry, operator, clock)
    const before = await readLog(store)
    await assert.rejects(
      store.query(`UPDATE log_entries SET reason = 'rewritten' WHERE seq = 1`),
      /append-only/,
    )
    await assert.rejects(store.query('DELETE FROM log_entries WHERE seq = 0'), /append-only/)
    await assert.rejects(store.query('TRUNCATE log_entries'), /append-only/)
    await assert.rejects(store.query('UPDATE log_head SET size = 0'), /may not move back/)
    await assert.rejects(store.query('DELETE FROM log_head'), /refused/)
    assert.deepEqual(await readLog(store), before)
    assert.equal((await verifyLogChain(store)).size, sampleRegistry.length)
  },
)

forEachStore('verifyLogChain finds an entry whose content was rewritten', async ({ store }) => {
  await appendChanges(store, sampleRegistry, operator, clock)
  await tamper(store, `UPDATE log_entries SET reason = 'nothing to see' WHERE seq = 3`)
  await assert.rejects(verifyLogChain(store), integrityAt(3))
})

forEachStore(
  'verifyLogChain finds a rewritten entry whose hashes were recomputed',
  async ({ store }) => {
    await appendChanges(store, sampleRegistry, operator, clock)
    const [entry] = await readLog(store, { fromSeq: 2, limit: 1 })
    assert.ok(entry)
    const forged = hashEntry({ ...entry, actor: 'operator:mallory' })
    await tamper(
      store,
      'UPDATE log_entries SET actor = $2, entry_hash = $3, leaf_hash = $4 WHERE seq = $1',
      [2, forged.actor, forged.entryHash, forged.leafHash],
    )
    // The entry is self-consistent now, but the next one no longer chains to it.
    await assert.rejects(verifyLogChain(store), integrityAt(3))
  },
)

forEachStore(
  'verifyLogChain finds a changed leaf hash, a missing entry and a stray one',
  async ({ store }) => {
    await appendChanges(store, sampleRegistry, operator, clock)
    const head = await getCheckpoint(store)

    await tamper(store, `UPDATE log_entries SET leaf_hash = repeat('a', 64) WHERE seq = 1`)
    await assert.rejects(verifyLogChain(store), integrityAt(1))
    const [original] = await readLog(store, { fromSeq: 1, limit: 1 })
    assert.ok(original)
    await tamper(store, 'UPDATE log_entries SET leaf_hash = $1 WHERE seq = 1', [
      hashEntry(original).leafHash,
    ])
    assert.equal((await verifyLogChain(store)).size, head.size)

    // A forged row past the head, inserted with plain SQL (INSERT is allowed; the head did not move).
    const forged = hashEntry({
      ...original,
      seq: head.size,
      prevHash: head.headHash,
      reason: 'forged',
    })
    await store.query(
      `INSERT INTO log_entries (seq, recorded_at, actor, reason, source_id, change, prev_hash, entry_hash, leaf_hash)
     VALUES ($1, $2, $3, $4, NULL, $5::jsonb, $6, $7, $8)`,
      [
        forged.seq,
        forged.recordedAt,
        forged.actor,
        forged.reason,
        JSON.stringify(forged.change),
        forged.prevHash,
        forged.entryHash,
        forged.leafHash,
      ],
    )
    await assert.rejects(verifyLogChain(store), integrityAt(head.size))

    await tamper(store, 'DELETE FROM log_entries WHERE seq IN (2, $1)', [head.size])
    await assert.rejects(verifyLogChain(store), integrityAt(2))
  },
)
