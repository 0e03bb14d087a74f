import assert from 'node:assert/strict'
import { generateKeyPairSync, KeyObject, type webcrypto } from 'node:crypto'
import { describe, it } from 'node:test'
import { importJWK, type JWK, SignJWT } from 'jose'
import { readCorpusJson, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { defaultLimits, defaultPolicy } from '../../../config.ts'
import { fixedClock } from '../../../util/clock.ts'
import { encodeStatusList } from '../encode-status-list.ts'
import {
  type ResolveSignerKey,
  type VerifyStatusListTokenResult,
  verifyStatusListToken,
} from '../verify-status-list-token.ts'
import { newSigner, signRaw, signStatusListToken } from './status-list-fixtures.ts'

const dir = 'vectors/token-status-list'
const file = 'status_list_token.jwt.json'

interface TokenVector {
  status_list_token_jwt: string
  issuer_public_jwk: JWK
  expected: { sub: string; iat: number; exp: number; ttl: number; statuses_index_0_to_15: number[] }
}

const now = 1_750_000_000
const uri = 'https://issuer.example/status/1'
const deps = (resolveSignerKey: ResolveSignerKey, at = now) => ({
  clock: fixedClock(at * 1000),
  policy: defaultPolicy,
  limits: defaultLimits,
  resolveSignerKey,
})

function failsWith(result: VerifyStatusListTokenResult, code: string, pattern?: RegExp): void {
  assert.equal(result.ok, false, 'expected a failure')
  if (result.ok) return
  assert.equal(result.code, code, result.message)
  if (pattern) assert.match(result.message, pattern)
}

describe('verifyStatusListToken: the draft example token', () => {
  it(
    'verifies with the published key (kid 12) and decodes its list',
    skipWithoutCorpus(dir, file),
    async () => {
      const vector = readCorpusJson<TokenVector>(dir, file) as TokenVector
      const key = await importJWK(vector.issuer_public_jwk, 'ES256')
      let seenHeader: Record<string, unknown> = {}
      const result = await verifyStatusListToken(
        vector.status_list_token_jwt,
        vector.expected.sub,
        deps(async (header) => {
          seenHeader = header
          return key as webcrypto.CryptoKey
        }, vector.expected.iat + 3600),
      )
      assert.ok(result.ok, result.ok ? '' : result.message)
      assert.equal(seenHeader.kid, '12')
      assert.equal(result.value.sub, vector.expected.sub)
      assert.equal(result.value.iat, vector.expected.iat)
      assert.equal(result.value.exp, vector.expected.exp)
      assert.equal(result.value.ttl, vector.expected.ttl)
      assert.deepEqual(
        Array.from({ length: 16 }, (_, i) => result.value.list.statusAt(i)),
        vector.expected.statuses_index_0_to_15,
      )
    },
  )

  it('fails on another key and on another sub', skipWithoutCorpus(dir, file), async () => {
    const vector = readCorpusJson<TokenVector>(dir, file) as TokenVector
    const other = await newSigner()
    const at = vector.expected.iat + 3600
    failsWith(
      await verifyStatusListToken(
        vector.status_list_token_jwt,
        vector.expected.sub,
        deps(async () => other.publicKey, at),
      ),
      'status.list_signature_invalid',
    )
    const key = await importJWK(vector.issuer_public_jwk, 'ES256')
    failsWith(
      await verifyStatusListToken(
        vector.status_list_token_jwt,
        'https://example.com/statuslists/2',
        deps(async () => key as webcrypto.CryptoKey, at),
      ),
      'status.list_invalid',
      /`sub`/,
    )
  })
})

describe('verifyStatusListToken: refusals', async () => {
  const signer = await newSigner()
  const trusted: ResolveSignerKey = async () => signer.publicKey
  const verify = (token: string, at = now) => verifyStatusListToken(token, uri, deps(trusted, at))

  it('accepts a well-formed token, with a KeyObject as well as a CryptoKey', async () => {
    const token = await signStatusListToken(signer, {
      sub: uri,
      iat: now - 10,
      exp: now + 600,
      ttl: 300,
    })
    const result = await verify(token)
    assert.ok(result.ok)
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => result.value.list.statusAt(i)),
      [0, 1, 2, 3],
    )
    const viaKeyObject = await verifyStatusListToken(
      token,
      uri,
      deps(async () => KeyObject.from(signer.publicKey)),
    )
    assert.ok(viaKeyObject.ok)
  })

  it('accepts `application/statuslist+jwt` as typ', async () => {
    const token = await signStatusListToken(signer, {
      sub: uri,
      iat: now,
      typ: 'application/statuslist+jwt',
    })
    assert.ok((await verify(token)).ok)
  })

  it('refuses a wrong typ', async () => {
    for (const typ of ['JWT', 'dc+sd-jwt', 'statuslist+cwt']) {
      const token = await signStatusListToken(signer, { sub: uri, iat: now, typ })
      failsWith(await verify(token), 'status.list_invalid', /typ/)
    }
  })

  it('refuses a token for another sub, or with none', async () => {
    failsWith(
      await verify(await signStatusListToken(signer, { sub: `${uri}/other`, iat: now })),
      'status.list_invalid',
      /sub/,
    )
    failsWith(
      await verify(
        await signStatusListToken(signer, { sub: uri, iat: now, claims: { sub: undefined } }),
      ),
      'status.list_invalid',
      /sub/,
    )
  })

  it('requires iat, and refuses iat in the future', async () => {
    failsWith(
      await verify(await signStatusListToken(signer, { sub: uri })),
      'status.list_invalid',
      /iat/,
    )
    failsWith(
      await verify(await signStatusListToken(signer, { sub: uri, iat: now + 3600 })),
      'status.list_invalid',
    )
    failsWith(
      await verify(
        await signStatusListToken(signer, { sub: uri, iat: now, claims: { iat: 'yesterday' } }),
      ),
      'status.list_invalid',
    )
  })

  it('refuses an expired token, allowing the clock skew', async () => {
    const token = await signStatusListToken(signer, { sub: uri, iat: now - 7200, exp: now - 3600 })
    failsWith(await verify(token), 'status.list_invalid', /expired/)
    const justExpired = await signStatusListToken(signer, {
      sub: uri,
      iat: now - 7200,
      exp: now - 30,
    })
    assert.ok((await verify(justExpired)).ok)
  })

  it('refuses a bad ttl and a bad status_list', async () => {
    failsWith(
      await verify(await signStatusListToken(signer, { sub: uri, iat: now, claims: { ttl: -1 } })),
      'status.list_invalid',
      /ttl/,
    )
    failsWith(
      await verify(
        await signStatusListToken(signer, {
          sub: uri,
          iat: now,
          claims: { status_list: { bits: 3, lst: 'eNrbuRgAAhcBXQ' } },
        }),
      ),
      'status.list_invalid',
      /bits/,
    )
    failsWith(
      await verify(
        await signStatusListToken(signer, {
          sub: uri,
          iat: now,
          claims: { status_list: undefined },
        }),
      ),
      'status.list_invalid',
    )
  })

  it('refuses a signature by another key', async () => {
    const other = await newSigner()
    const token = await signStatusListToken(other, { sub: uri, iat: now })
    failsWith(await verify(token), 'status.list_signature_invalid', /does not verify/)
  })

  it('refuses a tampered payload', async () => {
    const token = await signStatusListToken(signer, { sub: uri, iat: now })
    const [h, , s] = token.split('.')
    const forged = Buffer.from(
      JSON.stringify({
        sub: uri,
        iat: now,
        status_list: { bits: 2, lst: encodeStatusList([0, 0, 0, 0], 2) },
      }),
    ).toString('base64url')
    failsWith(await verify(`${h}.${forged}.${s}`), 'status.list_signature_invalid')
  })

  it('refuses when the caller trusts no signer for it', async () => {
    const token = await signStatusListToken(signer, { sub: uri, iat: now })
    const result = await verifyStatusListToken(
      token,
      uri,
      deps(async () => {
        throw new Error('signer chains to another anchor')
      }),
    )
    failsWith(result, 'status.list_signature_invalid', /another anchor/)
  })

  it('refuses a private key offered as the signer key', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const token = await signStatusListToken(signer, { sub: uri, iat: now })
    failsWith(
      await verifyStatusListToken(
        token,
        uri,
        deps(async () => pair.privateKey),
      ),
      'status.list_signature_invalid',
    )
  })

  it('refuses MAC, none and algorithms outside the policy', async () => {
    const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef')
    const hs = await new SignJWT({
      sub: uri,
      iat: now,
      status_list: { bits: 1, lst: encodeStatusList([0], 1) },
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'statuslist+jwt' })
      .sign(secret)
    failsWith(await verify(hs), 'status.list_signature_invalid', /alg/)
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'statuslist+jwt' })).toString(
      'base64url',
    )
    const body = Buffer.from(JSON.stringify({ sub: uri, iat: now })).toString('base64url')
    failsWith(await verify(`${header}.${body}.`), 'status.list_signature_invalid', /alg/)
    const token = await signStatusListToken(signer, { sub: uri, iat: now })
    const narrow = { ...deps(trusted), policy: { ...defaultPolicy, allowedAlgorithms: ['EdDSA'] } }
    failsWith(
      await verifyStatusListToken(token, uri, narrow),
      'status.list_signature_invalid',
      /alg/,
    )
  })

  it('refuses text that is not a compact JWS, and payloads that are not JSON objects', async () => {
    for (const text of ['', 'a.b', 'not-a-jwt', 'a.b.c.d.e']) {
      failsWith(await verify(text), 'status.list_invalid')
    }
    failsWith(
      await verify(await signRaw(signer, new TextEncoder().encode('[1,2]'))),
      'status.list_invalid',
      /JSON object/,
    )
    failsWith(
      await verify(await signRaw(signer, Uint8Array.from([0xff, 0xfe]))),
      'status.list_invalid',
      /UTF-8/,
    )
  })
})
