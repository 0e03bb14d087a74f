// Command-line parsing on node:util parseArgs, with usage errors as coded errors (exit status 2).
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { KakehashiError } from '../errors.ts'

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new KakehashiError('usage.invalid', (error as Error).message)
  }
}

export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '')
    throw new KakehashiError('usage.invalid', `${name} is required`)
  return value
}

export const dataDirOption = { 'data-dir': { type: 'string' } } as const
export const jsonOption = { json: { type: 'boolean', default: false } } as const
