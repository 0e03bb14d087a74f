// How a URL may appear in messages and logs: scheme, host and path, never credentials or query.

/** `https://host:port/path` of a URL; query strings and fragments can carry tokens, so they are dropped. */
export function describeUrl(url: string | URL): string {
  let parsed: URL
  try {
    parsed = typeof url === 'string' ? new URL(url) : url
  } catch {
    return '(unparseable URL)'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${parsed.protocol}(…)`
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`
}
