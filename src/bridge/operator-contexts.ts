// JSON-LD contexts an operator adds beside the bundled ones, each pinned by the digest of its content.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import { type ExtraContext, jsonLdLimits } from '../lib/jsonld/index.ts'
import { parseJson } from '../lib/parse-json.ts'

/** The contexts file: `KAKEHASHI_CONTEXTS`, else `<data dir>/contexts.json`; absent means none. */
export const operatorContextsPath = (dataDir: string, env: NodeJS.ProcessEnv = process.env) =>
  env.KAKEHASHI_CONTEXTS ?? join(dataDir, 'contexts.json')

/** Most contexts an operator adds; each is held in memory for every verification. */
const MAX_OPERATOR_CONTEXTS = 256

const zContextsFile = z.strictObject({
  contexts: z
    .array(
      z.strictObject({
        url: z.string().url().max(2048),
        /** SHA-256 (hex) of `JSON.stringify(document)`, as `bundled-contexts.ts` pins its own. */
        sha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
        document: z.record(z.string(), z.unknown()),
      }),
    )
    .max(MAX_OPERATOR_CONTEXTS),
})

/**
 * Reads the operator's contexts file. A file that is absent adds nothing; one that is malformed
 * stops the bridge from starting (`config.invalid`), rather than verifying with fewer contexts
 * than the operator meant.
 */
export async function loadOperatorContexts(path: string): Promise<Map<string, ExtraContext>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
    throw new KakehashiError(
      'config.invalid',
      `${path} cannot be read: ${(error as Error).message}`,
    )
  }
  if (text.length > MAX_OPERATOR_CONTEXTS * jsonLdLimits.maxContextBytes)
    throw new KakehashiError('config.invalid', `${path} is larger than the contexts it may hold`)
  const parsed = parseJson(text, jsonLdLimits.maxDocumentDepth)
  const file = parsed.ok ? zContextsFile.safeParse(parsed.value) : undefined
  if (file === undefined || !file.success)
    throw new KakehashiError(
      'config.invalid',
      `${path} is not a contexts file ({"contexts":[{"url","sha256","document"}]}): ${
        parsed.ok ? file?.error?.issues[0]?.message : parsed.message
      }`,
    )
  return new Map(
    file.data.contexts.map(({ url, sha256, document }) => [url, { document, sha256 }] as const),
  )
}
