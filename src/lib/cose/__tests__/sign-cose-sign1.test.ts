// signCoseSign1 round-trips through parseCoseSign1 and verifyCoseSign1, for each algorithm it signs with.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import { decodeCbor, encodeCbor } from '../../cbor/index.ts'
import { CoseHeader } from '../cose-headers.ts'
import { parseCoseSign1, verifyCoseSign1 } from '../cose-sign1.ts'
import { type CoseSign1Algorithm, signCoseSign1 } from '../sign-cose-sign1.ts'

const keyPairs: Record<CoseSign1Algorithm, ReturnType<typeof generateKeyPairSync>> = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  ES384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  ES512: generateKeyPairSync('ec', { namedCurve: 'P-521' }),
  EdDSA: generateKeyPairSync('ed25519'),
}
const payload = encodeCbor(new Map([['hello', 'world']]))

describe('signCoseSign1', () => {
  for (const alg of Object.keys(keyPairs) as CoseSign1Algorithm[]) {
    it(`signs ${alg} so that verifyCoseSign1 accepts it`, () => {
      const { privateKey, publicKey } = keyPairs[alg]
      const sign1 = parseCoseSign1(decodeCbor(signCoseSign1({ payload, alg, privateKey })))
      assert.equal(sign1.alg, alg)
      assert.deepEqual(sign1.payload, payload)
      assert.equal(verifyCoseSign1(sign1, publicKey), true)
    })
  }

  it('puts one certificate of x5chain as a byte string, several as an array, unprotected', () => {
    const { privateKey } = keyPairs.ES256
    const one = parseCoseSign1(
      decodeCbor(signCoseSign1({ payload, alg: 'ES256', privateKey, x5chain: [Buffer.from([1])] })),
    )
    assert.ok(one.unprotectedHeader.get(CoseHeader.x5chain) instanceof Uint8Array)
    assert.equal(one.x5chain.length, 1)
    const two = parseCoseSign1(
      decodeCbor(
        signCoseSign1({
          payload,
          alg: 'ES256',
          privateKey,
          x5chain: [Buffer.from([1]), Buffer.from([2])],
        }),
      ),
    )
    assert.deepEqual(
      two.x5chain.map((c) => [...c]),
      [[1], [2]],
    )
    assert.equal(two.protectedHeader.has(CoseHeader.x5chain), false)
  })

  it('keeps extra protected parameters, with alg from the options', () => {
    const sign1 = parseCoseSign1(
      decodeCbor(
        signCoseSign1({
          payload,
          alg: 'ES256',
          privateKey: keyPairs.ES256.privateKey,
          protectedExtra: new Map<unknown, unknown>([
            [CoseHeader.contentType, 'application/cbor'],
            [CoseHeader.alg, -35],
          ]),
        }),
      ),
    )
    assert.equal(sign1.alg, 'ES256')
    assert.equal(sign1.protectedHeader.get(CoseHeader.contentType), 'application/cbor')
  })

  it('a changed payload or another key does not verify', () => {
    const { privateKey, publicKey } = keyPairs.ES256
    const sign1 = parseCoseSign1(decodeCbor(signCoseSign1({ payload, alg: 'ES256', privateKey })))
    const tampered = { ...sign1, payload: encodeCbor(new Map([['hello', 'there']])) }
    assert.equal(verifyCoseSign1(tampered, publicKey), false)
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey
    assert.equal(verifyCoseSign1(sign1, other), false)
  })

  it('refuses a key that does not fit the algorithm', () => {
    assert.throws(
      () => signCoseSign1({ payload, alg: 'ES256', privateKey: keyPairs.ES384.privateKey }),
      { code: 'cose.key_unsupported' },
    )
    assert.throws(
      () => signCoseSign1({ payload, alg: 'EdDSA', privateKey: keyPairs.ES256.privateKey }),
      { code: 'cose.key_unsupported' },
    )
    assert.throws(
      () =>
        signCoseSign1({
          payload,
          alg: 'RS256' as CoseSign1Algorithm,
          privateKey: keyPairs.ES256.privateKey,
        }),
      { code: 'cose.algorithm_refused' },
    )
  })
})
