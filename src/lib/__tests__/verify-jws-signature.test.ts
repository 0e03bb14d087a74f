import assert from 'node:assert/strict'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { describe, test } from 'node:test'
import { CompactSign } from 'jose'
import { isAllowedAlgorithm } from '../jws/is-allowed-algorithm.ts'
import { publicKeyOfJwk } from '../jws/public-key-cache.ts'
import { verifyCompactJwsSignature } from '../jws/verify-compact-jws.ts'
import {
  JwsKeyMismatch,
  supportedJwsAlgorithms,
  verifyJwsSignature,
} from '../jws/verify-jws-signature.ts'

const keyPairs: Record<string, { privateKey: KeyObject; publicKey: KeyObject }> = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  ES384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  ES512: generateKeyPairSync('ec', { namedCurve: 'P-521' }),
  PS256: generateKeyPairSync('rsa', { modulusLength: 2048 }),
  RS256: generateKeyPairSync('rsa', { modulusLength: 2048 }),
  EdDSA: generateKeyPairSync('ed25519'),
}
keyPairs.PS384 = keyPairs.PS256 as (typeof keyPairs)['PS256']
keyPairs.PS512 = keyPairs.PS256 as (typeof keyPairs)['PS256']
keyPairs.RS384 = keyPairs.RS256 as (typeof keyPairs)['RS256']
keyPairs.RS512 = keyPairs.RS256 as (typeof keyPairs)['RS256']
keyPairs.Ed25519 = keyPairs.EdDSA as (typeof keyPairs)['EdDSA']

const sign = (alg: string, key: KeyObject, payload = 'payload') =>
  new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg }).sign(key)

describe('JWS signatures on native crypto interoperate with jose', () => {
  for (const alg of supportedJwsAlgorithms) {
    test(`${alg}: a jose signature verifies; any change to input or signature fails`, async () => {
      const pair = keyPairs[alg]
      assert.ok(pair, alg)
      const jws = await sign(alg, pair.privateKey)
      assert.deepEqual(verifyCompactJwsSignature(jws, alg, pair.publicKey), { ok: true })
      const [h, p, s] = jws.split('.') as [string, string, string]
      const otherPayload = Buffer.from('payloaD').toString('base64url')
      assert.equal(
        verifyCompactJwsSignature(`${h}.${otherPayload}.${s}`, alg, pair.publicKey).ok,
        false,
      )
      const flipped = `${s.slice(0, 5)}${s[5] === 'A' ? 'B' : 'A'}${s.slice(6)}`
      assert.equal(verifyCompactJwsSignature(`${h}.${p}.${flipped}`, alg, pair.publicKey).ok, false)
    })
  }
})

describe('keys that do not fit the algorithm are refused, never tried', () => {
  test('an EC key of another curve', async () => {
    const jws = await sign('ES256', keyPairs.ES256?.privateKey as KeyObject)
    const result = verifyCompactJwsSignature(jws, 'ES256', keyPairs.ES384?.publicKey as KeyObject)
    assert.equal(result.ok === false && result.reason, 'key')
  })
  test('an RSA key for ECDSA, an EC key for EdDSA, a private key, an unknown alg', () => {
    assert.throws(
      () => verifyJwsSignature('ES256', keyPairs.RS256?.publicKey as KeyObject, 'a.b', 'c'),
      JwsKeyMismatch,
    )
    assert.throws(
      () => verifyJwsSignature('EdDSA', keyPairs.ES256?.publicKey as KeyObject, 'a.b', 'c'),
      JwsKeyMismatch,
    )
    assert.throws(
      () => verifyJwsSignature('ES256', keyPairs.ES256?.privateKey as KeyObject, 'a.b', 'c'),
      JwsKeyMismatch,
    )
    assert.throws(
      () => verifyJwsSignature('HS256', keyPairs.ES256?.publicKey as KeyObject, 'a.b', 'c'),
      JwsKeyMismatch,
    )
  })
  test('RSA keys under 2048 bits', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
    assert.throws(() => verifyJwsSignature('PS256', small.publicKey, 'a.b', 'c'), /2048/)
  })
  test('a malformed compact JWS', () => {
    const result = verifyCompactJwsSignature('a.b', 'ES256', keyPairs.ES256?.publicKey as KeyObject)
    assert.equal(result.ok === false && result.reason, 'malformed')
  })
})

test('none, MACs and unsupported algorithms are never allowed, whatever the policy lists', () => {
  const policy = { allowedAlgorithms: ['none', 'HS256', 'hs512', 'ES256', 'XX999'] }
  assert.equal(isAllowedAlgorithm('none', policy), false)
  assert.equal(isAllowedAlgorithm('HS256', policy), false)
  assert.equal(isAllowedAlgorithm('hs512', policy), false)
  assert.equal(isAllowedAlgorithm('XX999', policy), false)
  assert.equal(isAllowedAlgorithm('ES256', policy), true)
  assert.equal(isAllowedAlgorithm('ES384', policy), false)
})

test('public JWKs become cached KeyObjects from their public members only', () => {
  const jwk = keyPairs.ES256?.publicKey.export({ format: 'jwk' }) as Record<string, unknown>
  const first = publicKeyOfJwk({ ...jwk, kid: 'one' })
  const second = publicKeyOfJwk({ ...jwk, kid: 'two', use: 'sig' })
  assert.equal(first, second, 'the same key object is reused')
  assert.equal(first.type, 'public')
  assert.throws(() => publicKeyOfJwk({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'BB' }))
})
