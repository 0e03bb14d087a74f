// Bitstring expansion: the spec example and the shared DCC and 1EdTech lists, bit order, bounds and refusals.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { deflateSync, gzipSync } from 'node:zlib'
import { readCorpusJson, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { type Bitstring, expandBitstring } from '../expand-bitstring.ts'
import { encodeList, setEntry, zeroBits } from './bitstring-fixtures.ts'

const options = { maxInflatedBytes: 1024 * 1024 }
const vectors = ['vectors', 'bitstring-status-list'] as const

function expand(encodedList: unknown): Bitstring {
  const result = expandBitstring(encodedList, options)
  assert.ok(result.ok, result.ok ? '' : result.message)
  return result.bitstring
}

function setBits(bitstring: Bitstring): number[] {
  const set: number[] = []
  for (let i = 0; i < bitstring.bitLength; i++)
    if (bitstring.valueAt(BigInt(i), 1) === 1) set.push(i)
  return set
}

function refusal(encodedList: unknown, maxInflatedBytes = options.maxInflatedBytes): string {
  const result = expandBitstring(encodedList, { maxInflatedBytes })
  assert.equal(result.ok, false)
  if (result.ok) throw new Error('unreachable')
  assert.equal(result.code, 'status.list_invalid')
  return result.message
}

describe('expandBitstring against the shared vectors', () => {
  it(
    'expands the Recommendation example to 131,072 zero bits (index 94567 is 0)',
    skipWithoutCorpus(...vectors, 'w3c_spec_example_encodedList.json'),
    () => {
      const vector = readCorpusJson<{
        encodedList: string
        expected: { bit_length: number; status_at_94567: number }
      }>(...vectors, 'w3c_spec_example_encodedList.json')
      assert.ok(vector)
      const bitstring = expand(vector.encodedList)
      assert.equal(bitstring.bitLength, vector.expected.bit_length)
      assert.deepEqual(setBits(bitstring), [])
      assert.equal(bitstring.valueAt(94567n, 1), vector.expected.status_at_94567)
    },
  )

  for (const name of ['dcc_list_decoded.json', '1edtech_testlist_decoded.json']) {
    it(
      `expands ${name}'s list with exactly the bits MANIFEST lists set (most significant bit first)`,
      skipWithoutCorpus(...vectors, name),
      () => {
        const vector = readCorpusJson<{
          status_list_credential_file: string
          expected: { bit_length: number; set_bits: number[] }
        }>(...vectors, name)
        assert.ok(vector)
        const file = vector.status_list_credential_file.replace(/^\.\.\//, '')
        const credential = readCorpusJson<{ credentialSubject: { encodedList: string } }>(
          'vectors',
          ...file.split('/'),
        )
        assert.ok(credential, `corpus file ${file}`)
        const bitstring = expand(credential.credentialSubject.encodedList)
        assert.equal(bitstring.bitLength, vector.expected.bit_length)
        assert.deepEqual(setBits(bitstring), vector.expected.set_bits)
      },
    )
  }
})

describe('expandBitstring', () => {
  it('reads index 0 from the left-most bit of the first byte (0x80), not the low bit', () => {
    const bytes = zeroBits(16)
    bytes[0] = 0x80
    bytes[1] = 0x01
    const bitstring = expand(encodeList(bytes))
    assert.deepEqual(setBits(bitstring), [0, 15])
  })

  it('reads multi-bit entries with their first bit most significant', () => {
    const bytes = setEntry(setEntry(zeroBits(16), 1, 0b10, 2), 2, 0b01, 2)
    assert.equal(bytes[0], 0b0010_0100)
    const bitstring = expand(encodeList(bytes))
    assert.equal(bitstring.valueAt(2n, 2), 0b10)
    assert.equal(bitstring.valueAt(4n, 2), 0b01)
    assert.equal(bitstring.valueAt(0n, 2), 0)
  })

  it('answers undefined for bits outside the bitstring, including a huge index', () => {
    const bitstring = expand(encodeList(zeroBits(16)))
    assert.equal(bitstring.valueAt(15n, 1), 0)
    assert.equal(bitstring.valueAt(16n, 1), undefined)
    assert.equal(bitstring.valueAt(15n, 2), undefined)
    assert.equal(bitstring.valueAt(10n ** 30n, 1), undefined)
  })

  it('refuses a GZIP bomb: a list inflating past the limit is not inflated', () => {
    const bomb = `u${gzipSync(new Uint8Array(4 * 1024 * 1024)).toString('base64url')}`
    assert.ok(bomb.length < 8 * 1024, 'the compressed list is small')
    assert.match(refusal(bomb, 64 * 1024), /inflates past 65536 bytes/)
  })

  it('refuses a list without the multibase `u` prefix', () => {
    const unprefixed = gzipSync(zeroBits()).toString('base64url')
    assert.match(refusal(unprefixed), /multibase/)
    assert.match(refusal(`z${unprefixed}`), /multibase/)
  })

  it('refuses padding and characters outside base64url', () => {
    const encoded = encodeList(zeroBits())
    assert.match(refusal(`${encoded}==`), /base64url/)
    assert.match(refusal(`${encoded.slice(0, 10)}+/${encoded.slice(12)}`), /base64url/)
    assert.match(refusal('u'), /base64url/)
  })

  it('refuses zlib (RFC 1950) data: only GZIP is a Bitstring Status List', () => {
    assert.match(refusal(`u${deflateSync(zeroBits()).toString('base64url')}`), /not GZIP/)
  })

  it('refuses a non-string encodedList', () => {
    assert.match(refusal(42), /not a string/)
  })
})
