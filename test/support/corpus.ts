// Locates the shared public test corpus (`../shared/corpus`); tests that need it skip when it is absent.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus')

export const corpusRoot: string | undefined =
  process.env.KAKEHASHI_CORPUS ?? (existsSync(root) ? root : undefined)

/** Absolute path of a corpus file, or undefined when the corpus is not present. */
export function corpusPath(...parts: string[]): string | undefined {
  if (corpusRoot === undefined) return undefined
  const path = join(corpusRoot, ...parts)
  return existsSync(path) ? path : undefined
}

export function readCorpusJson<T = unknown>(...parts: string[]): T | undefined {
  const path = corpusPath(...parts)
  return path === undefined ? undefined : (JSON.parse(readFileSync(path, 'utf8')) as T)
}

/** `{ skip }` option for node:test when the corpus (or one file of it) is absent. */
export const skipWithoutCorpus = (...parts: string[]): { skip: string | false } => ({
  skip: corpusPath(...parts) === undefined ? 'shared corpus not present' : false,
})
