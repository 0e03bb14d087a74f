// The store on both backends: migrations once, persistence, transactions, connection failures.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { forEachStore } from '../../../test/support/stores.ts'
import { isKakehashiError } from '../../errors.ts'
import { clock, frameworks, operator } from '../../log/__tests__/sample-changes.ts'
import { appendChanges } from '../../log/append-changes.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import { migrations } from '../migrations.ts'
import { openStore } from '../open-store.ts'
import type { Queryable } from '../store.ts'

const migrationIds = migrations.map((m) => m.id)

const appliedMigrations = async (q: Queryable): Promise<number[]> =>
  (await q.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((r) =>
    Number(r.id),
  )

const hasCode = (code: string) => (error: unknown) => isKakehashiError(error) && error.code === code

test('PGlite in a data directory: migrations run once, data persists across reopen', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kakehashi-store-'))
  try {
    const first = await openStore({ dataDir })
    assert.equal(first.kind, 'pglite')
    assert.deepEqual(await appliedMigrations(first), migrationIds)
    await appendChanges(first, frameworks, operator, clock)
    const checkpoint = await getCheckpoint(first)
    await first.close()

    const second = await openStore({ dataDir })
    try {
      assert.deepEqual(await appliedMigrations(second), migrationIds)
      assert.deepEqual(await getCheckpoint(second), checkpoint)
      const { rows } = await second.query<{ id: string }>('SELECT id FROM frameworks ORDER BY id')
      assert.deepEqual(
        rows.map((r) => r.id),
        ['eu.academic', 'jp.academic'],
      )
    } finally {
      await second.close()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})

forEachStore('opening the same database again applies no migration twice', async (fixture) => {
  assert.deepEqual(await appliedMigrations(fixture.store), migrationIds)
  await appendChanges(fixture.store, frameworks, operator, clock)
  if (fixture.backend === 'postgres') {
    // A second pool on the same schema finds everything in place and sees the same data.
    const again = await fixture.openAnother()
    assert.deepEqual(await appliedMigrations(again), migrationIds)
    assert.deepEqual(await getCheckpoint(again), await getCheckpoint(fixture.store))
    const where = await again.query<{ schema: string }>('SELECT current_schema() AS schema')
    assert.equal(where.rows[0]?.schema, fixture.schema)
  }
})

forEachStore(
  'a transaction commits when it resolves and rolls back when it throws',
  async ({ store }) => {
    await store.query('CREATE TABLE scratch (n integer)')
    await store.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch VALUES (1)')
    })
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch VALUES (2)')
        throw new Error('abandon')
      }),
      /abandon/,
    )
    const { rows } = await store.query<{ n: number }>('SELECT n FROM scratch ORDER BY n')
    assert.deepEqual(
      rows.map((r) => r.n),
      [1],
    )
  },
)

forEachStore('concurrent transactions never interleave', async ({ store }) => {
  await store.query('CREATE TABLE counter (n integer NOT NULL)')
  await store.query('INSERT INTO counter VALUES (0)')
  // Read-modify-write with a yield in between: interleaving would lose increments.
  await Promise.all(
    Array.from({ length: 8 }, () =>
      store.transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>('SELECT n FROM counter FOR UPDATE')
        await new Promise((resolve) => setTimeout(resolve, 2))
        await tx.query('UPDATE counter SET n = $1', [(rows[0]?.n ?? 0) + 1])
      }),
    ),
  )
  const { rows } = await store.query<{ n: number }>('SELECT n FROM counter')
  assert.equal(rows[0]?.n, 8)
})

forEachStore(
  'calling the store from inside its own transaction fails instead of hanging',
  async ({ store }) => {
    await assert.rejects(
      store.transaction(async () => store.query('SELECT 1')),
      hasCode('usage.invalid'),
    )
    // The store is still usable afterwards.
    assert.equal((await store.query('SELECT 1 AS one')).rows.length, 1)
  },
  { backends: ['pglite'] },
)

test('an unreachable PostgreSQL is store.unavailable', async () => {
  await assert.rejects(
    openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' }),
    hasCode('store.unavailable'),
  )
})

test('a schema name that is not a plain identifier is refused', async () => {
  await assert.rejects(openStore({ schema: 'x"; DROP TABLE y; --' }), hasCode('config.invalid'))
})

test('a closed store is store.unavailable', async () => {
  const store = await openStore({})
  await store.close()
  await assert.rejects(store.query('SELECT 1'), hasCode('store.unavailable'))
  await store.close()
})

test('PGlite: a call from inside a transaction is refused every time, and two stores keep their own', async () => {
  const [first, second] = await Promise.all([openStore({}), openStore({})])
  try {
    // The context that recognises a re-entrant call is switched off between tasks: it must come back.
    for (let round = 0; round < 2; round++) {
      await assert.rejects(
        first.transaction(() => first.query('SELECT 1')),
        hasCode('usage.invalid'),
      )
      // Inside one store's task, the other store is another connection, not a re-entrant call.
      const [inner] = await Promise.all([
        first.transaction(
          async () => (await second.query<{ one: number }>('SELECT 1 AS one')).rows,
        ),
        second.transaction(async () => undefined),
      ])
      assert.deepEqual(inner, [{ one: 1 }])
      assert.deepEqual((await first.query<{ two: number }>('SELECT 2 AS two')).rows, [{ two: 2 }])
    }
  } finally {
    await Promise.all([first.close(), second.close()])
  }
})
