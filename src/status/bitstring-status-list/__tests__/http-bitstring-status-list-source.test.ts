// The HTTP source: media types, safeFetch's private-address refusal and size cap, and a check through it.
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { defaultPolicy } from '../../../config.ts'
import { isKakehashiError } from '../../../errors.ts'
import { BitstringStatusListCache } from '../bitstring-status-list-cache.ts'
import { HttpBitstringStatusListSource } from '../http-bitstring-status-list-source.ts'
import {
  checkOne,
  depsFor,
  encodeList,
  entry,
  listCredential,
  MemorySource,
  movableClock,
  setEntry,
  zeroBits,
} from './bitstring-fixtures.ts'

const routes = new Map<string, { contentType: string; body: string }>()
let server: Server
let base: string

before(async () => {
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? '/')
    if (route === undefined) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': route.contentType }).end(route.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

after(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const local = { ...defaultPolicy, allowPrivateFetch: true, fetchTimeoutMs: 1000 }
const limits = { maxStatusListBytes: 64 * 1024 }

function publish(path: string, contentType = 'application/vc', bits = zeroBits()): string {
  const url = `${base}${path}`
  routes.set(path, { contentType, body: JSON.stringify(listCredential(url, encodeList(bits))) })
  return url
}

async function fetchError(source: HttpBitstringStatusListSource, url: string): Promise<string> {
  try {
    await source.fetchStatusListCredential(url)
  } catch (error) {
    assert.ok(isKakehashiError(error), String(error))
    return error.code
  }
  throw new Error('the fetch succeeded')
}

describe('HttpBitstringStatusListSource', () => {
  it('fetches a list credential served as application/vc (parameters ignored)', async () => {
    const url = publish('/vc', 'application/vc; charset=utf-8')
    const text = await new HttpBitstringStatusListSource({
      policy: local,
      limits,
    }).fetchStatusListCredential(url)
    assert.equal(JSON.parse(text).id, url)
  })

  it('refuses media types that are not a verifiable credential', async () => {
    const source = new HttpBitstringStatusListSource({ policy: local, limits })
    assert.equal(await fetchError(source, publish('/html', 'text/html')), 'fetch.failed')
    assert.equal(await fetchError(source, publish('/plain', 'text/plain')), 'fetch.failed')
  })

  it('takes an ecosystem media type only when configured', async () => {
    const url = publish('/plain-ok', 'text/plain')
    const source = new HttpBitstringStatusListSource({
      policy: local,
      limits,
      mediaTypes: ['text/plain'],
    })
    assert.equal(JSON.parse(await source.fetchStatusListCredential(url)).id, url)
  })

  it('refuses loopback addresses unless private fetches are allowed', async () => {
    const source = new HttpBitstringStatusListSource({
      policy: { ...local, allowPrivateFetch: false },
      limits,
    })
    assert.equal(await fetchError(source, publish('/private')), 'fetch.refused')
  })

  it('refuses a body past maxStatusListBytes', async () => {
    const source = new HttpBitstringStatusListSource({
      policy: local,
      limits: { maxStatusListBytes: 64 },
    })
    assert.equal(await fetchError(source, publish('/large')), 'fetch.too_large')
  })

  it('feeds checkBitstringStatus: a revoked bit fetched over HTTP fails status.invalid', async () => {
    const url = publish('/revoked', 'application/vc', setEntry(zeroBits(), 12, 1))
    const clock = movableClock()
    const deps = depsFor(new MemorySource(), {
      clock,
      policy: local,
      source: new HttpBitstringStatusListSource({ policy: local, limits }),
      cache: new BitstringStatusListCache({ clock, policy: local }),
    })
    assert.equal((await checkOne(entry(url, '12'), deps)).code, 'status.invalid')
    assert.equal((await checkOne(entry(url, '11'), deps)).status, 'passed')
  })

  it('refuses an http statusListCredential before fetching when private fetches are not allowed', async () => {
    const url = publish('/never')
    const check = await checkOne(
      entry(url, '1'),
      depsFor(new MemorySource(), {
        source: new HttpBitstringStatusListSource({ policy: defaultPolicy, limits }),
      }),
    )
    assert.equal(check.code, 'status.reference_invalid')
  })
})
