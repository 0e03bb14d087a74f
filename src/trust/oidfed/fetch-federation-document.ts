// Fetches entity configurations, subordinate statements and entity lists through the project's safe fetch.
import { KakehashiError } from '../../errors.ts'
import { parseJson } from '../../lib/parse-json.ts'
import { describeUrl } from '../../net/describe-url.ts'
import { type HostLookup, safeFetch } from '../../net/safe-fetch.ts'
import { DEFAULT_MAX_STATEMENT_BYTES } from './verify-federation-jwt.ts'
import { ENTITY_STATEMENT_MEDIA_TYPE, WELL_KNOWN_PATH, zEntityList } from './z-entity-statement.ts'

export interface FederationFetchOptions {
  timeoutMs: number
  /** Largest statement accepted, in bytes. */
  maxBytes?: number
  allowPrivate: boolean
  lookup?: HostLookup
}

export const DEFAULT_FEDERATION_TIMEOUT_MS = 10_000
/** Largest list endpoint answer accepted, in bytes, and most Entity Identifiers taken from it. */
export const MAX_LIST_BYTES = 4 * 1024 * 1024
export const MAX_LISTED_ENTITIES = 10_000

/** Where an entity publishes its configuration (§9): the well-known path under its identifier. */
export const entityConfigurationUrl = (entityId: string): string =>
  `${entityId.replace(/\/+$/, '')}${WELL_KNOWN_PATH}`

/** GETs an entity statement; its media type must be `application/entity-statement+jwt`. */
export async function fetchEntityStatement(
  url: string,
  options: FederationFetchOptions,
): Promise<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_STATEMENT_BYTES
  const body = await get(url, options, maxBytes, ENTITY_STATEMENT_MEDIA_TYPE)
  return new TextDecoder('utf-8', { fatal: false }).decode(body).trim()
}

export const fetchEntityConfiguration = (
  entityId: string,
  options: FederationFetchOptions,
): Promise<string> => fetchEntityStatement(entityConfigurationUrl(entityId), options)

/** The subordinate statement `fetchEndpoint` issues about `subject` (§8.1.1). */
export function fetchSubordinateStatement(
  fetchEndpoint: string,
  subject: string,
  options: FederationFetchOptions,
): Promise<string> {
  const url = new URL(fetchEndpoint)
  url.searchParams.set('sub', subject)
  return fetchEntityStatement(url.toString(), options)
}

/** The Entity Identifiers a list endpoint gives (§8.2), at most `MAX_LISTED_ENTITIES`. */
export async function fetchEntityList(
  listEndpoint: string,
  options: FederationFetchOptions,
): Promise<string[]> {
  const body = await get(listEndpoint, options, MAX_LIST_BYTES, 'application/json')
  const json = parseJson(new TextDecoder().decode(body), 4)
  if (!json.ok) {
    throw new KakehashiError('oidfed.malformed', `${describeUrl(listEndpoint)}: ${json.message}`)
  }
  const parsed = zEntityList.safeParse(json.value)
  if (!parsed.success) {
    throw new KakehashiError(
      'oidfed.malformed',
      `${describeUrl(listEndpoint)}: not a list of Entity Identifiers`,
    )
  }
  if (parsed.data.length > MAX_LISTED_ENTITIES) {
    throw new KakehashiError(
      'oidfed.limit_exceeded',
      `${describeUrl(listEndpoint)} lists ${parsed.data.length} entities, over ${MAX_LISTED_ENTITIES}`,
    )
  }
  return [...new Set(parsed.data)]
}

async function get(
  url: string,
  options: FederationFetchOptions,
  maxBytes: number,
  mediaType: string,
): Promise<Uint8Array> {
  let response: Awaited<ReturnType<typeof safeFetch>>
  try {
    response = await safeFetch(url, {
      timeoutMs: options.timeoutMs,
      maxBytes,
      allowPrivate: options.allowPrivate,
      accept: mediaType,
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    })
  } catch (error) {
    if (error instanceof KakehashiError && error.code === 'fetch.too_large') {
      throw new KakehashiError('oidfed.too_large', error.message, error.detail, { cause: error })
    }
    throw error
  }
  const contentType = String(response.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase()
  if (contentType !== mediaType) {
    throw new KakehashiError(
      'oidfed.malformed',
      `${describeUrl(url)} answered ${contentType || 'no media type'}, not ${mediaType}`,
    )
  }
  return response.body
}
