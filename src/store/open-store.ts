// Opens the store: a PostgreSQL server when a URL is given, else embedded PGlite (on disk or in memory).
import { openPGliteStore } from './pglite-store.ts'
import { openPostgresStore } from './postgres-store.ts'
import type { Store } from './store.ts'

export interface OpenStoreOptions {
  /** PGlite keeps its files in `<dataDir>/pgdata`; without it (and without a URL) it lives in memory. */
  dataDir?: string
  /** `postgres://…`: use that server instead of the embedded database. */
  databaseUrl?: string
  /** Keep every table in this PostgreSQL schema (created if missing). */
  schema?: string
}

/** Opens and migrates the store the options describe. */
export function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const schema = options.schema === undefined ? {} : { schema: options.schema }
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return openPostgresStore({ databaseUrl: options.databaseUrl, ...schema })
  }
  return openPGliteStore({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...schema,
  })
}
