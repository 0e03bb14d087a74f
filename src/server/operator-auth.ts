// Operator changes over HTTP need a bearer token; compared in constant time, never logged.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyRequest } from 'fastify'

const TOKEN_FILE = 'operator-token'

/** `KAKEHASHI_OPERATOR_TOKEN`, else the token kept in the data directory (made at first start, mode 0600). */
export async function loadOperatorToken(
  dataDir: string | undefined,
  env = process.env,
): Promise<string> {
  if (env.KAKEHASHI_OPERATOR_TOKEN) return env.KAKEHASHI_OPERATOR_TOKEN
  if (dataDir === undefined) return randomBytes(32).toString('base64url')
  const path = join(dataDir, TOKEN_FILE)
  try {
    return (await readFile(path, 'utf8')).trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    const token = randomBytes(32).toString('base64url')
    await writeFile(path, token, { mode: 0o600, flag: 'wx' })
    return token
  }
}

export function isOperator(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false
  const given = Buffer.from(header.slice('Bearer '.length))
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
