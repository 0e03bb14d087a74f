import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import {
  defaultLimits,
  defaultPolicy,
  type VerifyLimits,
  type VerifyPolicy,
} from '../../../config.ts'
import { type Check, CheckList } from '../../../report/check-list.ts'
import type { Clock } from '../../../util/clock.ts'
import { type CheckTokenStatusDeps, checkTokenStatus } from '../check-token-status.ts'
import { HttpStatusListSource } from '../http-status-list-source.ts'
import { StatusListCache } from '../status-list-cache.ts'
import type { StatusListSource } from '../status-list-source.ts'
import type { ResolveSignerKey } from '../verify-status-list-token.ts'
import { newSigner, type Signer, signStatusListToken } from './status-list-fixtures.ts'

const start = 1_750_000_000
const jwtType = 'application/statuslist+jwt'

interface Route {
  status?: number
  contentType?: string
  body: string | (() => string)
  delayMs?: number
}

const routes = new Map<string, Route>()
const hits = new Map<string, number>()
let server: Server
let base: string
let port: number
let signer: Signer
let stranger: Signer

before(async () => {
  signer = await newSigner()
  stranger = await newSigner()
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const route = routes.get(path)
    if (route === undefined) {
      res.writeHead(404).end()
      return
    }
    const answer = (): void => {
      const body = typeof route.body === 'function' ? route.body() : route.body
      res.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? jwtType }).end(body)
    }
    if (route.delayMs) setTimeout(answer, route.delayMs)
    else answer()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
})

after(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function movableClock(sec: number): Clock & { set(sec: number): void } {
  let ms = sec * 1000
  return { now: () => ms, set: (s) => (ms = s * 1000) }
}

const policy: VerifyPolicy = { ...defaultPolicy, allowPrivateFetch: true, fetchTimeoutMs: 1000 }

function depsFor(
  overrides: Partial<CheckTokenStatusDeps> & {
    trust?: Signer
    policy?: VerifyPolicy
    limits?: VerifyLimits
  } = {},
): CheckTokenStatusDeps {
  const clock = overrides.clock ?? movableClock(start)
  const usedPolicy = overrides.policy ?? policy
  const limits = overrides.limits ?? defaultLimits
  const trusted = overrides.trust ?? signer
  return {
    clock,
    policy: usedPolicy,
    limits,
    cache: overrides.cache ?? new StatusListCache({ clock, policy: usedPolicy, maxEntries: 16 }),
    source: overrides.source ?? new HttpStatusListSource({ policy: usedPolicy, limits }),
    resolveSignerKey: overrides.resolveSignerKey ?? (async () => trusted.publicKey),
  }
}

async function check(reference: unknown, deps: CheckTokenStatusDeps): Promise<Check> {
  const checks = new CheckList()
  await checkTokenStatus(reference, deps, checks)
  const all = checks.toArray()
  assert.equal(all.length, 1, 'exactly one status.check entry')
  const [entry] = all as [Check]
  assert.equal(entry.check, 'status.check')
  return entry
}

const ref = (uri: string, idx: number) => ({ status_list: { idx, uri } })

/** Publishes a token at `path`; statuses [VALID, INVALID, SUSPENDED, 3] in 2 bits by default. */
async function publish(
  path: string,
  options: Partial<Parameters<typeof signStatusListToken>[1]> & {
    by?: Signer
    route?: Partial<Route>
  } = {},
): Promise<string> {
  const uri = `${base}${path}`
  const token = await signStatusListToken(options.by ?? signer, {
    sub: uri,
    iat: start,
    ttl: 300,
    ...options,
  })
  routes.set(path, { body: token, ...options.route })
  return uri
}

function assertFailed(entry: Check, code: string): void {
  assert.equal(entry.status, 'failed', entry.message)
  assert.equal(entry.code, code, entry.message)
}

describe('checkTokenStatus end to end', () => {
  it('passes a credential whose entry is VALID', async () => {
    const uri = await publish('/lists/basic')
    const entry = await check(ref(uri, 0), depsFor())
    assert.equal(entry.status, 'passed', entry.message)
    assert.deepEqual(entry.detail, { uri, idx: 0, value: 0 })
  })

  it('fails INVALID (revoked) as status.invalid', async () => {
    const uri = await publish('/lists/basic')
    assertFailed(await check(ref(uri, 1), depsFor()), 'status.invalid')
  })

  it('fails SUSPENDED as status.suspended', async () => {
    const uri = await publish('/lists/basic')
    assertFailed(await check(ref(uri, 2), depsFor()), 'status.suspended')
  })

  it('fails any other value as status.unknown_value', async () => {
    const uri = await publish('/lists/basic')
    const entry = await check(ref(uri, 3), depsFor())
    assertFailed(entry, 'status.unknown_value')
    assert.match(entry.message, /0x03/)
    const wide = await publish('/lists/8bit', { statuses: [0, 0x0c, 0xff], bits: 8 })
    assertFailed(await check(ref(wide, 2), depsFor()), 'status.unknown_value')
  })

  it('fails an index past the end as status.index_out_of_range', async () => {
    const uri = await publish('/lists/basic')
    const entry = await check(ref(uri, 4), depsFor())
    assertFailed(entry, 'status.index_out_of_range')
    assert.equal(entry.detail?.size, 4)
  })

  it('fails a token for another sub as status.list_invalid', async () => {
    const path = '/lists/wrong-sub'
    const token = await signStatusListToken(signer, { sub: `${base}/lists/other`, iat: start })
    routes.set(path, { body: token })
    assertFailed(await check(ref(`${base}${path}`, 0), depsFor()), 'status.list_invalid')
  })

  it('fails a token with the wrong typ as status.list_invalid', async () => {
    const uri = await publish('/lists/wrong-typ', { typ: 'JWT' })
    assertFailed(await check(ref(uri, 0), depsFor()), 'status.list_invalid')
  })

  it('fails an expired token as status.list_invalid', async () => {
    const uri = await publish('/lists/expired', { iat: start - 7200, exp: start - 3600 })
    const entry = await check(ref(uri, 0), depsFor())
    assertFailed(entry, 'status.list_invalid')
    assert.match(entry.message, /expired/)
  })

  it('fails a token signed by a key the issuer does not vouch for as status.list_signature_invalid', async () => {
    const uri = await publish('/lists/stranger', { by: stranger })
    assertFailed(await check(ref(uri, 0), depsFor()), 'status.list_signature_invalid')
  })

  it('fails closed with status.unavailable when the server is down', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const entry = await check(ref(`http://127.0.0.1:${closedPort}/lists/1`, 0), depsFor())
    assertFailed(entry, 'status.unavailable')
  })

  it('fails closed on HTTP errors, wrong content type, oversize and slow lists', async () => {
    const error = await publish('/lists/error', { route: { status: 503 } })
    assertFailed(await check(ref(error, 0), depsFor()), 'status.unavailable')
    const plain = await publish('/lists/plain', { route: { contentType: 'application/jwt' } })
    assertFailed(await check(ref(plain, 0), depsFor()), 'status.unavailable')
    const big = await publish('/lists/big')
    const tiny = { ...defaultLimits, maxStatusListBytes: 64 }
    assertFailed(await check(ref(big, 0), depsFor({ limits: tiny })), 'status.unavailable')
    const slow = await publish('/lists/slow', { route: { delayMs: 500 } })
    const hasty = { ...policy, fetchTimeoutMs: 100 }
    assertFailed(await check(ref(slow, 0), depsFor({ policy: hasty })), 'status.unavailable')
    assertFailed(await check(ref(`${base}/lists/none`, 0), depsFor()), 'status.unavailable')
  })

  it('refuses to fetch from loopback unless private fetches are allowed', async () => {
    const uri = `https://127.0.0.1:${port}/lists/basic`
    const strict = { ...policy, allowPrivateFetch: false }
    const before = hits.get('/lists/basic') ?? 0
    const entry = await check(ref(uri, 0), depsFor({ policy: strict }))
    assertFailed(entry, 'status.unavailable')
    assert.match(entry.message, /not public/)
    assert.equal(hits.get('/lists/basic') ?? 0, before)
  })

  it('serves from the cache within ttl and refetches once the clock passes it', async () => {
    const uri = await publish('/lists/cached', { ttl: 300 })
    const clock = movableClock(start + 10)
    const deps = depsFor({ clock })
    assert.equal((await check(ref(uri, 0), deps)).status, 'passed')
    assert.equal(hits.get('/lists/cached'), 1)
    clock.set(start + 200)
    assertFailed(await check(ref(uri, 1), deps), 'status.invalid')
    assert.equal(hits.get('/lists/cached'), 1, 'no request within ttl')
    clock.set(start + 301)
    assert.equal((await check(ref(uri, 0), deps)).status, 'passed')
    assert.equal(hits.get('/lists/cached'), 2, 'refetched after ttl')
  })

  it('shares one fetch among concurrent checks of the same list', async () => {
    const uri = await publish('/lists/concurrent', { route: { delayMs: 50 } })
    const deps = depsFor()
    const entries = await Promise.all([0, 1, 2].map((idx) => check(ref(uri, idx), deps)))
    assert.deepEqual(
      entries.map((e) => e.code ?? e.status),
      ['passed', 'status.invalid', 'status.suspended'],
    )
    assert.equal(hits.get('/lists/concurrent'), 1)
  })

  it('does not let a cached list vouch for a credential whose issuer trusts another signer', async () => {
    const uri = await publish('/lists/shared-cache')
    const deps = depsFor()
    assert.equal((await check(ref(uri, 0), deps)).status, 'passed')
    const otherIssuer = {
      ...deps,
      resolveSignerKey: (async () => stranger.publicKey) as ResolveSignerKey,
    }
    assertFailed(await check(ref(uri, 0), otherIssuer), 'status.list_signature_invalid')
    const untrusting = {
      ...deps,
      resolveSignerKey: (async () => {
        throw new Error('chains to another anchor')
      }) as ResolveSignerKey,
    }
    assertFailed(await check(ref(uri, 0), untrusting), 'status.list_signature_invalid')
    assert.equal(hits.get('/lists/shared-cache'), 1)
  })
})

describe('checkTokenStatus: the reference', () => {
  const failing: StatusListSource = {
    fetchStatusListToken: async () => assert.fail('no fetch for an invalid reference'),
  }

  it('skips the check when the credential has no status claim', async () => {
    const entry = await check(undefined, depsFor({ source: failing }))
    assert.equal(entry.status, 'skipped')
    assert.match(entry.message, /issuer publishes no status/)
  })

  const invalid: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'https://issuer.example/status'],
    ['no status_list', { other_mechanism: {} }],
    ['status_list not an object', { status_list: 'x' }],
    ['negative idx', ref('https://issuer.example/s', -1)],
    ['fractional idx', ref('https://issuer.example/s', 1.5)],
    ['string idx', { status_list: { idx: '1', uri: 'https://issuer.example/s' } }],
    ['no uri', { status_list: { idx: 1 } }],
    ['relative uri', ref('/status/1', 1)],
    ['non-http uri', ref('ftp://issuer.example/s', 1)],
  ]
  for (const [name, reference] of invalid) {
    it(`fails ${name} as status.reference_invalid`, async () => {
      assertFailed(await check(reference, depsFor({ source: failing })), 'status.reference_invalid')
    })
  }

  it('accepts http only where private fetches are allowed', async () => {
    const strict = { ...policy, allowPrivateFetch: false }
    const entry = await check(
      ref('http://issuer.example/s', 0),
      depsFor({ policy: strict, source: failing }),
    )
    assertFailed(entry, 'status.reference_invalid')
  })

  it('reports a throwing source as status.unavailable', async () => {
    const broken: StatusListSource = {
      fetchStatusListToken: async () => {
        throw new Error('disk on fire')
      },
    }
    const entry = await check(ref('https://issuer.example/s', 0), depsFor({ source: broken }))
    assertFailed(entry, 'status.unavailable')
    assert.match(entry.message, /disk on fire/)
  })
})
