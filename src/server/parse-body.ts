// Validates a request body or query against its schema, or throws a coded input error.
import type { z } from 'zod'
import { KakehashiError } from '../errors.ts'

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new KakehashiError('input.invalid', 'the request does not match its schema', {
      issues: result.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    })
  }
  return result.data
}
