// The Disclosure rules of RFC 9901 §7.1 steps 2.4–5, on hand-made SD-JWTs.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { defaultLimits } from '../../../config.ts'
import {
  b64url,
  digestOf,
  disclosure,
  jsonB64url,
  run,
  salt,
  testIssuer,
  vcClaims,
} from './support.ts'

const issuer = testIssuer()
const decoy = (): string => digestOf(salt())

describe('_sd_alg', () => {
  test('an unknown or non-string _sd_alg → sdjwt.sd_alg_unsupported', async () => {
    for (const alg of ['md5', 'SHA-256', null, 256]) {
      const { codes, result } = await run(
        issuer.issue(vcClaims({ _sd_alg: alg })),
        issuer.options(),
      )
      assert.deepEqual(codes, ['sdjwt.sd_alg_unsupported'], String(alg))
      assert.equal(result, undefined)
    }
  })

  test('sha3-256 digests verify', async () => {
    const d = disclosure(salt(), 'given_name', 'Hanako')
    const encoded = d.encoded
    const payload = vcClaims({ _sd_alg: 'sha3-256', _sd: [digestOf(encoded, 'sha3-256')] })
    const { codes, result } = await run(issuer.issue(payload, [encoded]), issuer.options())
    assert.deepEqual(codes, [])
    assert.equal(result?.claims.given_name, 'Hanako')
    assert.equal('_sd_alg' in (result?.claims ?? {}), false)
  })
})

describe('digests in the payload', () => {
  test('`_sd` that is not an array of strings → sdjwt.digest_malformed', async () => {
    for (const sd of ['abc', [1], { a: 'b' }]) {
      const { codes } = await run(issuer.issue(vcClaims({ _sd: sd })), issuer.options())
      assert.deepEqual(codes, ['sdjwt.digest_malformed'], JSON.stringify(sd))
    }
  })

  test('an array element with `...` that is not {"...": digest} → sdjwt.digest_malformed', async () => {
    for (const element of [{ '...': decoy(), extra: 1 }, { '...': 5 }]) {
      const { codes } = await run(issuer.issue(vcClaims({ list: [element] })), issuer.options())
      assert.deepEqual(codes, ['sdjwt.digest_malformed'], JSON.stringify(element))
    }
  })

  test('decoys and undisclosed digests vanish; an emptied object stays {}', async () => {
    const payload = vcClaims({
      _sd: [decoy(), decoy()],
      address: { _sd: [decoy()] },
      list: [{ '...': decoy() }, 'kept', { '...': decoy() }],
    })
    const { codes, result } = await run(issuer.issue(payload), issuer.options())
    assert.deepEqual(codes, [])
    assert.deepEqual(result?.claims.address, {})
    assert.deepEqual(result?.claims.list, ['kept'])
    assert.equal('_sd' in (result?.claims ?? {}), false)
  })

  test('a digest listed twice → sdjwt.digest_duplicate, even a decoy', async () => {
    const d = decoy()
    const { codes } = await run(
      issuer.issue(vcClaims({ _sd: [d], list: [{ '...': d }] })),
      issuer.options(),
    )
    assert.deepEqual(codes, ['sdjwt.digest_duplicate'])
  })

  test('a digest repeated inside a disclosure → sdjwt.digest_duplicate', async () => {
    const inner = disclosure(salt(), 'locality', 'Minato')
    const outer = disclosure(salt(), 'address', { _sd: [inner.digest] })
    const payload = vcClaims({ _sd: [outer.digest, inner.digest] })
    const { codes } = await run(
      issuer.issue(payload, [outer.encoded, inner.encoded]),
      issuer.options(),
    )
    assert.deepEqual(codes, ['sdjwt.digest_duplicate'])
  })
})

describe('disclosures', () => {
  const malformed: [string, string][] = [
    ['an object', jsonB64url({ salt: 'x' })],
    ['one element', jsonB64url([salt()])],
    ['four elements', jsonB64url([salt(), 'a', 1, 2])],
    ['a numeric salt', jsonB64url([1, 'a', 'b'])],
    ['a numeric claim name', jsonB64url([salt(), 5, 'b'])],
    ['a character outside base64url', `*${jsonB64url([salt(), 'a', 'b']).slice(1)}`],
    ['not JSON', b64url('[not json')],
    ['not UTF-8', b64url(Buffer.from([0x5b, 0xff, 0xfe, 0x5d]))],
  ]
  for (const [what, encoded] of malformed) {
    test(`a disclosure that is ${what} → sdjwt.disclosure_malformed`, async () => {
      const payload = vcClaims({ _sd: [digestOf(encoded)] })
      const { codes } = await run(issuer.issue(payload, [encoded]), issuer.options())
      assert.deepEqual(codes, ['sdjwt.disclosure_malformed'])
    })
  }

  test('claim name `...` → sdjwt.reserved_claim', async () => {
    const d = disclosure(salt(), '...', 'x')
    const { codes } = await run(
      issuer.issue(vcClaims({ _sd: [d.digest] }), [d.encoded]),
      issuer.options(),
    )
    assert.deepEqual(codes, ['sdjwt.reserved_claim'])
  })

  test('an object disclosure referenced from an array → sdjwt.disclosure_shape', async () => {
    const d = disclosure(salt(), 'name', 'x')
    const payload = vcClaims({ list: [{ '...': d.digest }] })
    const { codes } = await run(issuer.issue(payload, [d.encoded]), issuer.options())
    assert.deepEqual(codes, ['sdjwt.disclosure_shape'])
  })

  test('two disclosures of one claim name at one level → sdjwt.claim_collision', async () => {
    const a = disclosure(salt(), 'given_name', 'A')
    const b = disclosure(salt(), 'given_name', 'B')
    const payload = vcClaims({ _sd: [a.digest, b.digest] })
    const { codes } = await run(issuer.issue(payload, [a.encoded, b.encoded]), issuer.options())
    assert.deepEqual(codes, ['sdjwt.claim_collision'])
  })

  test('recursive disclosures: the inner needs the outer; alone it is unreferenced', async () => {
    const inner = disclosure(salt(), 'locality', 'Minato')
    const element = disclosure(salt(), { _sd: [inner.digest], kind: 'home' })
    const outer = disclosure(salt(), 'addresses', [{ '...': element.digest }, { '...': decoy() }])
    const payload = vcClaims({ _sd: [outer.digest, decoy()] })

    const all = await run(
      issuer.issue(payload, [inner.encoded, element.encoded, outer.encoded]),
      issuer.options(),
    )
    assert.deepEqual(all.codes, [])
    assert.deepEqual(all.result?.claims.addresses, [{ kind: 'home', locality: 'Minato' }])
    const paths = all.result?.disclosures.map((d) => d.path)
    assert.deepEqual(paths, [['addresses', 0, 'locality'], ['addresses', 0], ['addresses']])

    const outerOnly = await run(issuer.issue(payload, [outer.encoded]), issuer.options())
    assert.deepEqual(outerOnly.codes, [])
    assert.deepEqual(outerOnly.result?.claims.addresses, [])

    const innerOnly = await run(issuer.issue(payload, [inner.encoded]), issuer.options())
    assert.deepEqual(innerOnly.codes, ['sdjwt.disclosure_mismatch'])
  })

  test('a claim named __proto__ stays a claim', async () => {
    const d = disclosure(salt(), '__proto__', { polluted: true })
    const { codes, result } = await run(
      issuer.issue(vcClaims({ _sd: [d.digest] }), [d.encoded]),
      issuer.options(),
    )
    assert.deepEqual(codes, [])
    assert.ok(result)
    assert.equal(Object.getPrototypeOf(result.claims), Object.prototype)
    assert.deepEqual(Object.getOwnPropertyDescriptor(result.claims, '__proto__')?.value, {
      polluted: true,
    })
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
  })

  test('a disclosure nested deeper than maxJsonDepth → input.too_large', async () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < defaultLimits.maxJsonDepth + 1; i++) deep = [deep]
    const d = disclosure(salt(), 'deep', deep)
    const { codes } = await run(
      issuer.issue(vcClaims({ _sd: [d.digest] }), [d.encoded]),
      issuer.options(),
    )
    assert.deepEqual(codes, ['input.too_large'])
  })

  test('processed claims nested deeper than maxJsonDepth through recursion → input.too_large', async () => {
    const limits = { ...defaultLimits, maxJsonDepth: 6 }
    // Each is within the limit alone (disclosure 5, payload 3); substituted, the claims reach 7.
    const inner = disclosure(salt(), 'c', { d: { e: { f: { g: 1 } } } })
    const payload = vcClaims({ a: { b: { _sd: [inner.digest] } } })
    const { codes } = await run(issuer.issue(payload, [inner.encoded]), issuer.options({ limits }))
    assert.deepEqual(codes, ['input.too_large'])
  })
})
