// Outbound HTTP(S) GET for data a credential points at: public addresses only, bounded in time and size.
import { lookup as dnsLookup } from 'node:dns/promises'
import http, { type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { KakehashiError } from '../errors.ts'
import { classifyAddress } from './address-policy.ts'
import { describeUrl } from './describe-url.ts'

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** Resolves a host name to its addresses; injectable so tests never depend on real DNS. */
export type HostLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>

export interface SafeFetchOptions {
  /** Deadline for the whole exchange: name resolution, connection, headers and body. */
  timeoutMs: number
  /** Largest body accepted, in bytes. */
  maxBytes: number
  /** Permit plain http and loopback/private destinations (local testing and sandboxes only). */
  allowPrivate: boolean
  /** The `Accept` header sent. */
  accept?: string
  /**
   * Validators of the copy already held (RFC 9110 §13.1): sent as `If-None-Match` and
   * `If-Modified-Since`, and a 304 answer then comes back as `{ status: 304 }` with no body.
   */
  conditional?: { etag?: string; lastModified?: string }
  lookup?: HostLookup
}

export interface SafeResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Uint8Array
}

/**
 * Fetches `url` with GET, refusing to reach anything but public unicast addresses unless
 * `allowPrivate` is set. The host is resolved once, every address it resolves to is vetted,
 * and the connection goes to the vetted address, so a second, different DNS answer
 * (rebinding) cannot steer the request inside the network.
 *
 * Redirects are never followed: the target of a redirect would be a destination nobody
 * vetted (a public server could bounce the request to an internal one), and what a credential
 * references (e.g. a status list `uri`, which must equal the list's `sub`) must be served at
 * that very address. A 3xx answer is therefore `fetch.failed`, as is any other non-2xx.
 *
 * Failures are `KakehashiError`s with code `fetch.refused`, `fetch.timeout`, `fetch.too_large`
 * or `fetch.failed`; their messages name the URL by scheme, host and path only.
 */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<SafeResponse> {
  const target = checkUrl(url, options.allowPrivate)
  const label = describeUrl(target)
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(
        new KakehashiError(
          'fetch.timeout',
          `${label}: no complete answer within ${options.timeoutMs} ms`,
        ),
      )
    }, options.timeoutMs)
  })
  try {
    const pinned = await Promise.race([resolveTarget(target, label, options), deadline])
    return await Promise.race([send(target, label, pinned, options, controller.signal), deadline])
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
}

function checkUrl(url: string, allowPrivate: boolean): URL {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    throw new KakehashiError('fetch.refused', 'not an absolute URL')
  }
  const label = describeUrl(target)
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new KakehashiError('fetch.refused', `${label}: only https URLs are fetched`)
  }
  if (target.protocol === 'http:' && !allowPrivate) {
    throw new KakehashiError('fetch.refused', `${label}: plain http is refused (https required)`)
  }
  if (target.username !== '' || target.password !== '') {
    throw new KakehashiError('fetch.refused', `${label}: URLs carrying credentials are refused`)
  }
  return target
}

/** The one address the request will connect to, after vetting everything the host resolves to. */
async function resolveTarget(
  target: URL,
  label: string,
  options: SafeFetchOptions,
): Promise<ResolvedAddress | undefined> {
  const hostname = bareHostname(target)
  const literal = classifyAddress(hostname)
  if (literal.range !== 'invalid') {
    if (!literal.public && !options.allowPrivate) {
      throw new KakehashiError(
        'fetch.refused',
        `${label}: address is not public (${literal.range})`,
      )
    }
    // Node connects to IP literals without a lookup, so there is nothing to pin.
    return undefined
  }
  let addresses: readonly ResolvedAddress[]
  try {
    addresses = await (options.lookup ?? systemLookup)(hostname)
  } catch (error) {
    throw new KakehashiError('fetch.failed', `${label}: host name does not resolve`, undefined, {
      cause: error,
    })
  }
  const first = addresses[0]
  if (first === undefined) {
    throw new KakehashiError('fetch.failed', `${label}: host name resolves to no address`)
  }
  for (const { address } of addresses) {
    const verdict = classifyAddress(address)
    if (verdict.range === 'invalid') {
      throw new KakehashiError('fetch.failed', `${label}: resolver returned an invalid address`)
    }
    // One private answer is enough to refuse: the host is pointing inside, whatever else it says.
    if (!verdict.public && !options.allowPrivate) {
      throw new KakehashiError('fetch.refused', `${label}: host resolves to a non-public address`, {
        range: verdict.range,
      })
    }
  }
  return first
}

const systemLookup: HostLookup = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true })
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))
}

const bareHostname = (target: URL): string =>
  target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname

/** A `lookup` for the socket that answers only with the vetted address, whatever it is asked. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: pinned.address, family: pinned.family }])
    else callback(null, pinned.address, pinned.family)
  }
}

function send(
  target: URL,
  label: string,
  pinned: ResolvedAddress | undefined,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<SafeResponse> {
  return new Promise((resolve, reject) => {
    let settled = false
    const client = target.protocol === 'https:' ? https : http
    const request = client.request(target, {
      method: 'GET',
      // A fresh connection per fetch: a pooled socket could have been opened to another address.
      agent: false,
      headers: {
        accept: options.accept ?? '*/*',
        'accept-encoding': 'identity',
        'user-agent': 'kakehashi',
        ...(options.conditional?.etag ? { 'if-none-match': options.conditional.etag } : {}),
        ...(options.conditional?.lastModified
          ? { 'if-modified-since': options.conditional.lastModified }
          : {}),
      },
      ...(pinned ? { lookup: pinnedLookup(pinned) } : {}),
    })
    const fail = (error: KakehashiError): void => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      request.destroy()
      reject(error)
    }
    const onAbort = (): void => fail(new KakehashiError('fetch.timeout', `${label}: aborted`))
    signal.addEventListener('abort', onAbort, { once: true })

    request.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code ?? 'connection failed'
      fail(new KakehashiError('fetch.failed', `${label}: ${reason}`, undefined, { cause: error }))
    })
    request.on('response', (response) => {
      const status = response.statusCode ?? 0
      if (status === 304 && options.conditional !== undefined) {
        settled = true
        signal.removeEventListener('abort', onAbort)
        response.resume()
        resolve({ status, headers: response.headers, body: new Uint8Array(0) })
        return
      }
      if (status >= 300 && status < 400) {
        fail(
          new KakehashiError(
            'fetch.failed',
            `${label}: HTTP ${status}, redirects are not followed`,
            {
              status,
            },
          ),
        )
        return
      }
      if (status < 200 || status >= 300) {
        fail(new KakehashiError('fetch.failed', `${label}: HTTP ${status}`, { status }))
        return
      }
      const encoding = response.headers['content-encoding']
      if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
        fail(
          new KakehashiError('fetch.failed', `${label}: unrequested content-encoding ${encoding}`),
        )
        return
      }
      const declared = response.headers['content-length']
      if (declared !== undefined && Number(declared) > options.maxBytes) {
        fail(tooLarge(label, options.maxBytes))
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > options.maxBytes) fail(tooLarge(label, options.maxBytes))
        else chunks.push(chunk)
      })
      response.on('error', (error: NodeJS.ErrnoException) => {
        fail(
          new KakehashiError(
            'fetch.failed',
            `${label}: ${error.code ?? 'response failed'}`,
            undefined,
            {
              cause: error,
            },
          ),
        )
      })
      response.on('end', () => {
        if (settled) return
        if (!response.complete) {
          fail(new KakehashiError('fetch.failed', `${label}: response ended early`))
          return
        }
        settled = true
        signal.removeEventListener('abort', onAbort)
        const body = Buffer.concat(chunks, size)
        resolve({
          status,
          headers: response.headers,
          body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
        })
      })
      response.on('close', () => {
        if (!settled) fail(new KakehashiError('fetch.failed', `${label}: connection closed early`))
      })
    })
    request.end()
  })
}

const tooLarge = (label: string, maxBytes: number): KakehashiError =>
  new KakehashiError('fetch.too_large', `${label}: body exceeds ${maxBytes} bytes`, { maxBytes })
