// The server store: a `pg` pool on PostgreSQL; transactions hold one pooled client throughout.
import pg from 'pg'
import { KakehashiError } from '../errors.ts'
import { type MigrationExec, migrate } from './migrate.ts'
import { quoteSchema } from './quote-schema.ts'
import type { Queryable, Store } from './store.ts'
import { toStoreError } from './to-store-error.ts'

export interface PostgresStoreOptions {
  databaseUrl: string
  schema?: string
  /** Largest number of pooled connections (default 10). */
  maxConnections?: number
  /** How long to wait for a connection before reporting the store unavailable (default 10 s). */
  connectTimeoutMs?: number
}

class PostgresStore implements Store {
  readonly kind = 'postgres' as const
  readonly #pool: pg.Pool
  #closed = false

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: T[] }> {
    this.#assertOpen()
    try {
      const result = await this.#pool.query(sql, params)
      return { rows: result.rows as T[] }
    } catch (error) {
      throw toStoreError(error, 'PostgreSQL query failed')
    }
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#withClient(async (client) =>
      fn({
        query: async <R>(sql: string, params?: unknown[]) => {
          const result = await client.query(sql, params)
          return { rows: result.rows as R[] }
        },
      }),
    )
  }

  /** Multi-statement SQL (simple protocol when there are no parameters), for migrations. */
  migrationTransaction<T>(fn: (tx: MigrationExec) => Promise<T>): Promise<T> {
    return this.#withClient((client) =>
      fn({
        exec: async (sql) => {
          await client.query(sql)
        },
        query: async <R>(sql: string, params?: unknown[]) => ({
          rows: (await client.query(sql, params)).rows as R[],
        }),
      }),
    )
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#pool.end()
  }

  async #withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    this.#assertOpen()
    let client: pg.PoolClient
    try {
      client = await this.#pool.connect()
    } catch (error) {
      throw toStoreError(error, 'cannot connect to PostgreSQL')
    }
    let broken: unknown
    try {
      await client.query('BEGIN')
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      try {
        await client.query('ROLLBACK')
      } catch (rollbackError) {
        // A client that cannot roll back is not given back to the pool for reuse.
        broken = rollbackError
      }
      throw toStoreError(error, 'PostgreSQL transaction failed')
    } finally {
      client.release(broken !== undefined)
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new KakehashiError('store.unavailable', 'the store is closed')
  }
}

/** Opens a pool on `databaseUrl`, confines it to `schema` when given, and migrates. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const config: pg.PoolConfig = {
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  }
  if (options.schema !== undefined) {
    // Sent in the startup packet, so every pooled connection resolves names in the schema.
    config.options = `-c search_path=${quoteSchema(options.schema)}`
  }
  const pool = new pg.Pool(config)
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined)
  const store = new PostgresStore(pool)
  try {
    await migrate(
      { transaction: (fn) => store.migrationTransaction(fn) },
      options.schema === undefined ? {} : { schema: options.schema },
    )
  } catch (error) {
    await store.close().catch(() => undefined)
    throw toStoreError(error, 'cannot open the PostgreSQL store')
  }
  return store
}
