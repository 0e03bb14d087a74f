// A status list's URL parsed once: every credential of an issuer names the same few lists.
import { RecentlyUsed } from '../lib/recently-used.ts'
import { describeUrl } from '../net/describe-url.ts'

export interface ParsedStatusListUri {
  /** `https:`, `http:`, … */
  protocol: string
  /** The URL as messages may show it (`describeUrl`). */
  label: string
}

/** A URL parse cost more than the rest of a cached status check (measured); `null` is "not a URL". */
const parsedUris = new RecentlyUsed<ParsedStatusListUri | null>(4096)
/** Longer URIs are parsed every time rather than kept: the cache's memory stays small. */
const MAX_CACHED_URI_LENGTH = 2048

export function parseStatusListUri(uri: string): ParsedStatusListUri | null {
  let parsed = parsedUris.get(uri)
  if (parsed === undefined) {
    let url: URL | undefined
    try {
      url = new URL(uri)
    } catch {
      url = undefined
    }
    parsed = url === undefined ? null : { protocol: url.protocol, label: describeUrl(url) }
    if (uri.length <= MAX_CACHED_URI_LENGTH) parsedUris.set(uri, parsed)
  }
  return parsed
}

/**
 * A status list decides acceptance, so its URL must be https; plain http only where `allowHttp`
 * says so (private fetches allowed, or a list the bridge answers itself).
 */
export function isAllowedStatusListUrl(
  parsed: ParsedStatusListUri,
  uri: string,
  allowHttp: (uri: string) => boolean,
): boolean {
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && allowHttp(uri))
}
