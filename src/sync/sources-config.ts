// The sources a bridge keeps current: a JSON file an operator writes, validated with explicit limits.
import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import { parseJson } from '../lib/parse-json.ts'
import { zId } from '../model/index.ts'

const MAX_CONFIG_BYTES = 1024 * 1024

/** A location: an https URL, or a file (absolute, or relative to the configuration file). */
const zLocation = z.string().min(1).max(2048)
/** Signer certificates: PEM files (relative to the configuration file) or PEM text. */
const zSigners = z.array(z.string().min(1).max(64_000)).min(1).max(64)

const zFetchLimits = {
  /** Deadline for one download, in milliseconds. */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  /** Largest document accepted, in bytes. */
  maxBytes: z
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .optional(),
}

export const zEtsiLotlSourceConfig = z.object({
  kind: z.literal('etsi-lotl'),
  id: zId,
  uri: zLocation,
  /** The LOTL signers the Official Journal publishes (and pivot LOTLs announce). */
  signers: zSigners,
  /** Territories whose national lists are followed; all the LOTL points to when absent. */
  territories: z
    .array(z.string().regex(/^[A-Z]{2}$/))
    .max(64)
    .optional(),
  /** Source ids of national lists: `<prefix>.<territory in lower case>`. */
  nationalListPrefix: zId.default('eu.tl'),
  /**
   * A folder holding the national lists as `<TERRITORY>.xml` (or the file name of their
   * TSLLocation): read from there instead of the locations the LOTL gives.
   */
  nationalListDirectory: z.string().min(1).max(2048).optional(),
  /** File names in that folder for territories whose file is named otherwise (`{"ES": "es-tl.xml"}`). */
  nationalListFiles: z
    .record(z.string().regex(/^[A-Z]{2}$/), z.string().min(1).max(255))
    .optional(),
  ...zFetchLimits,
})

export const zEtsiTlSourceConfig = z.object({
  kind: z.literal('etsi-tl'),
  id: zId,
  uri: zLocation,
  /** The scheme operator's signing certificates (a list no LOTL points to, e.g. a third country's). */
  signers: zSigners,
  qualifiedFrameworkId: zId,
  nationalFrameworkId: zId.optional(),
  ...zFetchLimits,
})

export const zLoteSourceConfig = z.object({
  kind: z.literal('lote'),
  id: zId,
  uri: zLocation,
  /** The scheme operator's signing certificates: the JWS `x5c` leaf must be one of them. */
  signers: zSigners,
  frameworkId: zId,
  /** Credential types an issuing service covers when the list does not say (a public-sector EAA list). */
  credentialTypes: z.array(z.string().min(1).max(512)).max(64).optional(),
  ...zFetchLimits,
})

export const zJpListSourceConfig = z.object({
  kind: z.literal('jp-list'),
  id: zId,
  uri: zLocation,
  signers: zSigners.optional(),
  /** Accept the unsigned JSON form (an operator's own file); recorded as `unsigned`. */
  allowUnsigned: z.boolean().default(false),
  ...zFetchLimits,
})

export const zVicalSourceConfig = z.object({
  kind: z.literal('vical'),
  id: zId,
  uri: zLocation,
  /** The VICAL signer certificates: the COSE_Sign1 `x5chain` leaf must be one of them. */
  signers: zSigners,
  /** The framework the issuing authorities' authorisations are placed under. */
  frameworkId: zId,
  /** The framework's jurisdiction when the VICAL asserts it, and the source's territory. */
  jurisdiction: z
    .string()
    .regex(/^(EU|[A-Z]{2})$/)
    .optional(),
  ...zFetchLimits,
})

export const zOidfedSourceConfig = z.object({
  kind: z.literal('oidfed'),
  id: zId,
  trustAnchor: z.object({
    entityId: z.string().url().max(2048),
    /** The trust anchor's federation keys, as configured out of band (never fetched). */
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(32) }),
  }),
  /** Entities to resolve; when absent, every entity the list endpoints below the anchor name. */
  entities: z.array(z.string().url().max(2048)).max(10_000).optional(),
  frameworkId: zId,
  /** Asserted by this source when given; otherwise `frameworkId` must already be in the registry. */
  framework: z
    .object({
      name: z.string().min(1).max(200),
      jurisdiction: z.string().regex(/^(EU|[A-Z]{2})$/),
      description: z.string().max(2000).optional(),
    })
    .optional(),
  /** ISO 3166-1 alpha-2 country recorded for the entities (federation metadata names none). */
  country: z.string().regex(/^[A-Z]{2}$/),
  /** Trust mark types every entity must carry, verified, to be imported. */
  requiredTrustMarks: z.array(z.string().min(1).max(2048)).max(16).optional(),
  /** Most Intermediate Entities between an entity and the trust anchor. */
  maxIntermediates: z.number().int().min(0).max(8).optional(),
  /** Most entities discovered below the anchor when no `entities` are given, intermediates included. */
  maxEntities: z.number().int().min(1).max(100_000).optional(),
  ...zFetchLimits,
})

export const zSourceConfig = z.discriminatedUnion('kind', [
  zEtsiLotlSourceConfig,
  zEtsiTlSourceConfig,
  zLoteSourceConfig,
  zJpListSourceConfig,
  zOidfedSourceConfig,
  zVicalSourceConfig,
])
export type SourceConfig = z.infer<typeof zSourceConfig>

export const zSourcesConfig = z.object({
  sources: z
    .array(zSourceConfig)
    .max(200)
    .refine((sources) => new Set(sources.map((s) => s.id)).size === sources.length, {
      message: 'source ids must be unique',
    }),
})

/** A validated configuration, with the folder its relative paths are read from. */
export interface SourcesConfig {
  sources: SourceConfig[]
  baseDir: string
}

/** Reads and validates a sources file; `sources.config_invalid` says what is wrong and where. */
export async function readSourcesConfig(path: string): Promise<SourcesConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new KakehashiError('sources.config_invalid', `cannot read ${path}`, undefined, {
      cause: error,
    })
  }
  return parseSourcesConfig(text, dirname(resolve(path)))
}

export function parseSourcesConfig(text: string, baseDir: string): SourcesConfig {
  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) {
    throw new KakehashiError('sources.config_invalid', `larger than ${MAX_CONFIG_BYTES} bytes`)
  }
  const json = parseJson(text, 16)
  if (!json.ok) throw new KakehashiError('sources.config_invalid', json.message)
  const parsed = zSourcesConfig.safeParse(json.value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new KakehashiError(
      'sources.config_invalid',
      `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      {
        issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path, message: i.message })),
      },
    )
  }
  return { sources: parsed.data.sources, baseDir }
}

/** A configured path, made absolute against the configuration's folder. */
export const resolveConfigPath = (config: { baseDir: string }, path: string): string =>
  isAbsolute(path) ? path : resolve(config.baseDir, path)
