import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import type { Clock } from '../../../util/clock.ts'
import { statusListReader } from '../decode-status-list.ts'
import { defaultStatusListCacheEntries, StatusListCache } from '../status-list-cache.ts'
import type { VerifiedStatusList } from '../verify-status-list-token.ts'

const start = 1_750_000_000
const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })

function movableClock(sec: number): Clock & { set(sec: number): void } {
  let ms = sec * 1000
  return { now: () => ms, set: (s) => (ms = s * 1000) }
}

function listFor(
  sub: string,
  times: { iat?: number; exp?: number; ttl?: number } = {},
): VerifiedStatusList {
  const value: VerifiedStatusList = {
    header: { alg: 'ES256', typ: 'statuslist+jwt' },
    signerKey: publicKey,
    sub,
    iat: times.iat ?? start,
    list: statusListReader(Uint8Array.from([0]), 1),
  }
  if (times.exp !== undefined) value.exp = times.exp
  if (times.ttl !== undefined) value.ttl = times.ttl
  return value
}

const cacheAt = (clock: Clock, maxEntries = 10, maxCacheSec = 3600) =>
  new StatusListCache({ clock, maxEntries, policy: { statusListMaxCacheSec: maxCacheSec } })

describe('StatusListCache', () => {
  it('holds a list until iat + ttl', () => {
    const clock = movableClock(start)
    const cache = cacheAt(clock)
    cache.set('u', listFor('u', { ttl: 300 }))
    clock.set(start + 299)
    assert.ok(cache.get('u'))
    clock.set(start + 300)
    assert.equal(cache.get('u'), undefined)
    assert.equal(cache.size, 0)
  })

  it('holds a list no later than its exp', () => {
    const clock = movableClock(start)
    const cache = cacheAt(clock)
    cache.set('u', listFor('u', { exp: start + 120, ttl: 600 }))
    clock.set(start + 119)
    assert.ok(cache.get('u'))
    clock.set(start + 120)
    assert.equal(cache.get('u'), undefined)
  })

  it('holds a list no longer than maxCacheSec, whatever ttl says', () => {
    const clock = movableClock(start)
    const cache = cacheAt(clock, 10, 60)
    cache.set('u', listFor('u', { ttl: 86_400 }))
    clock.set(start + 59)
    assert.ok(cache.get('u'))
    clock.set(start + 60)
    assert.equal(cache.get('u'), undefined)
  })

  it('does not keep a list whose freshness has already run out', () => {
    const clock = movableClock(start + 1000)
    const cache = cacheAt(clock)
    cache.set('u', listFor('u', { iat: start, ttl: 10 }))
    assert.equal(cache.size, 0)
    const zero = cacheAt(clock, 10, 0)
    zero.set('u', listFor('u'))
    assert.equal(zero.size, 0)
  })

  it('evicts the least recently used list beyond maxEntries', () => {
    const cache = cacheAt(movableClock(start), 2)
    cache.set('a', listFor('a'))
    cache.set('b', listFor('b'))
    assert.ok(cache.get('a'))
    cache.set('c', listFor('c'))
    assert.equal(cache.size, 2)
    assert.equal(cache.get('b'), undefined)
    assert.ok(cache.get('a'))
    assert.ok(cache.get('c'))
  })

  it('shares one load among concurrent lookups of the same URI', async () => {
    const cache = cacheAt(movableClock(start))
    let loads = 0
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const load = async () => {
      loads++
      await gate
      return listFor('u', { ttl: 60 })
    }
    const first = cache.getOrLoad('u', load)
    const second = cache.getOrLoad('u', load)
    release()
    const [a, b] = await Promise.all([first, second])
    assert.equal(loads, 1)
    assert.equal(a.origin, 'loaded')
    assert.equal(b.origin, 'shared')
    assert.equal(a.value, b.value)
    const third = await cache.getOrLoad('u', load)
    assert.equal(third.origin, 'cache')
    assert.equal(loads, 1)
  })

  it('does not remember a failed load, and every waiter sees the failure', async () => {
    const cache = cacheAt(movableClock(start))
    let loads = 0
    const failing = async (): Promise<VerifiedStatusList> => {
      loads++
      await new Promise((resolve) => setImmediate(resolve))
      throw new Error('unreachable')
    }
    const results = await Promise.allSettled([
      cache.getOrLoad('u', failing),
      cache.getOrLoad('u', failing),
    ])
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    )
    assert.equal(loads, 1)
    const retry = await cache.getOrLoad('u', async () => listFor('u'))
    assert.equal(retry.origin, 'loaded')
  })

  it('delete and clear drop entries', () => {
    const cache = cacheAt(movableClock(start))
    cache.set('a', listFor('a'))
    cache.set('b', listFor('b'))
    cache.delete('a')
    assert.equal(cache.get('a'), undefined)
    cache.clear()
    assert.equal(cache.size, 0)
  })

  it('is bounded by default, and refuses a non-positive entry limit', () => {
    const clock = movableClock(start)
    const cache = new StatusListCache({ clock, policy: { statusListMaxCacheSec: 3600 } })
    for (let i = 0; i <= defaultStatusListCacheEntries; i++) cache.set(`u${i}`, listFor(`u${i}`))
    assert.equal(cache.size, defaultStatusListCacheEntries)
    assert.equal(cache.get('u0'), undefined)
    assert.throws(() => cacheAt(clock, 0), RangeError)
    assert.throws(() => cacheAt(clock, 1.5), RangeError)
    assert.throws(() => cacheAt(clock, 10, -1), RangeError)
  })
})
