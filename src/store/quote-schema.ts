// Validates and quotes the optional PostgreSQL schema that isolates one store's tables.
import { KakehashiError } from '../errors.ts'

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/

/** A schema name as an SQL identifier; only plain lower-case names, so quoting is never ambiguous. */
export function quoteSchema(schema: string): string {
  if (!schemaPattern.test(schema)) {
    throw new KakehashiError(
      'config.invalid',
      `store schema must match ${schemaPattern.source}: ${JSON.stringify(schema)}`,
    )
  }
  return `"${schema}"`
}
