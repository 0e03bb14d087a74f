// Fetches a source document from a file or over HTTPS, conditionally, within a deadline and a size cap.
import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { KakehashiError } from '../errors.ts'
import { type HostLookup, safeFetch } from '../net/safe-fetch.ts'
import { resolveConfigPath } from './sources-config.ts'

export interface FetchDocumentOptions {
  /** The folder relative file paths are read from. */
  baseDir: string
  timeoutMs: number
  maxBytes: number
  allowPrivate: boolean
  /** The validators of the version in force, for a conditional request. */
  conditional?: { etag?: string; lastModified?: string }
  accept?: string
  lookup?: HostLookup
}

export type FetchedDocument =
  | { notModified: true; location: string }
  | {
      notModified: false
      location: string
      bytes: Uint8Array
      /** Lower-case hex SHA-256 of `bytes`. */
      digest: string
      etag?: string
      lastModified?: string
    }

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000
export const DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024

/**
 * Reads `location`: an `https:` (or, with `allowPrivate`, `http:`) URL through `safeFetch`, a
 * `file:` URL, or a path. Failures are `fetch.*` KakehashiErrors; a file larger than the cap is
 * refused before it is read.
 */
export async function fetchDocument(
  location: string,
  options: FetchDocumentOptions,
): Promise<FetchedDocument> {
  if (/^https?:\/\//i.test(location)) {
    const response = await safeFetch(location, {
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      allowPrivate: options.allowPrivate,
      ...(options.accept === undefined ? {} : { accept: options.accept }),
      ...(options.conditional === undefined ? {} : { conditional: options.conditional }),
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    })
    if (response.status === 304) return { notModified: true, location }
    const etag = header(response.headers.etag)
    const lastModified = header(response.headers['last-modified'])
    return {
      notModified: false,
      location,
      bytes: response.body,
      digest: sha256(response.body),
      ...(etag === undefined ? {} : { etag }),
      ...(lastModified === undefined ? {} : { lastModified }),
    }
  }
  const path = location.startsWith('file:')
    ? fileURLToPath(location)
    : resolveConfigPath(options, location)
  const bytes = await readFileCapped(path, options.maxBytes)
  return { notModified: false, location: path, bytes, digest: sha256(bytes) }
}

async function readFileCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw new KakehashiError('fetch.failed', `cannot open ${path}`, undefined, { cause: error })
  }
  try {
    const { size } = await handle.stat()
    if (size > maxBytes) {
      throw new KakehashiError('fetch.too_large', `${path} is ${size} bytes, over ${maxBytes}`, {
        maxBytes,
      })
    }
    return new Uint8Array(await handle.readFile())
  } finally {
    await handle.close()
  }
}

const header = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.slice(0, 500)

export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex')
