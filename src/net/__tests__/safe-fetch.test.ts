import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { createServer as createTlsServer } from 'node:tls'
import { isKakehashiError } from '../../errors.ts'
import { type HostLookup, type SafeFetchOptions, safeFetch } from '../safe-fetch.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

const routes = new Map<string, Handler>()
const seen: IncomingMessage[] = []
let server: Server
let base: string
let port: number

before(async () => {
  server = createServer((req, res) => {
    seen.push(req)
    const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname)
    if (handler) handler(req, res)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
})

after(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

routes.set('/ok', (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello'))
routes.set('/echo-headers', (req, res) =>
  res.writeHead(200).end(JSON.stringify({ host: req.headers.host, accept: req.headers.accept })),
)
routes.set('/hang', () => {})
routes.set('/slow-body', (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.write('a')
})
routes.set('/big-declared', (_req, res) => {
  res.writeHead(200, { 'content-length': String(10_000) })
  res.write(Buffer.alloc(100))
})
let chunkedSent = 0
routes.set('/big-chunked', (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' })
  chunkedSent = 0
  const push = (): void => {
    if (res.destroyed || chunkedSent >= 10_000_000) {
      res.end()
      return
    }
    chunkedSent += 1000
    res.write(Buffer.alloc(1000), () => setImmediate(push))
  }
  push()
})
routes.set('/exact', (_req, res) => res.writeHead(200).end(Buffer.alloc(1000)))
routes.set('/redirect', (_req, res) => res.writeHead(302, { location: `${base}/ok` }).end())
routes.set('/error', (_req, res) => res.writeHead(500).end('boom'))
routes.set('/gzip', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('xx'))

const local: SafeFetchOptions = { timeoutMs: 2000, maxBytes: 4096, allowPrivate: true }
/** Public-looking host names answered by a fake resolver: no real DNS, no traffic off the host. */
const fakeDns =
  (...addresses: string[]): HostLookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<Error> {
  try {
    await promise
  } catch (error) {
    assert.ok(isKakehashiError(error), `expected KakehashiError, got ${String(error)}`)
    assert.equal(error.code, code, error.message)
    return error
  }
  assert.fail(`expected ${code}, but the fetch succeeded`)
}

describe('safeFetch: what it refuses before sending anything', () => {
  const strict: SafeFetchOptions = { timeoutMs: 2000, maxBytes: 4096, allowPrivate: false }

  it('refuses loopback without allowPrivate', async () => {
    const before = seen.length
    await rejectsWith(safeFetch(`${base}/ok`, strict), 'fetch.refused')
    await rejectsWith(safeFetch(`https://127.0.0.1:${port}/ok`, strict), 'fetch.refused')
    await rejectsWith(safeFetch('https://[::1]/ok', strict), 'fetch.refused')
    await rejectsWith(safeFetch('https://0x7f.1/ok', strict), 'fetch.refused')
    assert.equal(seen.length, before)
  })

  it('refuses non-http schemes and credentials in the URL', async () => {
    await rejectsWith(safeFetch('ftp://example.com/list', strict), 'fetch.refused')
    await rejectsWith(safeFetch('file:///etc/passwd', strict), 'fetch.refused')
    await rejectsWith(safeFetch('not a url', strict), 'fetch.refused')
    const error = await rejectsWith(
      safeFetch(`http://user:s3cret@127.0.0.1:${port}/ok`, local),
      'fetch.refused',
    )
    assert.doesNotMatch(error.message, /s3cret/)
  })

  it('refuses plain http to a public host even when DNS says it is public', async () => {
    await rejectsWith(
      safeFetch('http://status.example/list', { ...strict, lookup: fakeDns('93.184.216.34') }),
      'fetch.refused',
    )
  })

  it('refuses a host name that resolves to private, link-local or mapped addresses', async () => {
    for (const address of [
      '10.0.0.1',
      '169.254.169.254',
      '::ffff:10.0.0.1',
      'fd00::1',
      '100.64.1.1',
    ]) {
      await rejectsWith(
        safeFetch('https://status.example/list', { ...strict, lookup: fakeDns(address) }),
        'fetch.refused',
      )
    }
  })

  it('refuses when any one of several answers is private', async () => {
    await rejectsWith(
      safeFetch('https://status.example/list', {
        ...strict,
        lookup: fakeDns('93.184.216.34', '127.0.0.1'),
      }),
      'fetch.refused',
    )
  })

  it('fails when the name does not resolve', async () => {
    await rejectsWith(
      safeFetch('https://status.example/list', { ...strict, lookup: fakeDns() }),
      'fetch.failed',
    )
    await rejectsWith(
      safeFetch('https://status.example/list', {
        ...strict,
        lookup: async () => {
          throw new Error('ENOTFOUND')
        },
      }),
      'fetch.failed',
    )
  })
})

describe('safeFetch against a local server (allowPrivate)', () => {
  it('fetches a 2xx body', async () => {
    const response = await safeFetch(`${base}/ok`, local)
    assert.equal(response.status, 200)
    assert.equal(response.headers['content-type'], 'text/plain')
    assert.equal(Buffer.from(response.body).toString(), 'hello')
  })

  it('connects to the vetted address while keeping the host name in Host', async () => {
    const response = await safeFetch(`http://status.test:${port}/echo-headers`, {
      ...local,
      accept: 'application/statuslist+jwt',
      lookup: fakeDns('127.0.0.1'),
    })
    assert.deepEqual(JSON.parse(Buffer.from(response.body).toString()), {
      host: `status.test:${port}`,
      accept: 'application/statuslist+jwt',
    })
  })

  it('times out when the server never answers', async () => {
    await rejectsWith(safeFetch(`${base}/hang`, { ...local, timeoutMs: 150 }), 'fetch.timeout')
  })

  it('times out when the body never finishes (the deadline covers the whole exchange)', async () => {
    await rejectsWith(safeFetch(`${base}/slow-body`, { ...local, timeoutMs: 150 }), 'fetch.timeout')
  })

  it('refuses a body whose Content-Length exceeds the cap', async () => {
    await rejectsWith(safeFetch(`${base}/big-declared`, local), 'fetch.too_large')
  })

  it('aborts a chunked body as soon as it exceeds the cap', async () => {
    await rejectsWith(safeFetch(`${base}/big-chunked`, local), 'fetch.too_large')
    // The connection is dropped at the cap, long before the server would have finished.
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.ok(chunkedSent < 10_000_000, `server sent ${chunkedSent} bytes`)
  })

  it('accepts a body of exactly the cap', async () => {
    const response = await safeFetch(`${base}/exact`, { ...local, maxBytes: 1000 })
    assert.equal(response.body.byteLength, 1000)
  })

  it('does not follow redirects', async () => {
    const error = await rejectsWith(safeFetch(`${base}/redirect`, local), 'fetch.failed')
    assert.match(error.message, /302/)
  })

  it('fails on non-2xx without leaking the query string', async () => {
    const error = await rejectsWith(safeFetch(`${base}/error?token=s3cret`, local), 'fetch.failed')
    assert.match(error.message, /HTTP 500/)
    assert.match(error.message, /\/error/)
    assert.doesNotMatch(error.message, /s3cret/)
    await rejectsWith(safeFetch(`${base}/missing`, local), 'fetch.failed')
  })

  it('fails on a content-encoding it did not ask for', async () => {
    await rejectsWith(safeFetch(`${base}/gzip`, local), 'fetch.failed')
  })

  it('fails when nothing listens', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await rejectsWith(safeFetch(`http://127.0.0.1:${closedPort}/`, local), 'fetch.failed')
  })
})

describe('safeFetch over TLS', () => {
  it('sends the host name as SNI while connecting to the vetted address', async () => {
    const servernames: string[] = []
    // The server only records the ClientHello's SNI and ends the handshake: no certificate needed.
    const tlsServer = createTlsServer({
      SNICallback: (servername, callback) => {
        servernames.push(servername)
        callback(new Error('no certificate here'))
      },
    })
    tlsServer.on('tlsClientError', () => {})
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve))
    const tlsPort = (tlsServer.address() as AddressInfo).port
    try {
      await rejectsWith(
        safeFetch(`https://status.test:${tlsPort}/list?k=v`, {
          ...local,
          lookup: fakeDns('127.0.0.1'),
        }),
        'fetch.failed',
      )
      assert.deepEqual(servernames, ['status.test'])
    } finally {
      await new Promise((resolve) => tlsServer.close(resolve))
    }
  })
})
