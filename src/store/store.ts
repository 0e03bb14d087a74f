// The store's contract: PostgreSQL-dialect SQL over PGlite (embedded) or a PostgreSQL server.

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>
}

export interface Store extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /**
   * Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. Inside `fn`,
   * use `tx` only: on PGlite (one connection) calling the store itself is refused (`usage.invalid`).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}
