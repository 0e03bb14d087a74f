// Applies the pending migrations once each, under an advisory lock so concurrent openers agree.
import { KakehashiError } from '../errors.ts'
import { migrations as allMigrations, type Migration } from './migrations.ts'
import { quoteSchema } from './quote-schema.ts'

/** What the runner needs: one transaction in which multi-statement SQL can be executed. */
export interface MigrationSession {
  /** Runs `fn` in one transaction on one connection. */
  transaction<T>(fn: (exec: MigrationExec) => Promise<T>): Promise<T>
}

export interface MigrationExec {
  /** Runs one or several statements without parameters. */
  exec(sql: string): Promise<void>
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>
}

/** Brings the schema up to date; returns the ids of the migrations applied now. */
export async function migrate(
  session: MigrationSession,
  options: { schema?: string; migrations?: readonly Migration[] } = {},
): Promise<number[]> {
  const migrations = [...(options.migrations ?? allMigrations)].sort((a, b) => a.id - b.id)
  assertDistinct(migrations)
  const lockKey = `kakehashi.migrate:${options.schema ?? ''}`
  return session.transaction(async (tx) => {
    // Held to the end of the transaction: a second opener waits, then finds nothing left to do.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey])
    if (options.schema !== undefined) {
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(options.schema)}`)
    }
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM schema_migrations')
    const applied = new Set(rows.map((row) => Number(row.id)))
    const done: number[] = []
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue
      await tx.exec(migration.sql)
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [
        migration.id,
        migration.name,
      ])
      done.push(migration.id)
    }
    return done
  })
}

function assertDistinct(migrations: readonly Migration[]): void {
  const seen = new Set<number>()
  for (const { id } of migrations) {
    if (!Number.isInteger(id) || id <= 0 || seen.has(id)) {
      throw new KakehashiError('config.invalid', `migration ids must be distinct positive integers`)
    }
    seen.add(id)
  }
}
