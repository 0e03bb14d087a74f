// Runs store tests on both backends: in-memory PGlite and a real PostgreSQL (one fresh schema per test).
import { randomBytes } from 'node:crypto'
import { type TestContext, test } from 'node:test'
import pg from 'pg'
import { openStore } from '../../src/store/open-store.ts'
import type { Store } from '../../src/store/store.ts'

export type Backend = Store['kind']

export const testDatabaseUrl =
  process.env.KAKEHASHI_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

/** Whether PostgreSQL answered when this module loaded, and why not when it did not. */
export const postgresAvailability: { ok: true } | { ok: false; reason: string } =
  await probePostgres(testDatabaseUrl)

async function probePostgres(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: (error as Error).message || String(error) }
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** The node:test `skip` option for a PostgreSQL test: never skipped under CI, where it must fail. */
export function postgresSkip(): string | false {
  if (postgresAvailability.ok || process.env.CI) return false
  return `PostgreSQL not reachable at ${redact(testDatabaseUrl)} (${postgresAvailability.reason}); set KAKEHASHI_TEST_DATABASE_URL`
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')

let schemaCounter = 0

/** A schema name no other test (in this or another process) uses. */
export function uniqueSchema(): string {
  schemaCounter += 1
  return `kk_test_${process.pid}_${schemaCounter}_${randomBytes(4).toString('hex')}`
}

export interface TestStore {
  backend: Backend
  store: Store
  /** PostgreSQL only: the schema the store lives in. */
  schema?: string
  /**
   * Opens one more store on the same data: a second pool on the same schema (PostgreSQL).
   * In-memory PGlite cannot be shared, so there it throws.
   */
  openAnother(): Promise<Store>
  /** Closes every store opened here and drops the schema. */
  cleanup(): Promise<void>
}

/** Opens a fresh, migrated store on `backend`. Call `cleanup()` when done. */
export async function openTestStore(backend: Backend): Promise<TestStore> {
  if (backend === 'pglite') {
    const store = await openStore({})
    return {
      backend,
      store,
      openAnother: () => Promise.reject(new Error('in-memory PGlite cannot be opened twice')),
      cleanup: () => store.close(),
    }
  }
  if (!postgresAvailability.ok) {
    throw new Error(
      `PostgreSQL not reachable at ${redact(testDatabaseUrl)}: ${postgresAvailability.reason}`,
    )
  }
  const schema = uniqueSchema()
  const opened: Store[] = []
  const open = async (): Promise<Store> => {
    const store = await openStore({ databaseUrl: testDatabaseUrl, schema })
    opened.push(store)
    return store
  }
  const store = await open()
  return {
    backend,
    store,
    schema,
    openAnother: open,
    async cleanup() {
      await Promise.allSettled(opened.map((s) => s.close()))
      await dropSchema(schema)
    },
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '')}" CASCADE`)
  } finally {
    await client.end().catch(() => undefined)
  }
}

export interface ForEachStoreOptions {
  timeout?: number
  /** Run on these backends only (default both). */
  backends?: Backend[]
}

/**
 * Registers `name (pglite)` and `name (postgres)`; each gets a fresh store, closed (and its schema
 * dropped) afterwards, whatever the outcome.
 */
export function forEachStore(
  name: string,
  fn: (fixture: TestStore, t: TestContext) => Promise<void>,
  options: ForEachStoreOptions = {},
): void {
  const backends = options.backends ?? ['pglite', 'postgres']
  for (const backend of backends) {
    const skip = backend === 'postgres' ? postgresSkip() : false
    test(`${name} (${backend})`, { skip, timeout: options.timeout ?? 60_000 }, async (t) => {
      const fixture = await openTestStore(backend)
      try {
        await fn(fixture, t)
      } finally {
        await fixture.cleanup()
      }
    })
  }
}
