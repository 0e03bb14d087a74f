// did:web (W3C CCG did:web): the DID document fetched over HTTPS from the domain the DID names.
import { isKakehashiError } from '../../errors.ts'
import { parseJson } from '../../lib/parse-json.ts'
import { type SafeFetchOptions, safeFetch } from '../../net/safe-fetch.ts'
import { DidResolutionError } from './did-error.ts'

/** A DID document deeper than this is not one a verifier walks. */
const MAX_DOCUMENT_DEPTH = 16
const MAX_DID_WEB_LENGTH = 512
// method-specific-id = domain-name *( ":" path ); a port is percent-encoded as `%3A`.
const DID_WEB = /^did:web:([A-Za-z0-9.-]+(?:%3A[0-9]{1,5})?)((?::[A-Za-z0-9._~%-]+)*)$/

/** The HTTPS URL of a did:web's document (did:web "Read (Resolve)"): `/.well-known/did.json` or `<path>/did.json`. */
export function didWebUrl(did: string): string {
  const match = did.length <= MAX_DID_WEB_LENGTH ? DID_WEB.exec(did) : null
  if (match === null)
    throw new DidResolutionError('did.invalid', `${did.slice(0, 60)} is not a did:web`)
  const host = (match[1] as string).replace('%3A', ':').toLowerCase()
  const path = (match[2] as string)
    .split(':')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment))
  if (path.some((segment) => segment === '.' || segment === '..' || segment.includes('/')))
    throw new DidResolutionError(
      'did.invalid',
      `${did.slice(0, 60)} has a path segment that is not one`,
    )
  const suffix = path.length === 0 ? '/.well-known/did.json' : `/${path.join('/')}/did.json`
  return `https://${host}${suffix}`
}

export type DidWebFetchOptions = Pick<
  SafeFetchOptions,
  'timeoutMs' | 'maxBytes' | 'allowPrivate' | 'lookup'
>

/** Fetches and parses the document; every safeFetch guard (public address, deadline, size) applies. */
export async function didWebDocument(did: string, options: DidWebFetchOptions): Promise<unknown> {
  const url = didWebUrl(did)
  let body: Uint8Array
  try {
    body = (await safeFetch(url, { ...options, accept: 'application/did+json, application/json' }))
      .body
  } catch (error) {
    if (!isKakehashiError(error)) throw error
    throw new DidResolutionError(
      error.code === 'fetch.failed' ? 'did.not_found' : 'did.unavailable',
      `${did}: ${error.message}`,
      { cause: error },
    )
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    throw new DidResolutionError('did.document_invalid', `${did}: the document is not UTF-8`)
  }
  const parsed = parseJson(text, MAX_DOCUMENT_DEPTH)
  if (!parsed.ok)
    throw new DidResolutionError('did.document_invalid', `${did}: the document is not JSON`)
  return parsed.value
}
