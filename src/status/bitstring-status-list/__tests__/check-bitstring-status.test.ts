// checkBitstringStatus end to end: outcomes per purpose, every §3.2 error, issuer rule, fail-closed fetches and caching.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Check } from '../../../report/check-list.ts'
import {
  checkOne,
  checksOf,
  depsFor,
  encodeList,
  entry,
  issuer,
  listCredential,
  MemorySource,
  movableClock,
  setEntry,
  start,
  zeroBits,
} from './bitstring-fixtures.ts'

const base = 'https://issuer.example/status'

function assertFailed(check: Check, code: string, label = ''): void {
  assert.equal(check.check, 'status.check')
  assert.equal(check.status, 'failed', `${label} ${check.message}`)
  assert.equal(check.code, code, `${label} ${check.message}`)
}

function assertPassed(check: Check): void {
  assert.equal(check.status, 'passed', check.message)
}

/** A revocation list with index 7 set, and a suspension list with index 9 set. */
function twoLists(source: MemorySource): { revocation: string; suspension: string } {
  const revocation = source.publish(
    `${base}/r`,
    listCredential(`${base}/r`, encodeList(setEntry(zeroBits(), 7, 1))),
  )
  const suspension = source.publish(
    `${base}/s`,
    listCredential(`${base}/s`, encodeList(setEntry(zeroBits(), 9, 1)), {
      statusPurpose: 'suspension',
    }),
  )
  return { revocation, suspension }
}

describe('checkBitstringStatus', () => {
  it('skips when the credential has no credentialStatus', async () => {
    const check = await checkOne(undefined, depsFor(new MemorySource()))
    assert.equal(check.status, 'skipped')
  })

  it('passes an unset revocation bit and fails a set one as status.invalid', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    const deps = depsFor(source)
    const valid = await checkOne(entry(revocation, '6'), deps)
    assertPassed(valid)
    assert.deepEqual(valid.detail, { url: revocation, index: '6', purpose: 'revocation', value: 0 })
    assertFailed(await checkOne(entry(revocation, '7'), deps), 'status.invalid')
  })

  it('fails a set suspension bit as status.suspended', async () => {
    const source = new MemorySource()
    const { suspension } = twoLists(source)
    const deps = depsFor(source)
    assertFailed(
      await checkOne(entry(suspension, '9', { statusPurpose: 'suspension' }), deps),
      'status.suspended',
    )
    assertPassed(await checkOne(entry(suspension, '8', { statusPurpose: 'suspension' }), deps))
  })

  it('checks every entry of an array (revocation and suspension lists)', async () => {
    const source = new MemorySource()
    const { revocation, suspension } = twoLists(source)
    const all = await checksOf(
      [entry(revocation, '9'), entry(suspension, '9', { statusPurpose: 'suspension' })],
      depsFor(source),
    )
    assert.deepEqual(
      all.map((c) => [c.detail?.purpose, c.status, c.code]),
      [
        ['revocation', 'passed', undefined],
        ['suspension', 'failed', 'status.suspended'],
      ],
    )
  })

  it('reports a statusSize 2 message status without failing, the message in detail only', async () => {
    const source = new MemorySource()
    const url = source.publish(
      `${base}/m`,
      listCredential(`${base}/m`, encodeList(setEntry(zeroBits(2 * 131_072), 5, 2, 2)), {
        statusPurpose: 'message',
      }),
    )
    const statusMessage = ['pending_review', 'accepted', 'rejected', 'undefined'].map(
      (message, i) => ({ status: `0x${i}`, message }),
    )
    const check = await checkOne(
      entry(url, '5', { statusPurpose: 'message', statusSize: 2, statusMessage }),
      depsFor(source),
    )
    assertPassed(check)
    assert.equal(check.detail?.value, 2)
    assert.equal(check.detail?.statusMessage, 'rejected')
    assert.doesNotMatch(check.message, /rejected/)
  })

  it('reports a refresh status without failing', async () => {
    const source = new MemorySource()
    const url = source.publish(
      `${base}/f`,
      listCredential(`${base}/f`, encodeList(setEntry(zeroBits(), 3, 1)), {
        statusPurpose: ['revocation', 'refresh'],
      }),
    )
    const check = await checkOne(entry(url, '3', { statusPurpose: 'refresh' }), depsFor(source))
    assertPassed(check)
    assert.equal(check.detail?.refreshAvailable, true)
  })

  it('refuses a list shorter than 131,072 entries (STATUS_LIST_LENGTH_ERROR)', async () => {
    const source = new MemorySource()
    const url = source.publish(
      `${base}/short`,
      listCredential(`${base}/short`, encodeList(zeroBits(131_064))),
    )
    assertFailed(await checkOne(entry(url, '1'), depsFor(source)), 'status.list_too_short')
  })

  it('counts entries of the entry statusSize: 131,072 bits hold too few 2-bit entries', async () => {
    const source = new MemorySource()
    const url = source.publish(
      `${base}/m1`,
      listCredential(`${base}/m1`, encodeList(zeroBits()), { statusPurpose: 'message' }),
    )
    const statusMessage = [0, 1, 2, 3].map((i) => ({ status: `0x${i}`, message: `m${i}` }))
    const check = await checkOne(
      entry(url, '1', { statusPurpose: 'message', statusSize: 2, statusMessage }),
      depsFor(source),
    )
    assertFailed(check, 'status.list_too_short')
  })

  it('refuses a list whose purpose is not the entry purpose (STATUS_VERIFICATION_ERROR)', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    const check = await checkOne(
      entry(revocation, '1', { statusPurpose: 'suspension' }),
      depsFor(source),
    )
    assertFailed(check, 'status.purpose_mismatch')
  })

  it('refuses an index past the end of the list (RANGE_ERROR)', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    const deps = depsFor(source)
    assertFailed(await checkOne(entry(revocation, '131072'), deps), 'status.index_out_of_range')
    assertPassed(await checkOne(entry(revocation, '131071'), deps))
  })

  it('refuses a list issued by someone other than the credential issuer', async () => {
    const source = new MemorySource()
    const url = source.publish(
      `${base}/other`,
      listCredential(`${base}/other`, encodeList(zeroBits()), {
        issuer: 'did:example:someone-else',
      }),
    )
    const check = await checkOne(entry(url, '1'), depsFor(source))
    assertFailed(check, 'status.list_issuer_mismatch')
  })

  it('accepts a different list issuer only where acceptListIssuer delegates to it', async () => {
    const source = new MemorySource()
    const url = source.publish(
      `${base}/delegated`,
      listCredential(`${base}/delegated`, encodeList(zeroBits()), {
        issuer: 'did:example:registrar',
      }),
    )
    const deps = depsFor(source, {
      acceptListIssuer: (list, credential) =>
        list === 'did:example:registrar' && credential === issuer,
    })
    assertPassed(await checkOne(entry(url, '1'), deps))
  })

  it('fails closed with status.unavailable when the list cannot be fetched (STATUS_RETRIEVAL_ERROR)', async () => {
    const check = await checkOne(entry(`${base}/missing`, '1'), depsFor(new MemorySource()))
    assertFailed(check, 'status.unavailable')
    assert.match(check.message, /connection refused/)
  })

  it('fails with the verifier code when the list proof does not verify, and when it throws', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    const rejecting = depsFor(source, {
      verifyListCredential: async () => ({
        ok: false,
        code: 'status.list_signature_invalid',
        message: 'proof does not verify',
      }),
    })
    assertFailed(await checkOne(entry(revocation, '1'), rejecting), 'status.list_signature_invalid')
    const throwing = depsFor(source, {
      verifyListCredential: async () => {
        throw new Error('resolver down')
      },
    })
    assertFailed(await checkOne(entry(revocation, '1'), throwing), 'status.list_signature_invalid')
  })

  it('refuses list credentials breaking the §2.2 data model', async () => {
    const source = new MemorySource()
    const good = listCredential(`${base}/x`, encodeList(zeroBits()))
    const cases: [string, Record<string, unknown>][] = [
      ['wrong type', { ...good, type: ['VerifiableCredential'] }],
      [
        'wrong subject type',
        {
          ...good,
          credentialSubject: { ...(good.credentialSubject as object), type: 'StatusList2021' },
        },
      ],
      [
        'bad encodedList',
        {
          ...good,
          credentialSubject: { ...(good.credentialSubject as object), encodedList: 'zabc' },
        },
      ],
      [
        'negative ttl',
        { ...good, credentialSubject: { ...(good.credentialSubject as object), ttl: -1 } },
      ],
      ['not yet valid', { ...good, validFrom: '2026-03-02T00:00:00Z' }],
      ['expired', { ...good, validUntil: '2026-02-28T00:00:00Z' }],
      ['date without offset', { ...good, validFrom: '2026-02-01T00:00:00' }],
    ]
    for (const [name, credential] of cases) {
      source.publish(`${base}/x`, credential)
      assertFailed(
        await checkOne(entry(`${base}/x`, '1'), depsFor(source)),
        'status.list_invalid',
        name,
      )
    }
  })

  it('reports unsupported entry types as failures, next to the supported ones', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    const all = await checksOf(
      [entry(revocation, '1'), { type: 'StatusList2021Entry', statusListIndex: '1' }],
      depsFor(source),
    )
    assert.deepEqual(
      all.map((c) => c.code),
      [undefined, 'status.type_unsupported'],
    )
  })

  it('takes a numeric index only in lenient mode, with a warning in detail', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    assertFailed(await checkOne(entry(revocation, 7), depsFor(source)), 'status.reference_invalid')
    const lenient = await checkOne(
      entry(revocation, 7),
      depsFor(source, { allowNumericStatusListIndex: true }),
    )
    assertFailed(lenient, 'status.invalid')
    assert.match(String(lenient.detail?.warning), /JSON number/)
  })
})

describe('checkBitstringStatus caching', () => {
  it('answers from the cache without fetching again', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    const deps = depsFor(source)
    assertPassed(await checkOne(entry(revocation, '1'), deps))
    assertFailed(await checkOne(entry(revocation, '7'), deps), 'status.invalid')
    assert.equal(source.fetches.get(revocation), 1)
    assert.equal(deps.cache.size, 1)
  })

  it('shares one fetch between concurrent checks of one list', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    const deps = depsFor(source)
    await Promise.all([1, 2, 3, 4].map((i) => checkOne(entry(revocation, String(i)), deps)))
    assert.equal(source.fetches.get(revocation), 1)
  })

  it('fetches again once the list ttl has passed, and sees the new status', async () => {
    const source = new MemorySource()
    const url = `${base}/ttl`
    source.publish(url, listCredential(url, encodeList(zeroBits()), { ttl: 60_000 }))
    const clock = movableClock()
    const deps = depsFor(source, { clock })
    assertPassed(await checkOne(entry(url, '4'), deps))
    source.publish(
      url,
      listCredential(url, encodeList(setEntry(zeroBits(), 4, 1)), { ttl: 60_000 }),
    )
    clock.set(start + 59_000)
    assertPassed(await checkOne(entry(url, '4'), deps))
    assert.equal(source.fetches.get(url), 1)
    clock.set(start + 60_000)
    assertFailed(await checkOne(entry(url, '4'), deps), 'status.invalid')
    assert.equal(source.fetches.get(url), 2)
  })

  it('holds a list no longer than its validUntil, then refuses the expired copy', async () => {
    const source = new MemorySource()
    const url = `${base}/until`
    source.publish(
      url,
      listCredential(url, encodeList(zeroBits()), { validUntil: '2026-03-01T00:10:00Z' }),
    )
    const clock = movableClock()
    const deps = depsFor(source, { clock })
    assertPassed(await checkOne(entry(url, '4'), deps))
    clock.set(start + 10 * 60_000 + 61_000)
    assertFailed(await checkOne(entry(url, '4'), deps), 'status.list_invalid')
    assert.equal(source.fetches.get(url), 2)
  })

  it('does not remember failed loads', async () => {
    const source = new MemorySource()
    const url = `${base}/later`
    const deps = depsFor(source)
    assertFailed(await checkOne(entry(url, '1'), deps), 'status.unavailable')
    source.publish(url, listCredential(url, encodeList(zeroBits())))
    assertPassed(await checkOne(entry(url, '1'), deps))
  })

  it('applies the issuer rule to cached lists too', async () => {
    const source = new MemorySource()
    const { revocation } = twoLists(source)
    const deps = depsFor(source)
    assertPassed(await checkOne(entry(revocation, '1'), deps))
    const other = { ...deps, issuer: 'did:example:impostor' }
    assertFailed(await checkOne(entry(revocation, '1'), other), 'status.list_issuer_mismatch')
  })

  it('keeps no more lists than maxEntries', async () => {
    const source = new MemorySource()
    const deps = depsFor(source)
    for (let i = 0; i < 20; i++) {
      const url = source.publish(
        `${base}/n${i}`,
        listCredential(`${base}/n${i}`, encodeList(zeroBits())),
      )
      assertPassed(await checkOne(entry(url, '1'), deps))
    }
    assert.equal(deps.cache.size, 16)
  })
})
