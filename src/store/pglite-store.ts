// The embedded store: PGlite in a data directory (or in memory), one connection, one queue.
import { AsyncLocalStorage } from 'node:async_hooks'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { KakehashiError } from '../errors.ts'
import { type MigrationExec, migrate } from './migrate.ts'
import { quoteSchema } from './quote-schema.ts'
import { SerialQueue } from './serial-queue.ts'
import type { Queryable, Store } from './store.ts'

/** Marks the async context of a running task, so a re-entrant call fails instead of hanging. */
const insideTask = new AsyncLocalStorage<PGliteStore>()
/** Tasks running in `insideTask`, over every store of the process. */
let runningTasks = 0

/**
 * Runs `task` in the store's context. While an AsyncLocalStorage is enabled, Node runs a hook on
 * every promise of the process (a verification makes dozens), so it is disabled again once no
 * task of any store is running: outside a task it has nothing to tell.
 */
async function runInside<T>(store: PGliteStore, task: () => Promise<T>): Promise<T> {
  runningTasks++
  try {
    return await insideTask.run(store, task)
  } finally {
    if (--runningTasks === 0) insideTask.disable()
  }
}

class PGliteStore implements Store {
  readonly kind = 'pglite' as const
  readonly #db: PGlite
  readonly #queue = new SerialQueue()
  #closed = false

  constructor(db: PGlite) {
    this.#db = db
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> {
    return this.#exclusive(async () => {
      const result = await this.#db.query<T>(sql, params)
      return { rows: result.rows }
    })
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#exclusive(() => this.#db.transaction((tx) => fn(wrapTransaction(tx))))
  }

  /** Multi-statement SQL in one transaction, for migrations. */
  migrationTransaction<T>(fn: (tx: MigrationExec) => Promise<T>): Promise<T> {
    return this.#exclusive(() =>
      this.#db.transaction((tx) =>
        fn({
          exec: async (sql) => {
            await tx.exec(sql)
          },
          query: async <R>(sql: string, params?: unknown[]) => ({
            rows: (await tx.query<R>(sql, params)).rows,
          }),
        }),
      ),
    )
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    // Queued work finishes first; PGlite flushes the data directory on close.
    await this.#queue.run(() => this.#db.close())
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      return Promise.reject(new KakehashiError('store.unavailable', 'the store is closed'))
    }
    if (insideTask.getStore() === this) {
      // PGlite has one connection: waiting here for the running transaction would never end.
      return Promise.reject(
        new KakehashiError(
          'usage.invalid',
          'the store was called from inside one of its own transactions; use the transaction handle',
        ),
      )
    }
    return this.#queue.run(() => runInside(this, task))
  }
}

function wrapTransaction(tx: Transaction): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => ({
      rows: (await tx.query<T>(sql, params)).rows,
    }),
  }
}

/** Opens PGlite in `<dataDir>/pgdata`, or in memory without a dataDir, and migrates it. */
export async function openPGliteStore(options: {
  dataDir?: string
  schema?: string
}): Promise<Store> {
  // Checked before the database starts, so a bad name costs nothing.
  const searchPath = options.schema === undefined ? undefined : quoteSchema(options.schema)
  let db: PGlite
  try {
    let path: string | undefined
    if (options.dataDir !== undefined) {
      path = join(options.dataDir, 'pgdata')
      await mkdir(path, { recursive: true })
    }
    db = await PGlite.create(path)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new KakehashiError(
      'store.unavailable',
      `cannot open the embedded database${options.dataDir ? ` in ${options.dataDir}` : ''}: ${message}`,
      undefined,
      { cause: error },
    )
  }
  const store = new PGliteStore(db)
  try {
    if (searchPath !== undefined) {
      // One connection, so setting it once covers every later statement.
      await db.exec(`SET search_path TO ${searchPath}`)
    }
    await migrate(
      { transaction: (fn) => store.migrationTransaction(fn) },
      options.schema === undefined ? {} : { schema: options.schema },
    )
  } catch (error) {
    await store.close().catch(() => undefined)
    throw error
  }
  return store
}
