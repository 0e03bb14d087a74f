// Hostile or broken input ends in a failure code, never an exception, within the configured limits.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { defaultLimits } from '../../../config.ts'
import {
  b64url,
  compact,
  disclosure,
  jsonB64url,
  keyBindingJwt,
  p256Key,
  run,
  salt,
  signEs256,
  testIssuer,
  vcClaims,
} from './support.ts'

const issuer = testIssuer()

describe('malformed input', () => {
  const cases: [string, string, string][] = [
    ['empty', '', 'sdjwt.malformed'],
    ['blank', '  \n', 'sdjwt.malformed'],
    ['garbage', 'hello, verifier', 'sdjwt.malformed'],
    ['a JWT without `~`', issuer.sign(vcClaims()), 'sdjwt.malformed'],
    ['three dots and a tilde', 'a.b.c~', 'sdjwt.malformed'],
    ['a tilde only', '~', 'sdjwt.malformed'],
    ['an empty disclosure', `${issuer.sign(vcClaims())}~~`, 'sdjwt.malformed'],
    ['whitespace inside', `${issuer.sign(vcClaims())} ~`, 'sdjwt.malformed'],
    [
      'a JWS whose payload is an array',
      `${jsonB64url({ alg: 'ES256' })}.${jsonB64url([1])}.AA~`,
      'sdjwt.malformed',
    ],
    ['a JWS with four parts', `${issuer.sign(vcClaims())}.x~`, 'sdjwt.malformed'],
    ['broken JSON serialization', '{"payload": ', 'sdjwt.malformed'],
    ['JSON without signature', JSON.stringify({ payload: 'e30' }), 'sdjwt.malformed'],
  ]
  for (const [what, input, code] of cases) {
    test(`${what} → ${code}`, async () => {
      const { codes, result, statusOf } = await run(input, issuer.options())
      assert.deepEqual(codes, [code])
      assert.equal(result, undefined)
      assert.deepEqual(statusOf('kb.binding'), ['skipped'])
    })
  }

  test('a value that is not a string → input.malformed', async () => {
    for (const input of [undefined, null, 42, {}]) {
      const { codes } = await run(input as never, issuer.options())
      assert.deepEqual(codes, ['input.malformed'])
    }
  })
})

describe('limits', () => {
  test('input larger than maxInputBytes → input.too_large', async () => {
    const huge = `${issuer.sign(vcClaims({ pad: 'x'.repeat(defaultLimits.maxInputBytes) }))}~`
    const { codes } = await run(huge, issuer.options())
    assert.deepEqual(codes, ['input.too_large'])
    const multibyte = `${'あ'.repeat(defaultLimits.maxInputBytes / 3 + 1)}~`
    assert.deepEqual((await run(multibyte, issuer.options())).codes, ['input.too_large'])
  })

  test('more disclosures than maxDisclosures → input.too_large', async () => {
    const limits = { ...defaultLimits, maxDisclosures: 3 }
    const ds = Array.from({ length: 4 }, () => disclosure(salt(), `c${salt()}`, 1))
    const input = issuer.issue(
      vcClaims({ _sd: ds.map((d) => d.digest) }),
      ds.map((d) => d.encoded),
    )
    assert.deepEqual((await run(input, issuer.options({ limits }))).codes, ['input.too_large'])
    assert.deepEqual((await run(input, issuer.options())).codes, [])
  })

  test('a payload, header or KB-JWT nested deeper than maxJsonDepth → input.too_large', async () => {
    // Built as text: 20,000 levels would overflow JSON.stringify, and must not overflow the verifier.
    const deep = `${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`
    const claimsText = `${JSON.stringify(vcClaims()).slice(0, -1)},"deep":${deep}}`
    const header = { alg: 'ES256', typ: 'dc+sd-jwt' }
    const payload = await run(
      compact(signEs256(header, b64url(claimsText), issuer.key.privateKey), []),
      issuer.options(),
    )
    assert.deepEqual(payload.codes, ['input.too_large'])
    const deepHeader = await run(
      `${b64url(deep)}.${jsonB64url(vcClaims())}.AAAA~`,
      issuer.options(),
    )
    assert.deepEqual(deepHeader.codes, ['input.too_large'])

    const holder = p256Key()
    const sdJwt = issuer.issue(vcClaims({ cnf: { jwk: holder.publicJwk } }))
    const kbJwt = `${jsonB64url({ alg: 'ES256', typ: 'kb+jwt' })}.${b64url(deep)}.AAAA`
    const kb = await run(
      sdJwt + kbJwt,
      issuer.options({ expectedNonce: 'n-1', expectedAudience: 'https://verifier.example' }),
    )
    assert.deepEqual(kb.codes, ['input.too_large'])
  })

  test('JSON serialization: too deep or too many disclosures → input.too_large', async () => {
    let deep: unknown = 1
    for (let i = 0; i < 100; i++) deep = [deep]
    const tooDeep = JSON.stringify({ payload: 'e30', protected: 'e30', signature: '', x: deep })
    assert.deepEqual((await run(tooDeep, issuer.options())).codes, ['input.too_large'])
    const limits = { ...defaultLimits, maxDisclosures: 1 }
    const [protectedPart, payload, signature] = issuer.sign(vcClaims()).split('.')
    const many = JSON.stringify({
      payload,
      protected: protectedPart,
      signature,
      header: { disclosures: ['a', 'b'] },
    })
    assert.deepEqual((await run(many, issuer.options({ limits }))).codes, ['input.too_large'])
  })
})

describe('JSON serialization', () => {
  const [protectedPart, payloadPart, signature] = issuer.sign(vcClaims()).split('.') as [
    string,
    string,
    string,
  ]

  test('flattened and general forms of a hand-made SD-JWT verify', async () => {
    const d = disclosure(salt(), 'given_name', 'Taro')
    const signed = issuer.sign(vcClaims({ _sd: [d.digest] })).split('.') as [string, string, string]
    const flattened = {
      protected: signed[0],
      payload: signed[1],
      signature: signed[2],
      header: { disclosures: [d.encoded] },
    }
    const f = await run(JSON.stringify(flattened), issuer.options())
    assert.deepEqual(f.codes, [])
    assert.equal(f.result?.claims.given_name, 'Taro')
    const general = {
      payload: signed[1],
      signatures: [
        { protected: signed[0], signature: signed[2], header: { disclosures: [d.encoded] } },
        { protected: signed[0], signature: 'AAAA', header: { kid: 'second' } },
      ],
    }
    const g = await run(JSON.stringify(general), issuer.options())
    assert.deepEqual(g.codes, [])
    assert.equal(g.result?.serialization, 'json-general')
  })

  const malformed: [string, unknown][] = [
    [
      'disclosures that are not strings',
      { protected: protectedPart, payload: payloadPart, signature, header: { disclosures: [1] } },
    ],
    [
      'a kb_jwt that is not a string',
      { protected: protectedPart, payload: payloadPart, signature, header: { kb_jwt: 1 } },
    ],
    [
      'a header that is not an object',
      { protected: protectedPart, payload: payloadPart, signature, header: [] },
    ],
    [
      'a `~` inside a disclosure',
      {
        protected: protectedPart,
        payload: payloadPart,
        signature,
        header: { disclosures: ['a~b'] },
      },
    ],
    ['empty signatures', { payload: payloadPart, signatures: [] }],
    [
      'mixed general and flattened',
      {
        payload: payloadPart,
        protected: protectedPart,
        signatures: [{ protected: protectedPart, signature }],
      },
    ],
    [
      'disclosures under a second signature',
      {
        payload: payloadPart,
        signatures: [
          { protected: protectedPart, signature },
          { protected: protectedPart, signature, header: { disclosures: [] } },
        ],
      },
    ],
  ]
  for (const [what, doc] of malformed) {
    test(`${what} → sdjwt.malformed`, async () => {
      assert.deepEqual((await run(JSON.stringify(doc), issuer.options())).codes, [
        'sdjwt.malformed',
      ])
    })
  }
})

test('random mutations of a valid presentation never throw', async () => {
  const holder = p256Key()
  const d1 = disclosure(salt(), 'given_name', 'Taro')
  const d2 = disclosure(salt(), 'family_name', 'Yamada')
  const sdJwt = compact(
    issuer.sign(vcClaims({ _sd: [d1.digest, d2.digest], cnf: { jwk: holder.publicJwk } })),
    [d1.encoded, d2.encoded],
  )
  const valid = sdJwt + keyBindingJwt(sdJwt, holder.privateKey)
  const options = issuer.options({
    expectedNonce: 'n-1',
    expectedAudience: 'https://verifier.example',
  })
  assert.deepEqual((await run(valid, options)).codes, [])

  const alphabet = 'AZaz09-_~.{}"[]'
  let seed = 7
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  for (let i = 0; i < 300; i++) {
    const chars = [...valid]
    for (let k = 0; k <= next(3); k++) {
      const at = next(chars.length)
      const op = next(3)
      const c = alphabet[next(alphabet.length)] as string
      if (op === 0) chars[at] = c
      else if (op === 1) chars.splice(at, 1)
      else chars.splice(at, 0, c)
    }
    const mutated = chars.join('')
    const { checks } = await run(mutated, options)
    assert.ok(checks.toArray().length > 0)
    if (mutated !== valid && !checks.failed) {
      // Only changes that decode to the same bytes (unused low bits of a base64url tail) may pass.
      assert.equal(mutated.length, valid.length, mutated)
    }
  }
})
