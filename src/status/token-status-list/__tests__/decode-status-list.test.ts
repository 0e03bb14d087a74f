import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { readCorpusJson, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { decodeStatusList, type StatusList } from '../decode-status-list.ts'
import { encodeStatusList } from '../encode-status-list.ts'
import type { StatusListBits } from '../status-types.ts'

const dir = 'vectors/token-status-list'
const limits = { maxInflatedBytes: 16 * 1024 * 1024 }

interface Vector {
  bits: StatusListBits
  status_list_json: { bits: number; lst: string }
  decompressed_byte_length: number
  expected_nonzero_statuses: Record<string, number>
  spec_listed_statuses: Record<string, number>
}

function decodeOk(statusList: unknown, maxInflatedBytes = limits.maxInflatedBytes): StatusList {
  const result = decodeStatusList(statusList, { maxInflatedBytes })
  assert.ok(result.ok, result.ok ? '' : result.message)
  return result.list
}

describe('decodeStatusList: draft-ietf-oauth-status-list vectors', () => {
  for (const file of [
    'tsl_1bit_16.json',
    'tsl_2bit_12.json',
    'tsl_1bit_long.json',
    'tsl_2bit_long.json',
    'tsl_4bit_long.json',
    'tsl_8bit_long.json',
  ]) {
    it(file, skipWithoutCorpus(dir, file), () => {
      const vector = readCorpusJson<Vector>(dir, file) as Vector
      const list = decodeOk(vector.status_list_json)
      assert.equal(list.bits, vector.bits)
      assert.equal(list.size, (vector.decompressed_byte_length * 8) / vector.bits)
      for (const [idx, status] of Object.entries(vector.spec_listed_statuses)) {
        assert.equal(list.statusAt(Number(idx)), status, `spec-listed index ${idx}`)
      }
      // Every entry: the listed non-zero ones, and 0 everywhere else.
      const nonZero = new Map(
        Object.entries(vector.expected_nonzero_statuses).map(([k, v]) => [Number(k), v]),
      )
      let seen = 0
      for (let idx = 0; idx < list.size; idx++) {
        const status = list.statusAt(idx)
        const expected = nonZero.get(idx) ?? 0
        if (status !== expected) assert.fail(`index ${idx}: ${status} !== ${expected}`)
        if (status !== 0) seen++
      }
      assert.equal(seen, nonZero.size)
      assert.equal(list.statusAt(list.size), undefined)
    })
  }

  it('the 2^20-entry lists hold 2^20 entries', skipWithoutCorpus(dir, 'tsl_4bit_long.json'), () => {
    for (const file of ['tsl_1bit_long.json', 'tsl_2bit_long.json', 'tsl_4bit_long.json']) {
      const vector = readCorpusJson<Vector>(dir, file) as Vector
      assert.equal(decodeOk(vector.status_list_json).size, 2 ** 20, file)
    }
  })
})

describe('decodeStatusList: bit order and refusals', () => {
  it('reads the spec example bytes B9 A3 least-significant bit first', () => {
    const lst = deflateSync(Buffer.from([0xb9, 0xa3])).toString('base64url')
    const list = decodeOk({ bits: 1, lst })
    assert.deepEqual(
      Array.from({ length: 16 }, (_, i) => list.statusAt(i)),
      [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1],
    )
  })

  it('returns undefined for indexes that are not entries', () => {
    const list = decodeOk({ bits: 2, lst: deflateSync(Buffer.from([0xff])).toString('base64url') })
    assert.equal(list.size, 4)
    for (const idx of [-1, 4, 1.5, Number.NaN, 2 ** 60]) assert.equal(list.statusAt(idx), undefined)
  })

  const refused: Array<[string, unknown]> = [
    ['not an object', 'eNrbuRgAAhcBXQ'],
    ['bits 3', { bits: 3, lst: 'eNrbuRgAAhcBXQ' }],
    ['bits as string', { bits: '1', lst: 'eNrbuRgAAhcBXQ' }],
    ['no lst', { bits: 1 }],
    ['empty lst', { bits: 1, lst: '' }],
    ['standard base64 alphabet', { bits: 1, lst: 'eNrb+RgAAhcBXQ==' }],
    ['not zlib', { bits: 1, lst: 'AAAAAAAA' }],
    [
      'raw DEFLATE without zlib header',
      { bits: 1, lst: deflateRawSync(Buffer.from([1])).toString('base64url') },
    ],
    ['gzip instead of zlib', { bits: 1, lst: gzipSync(Buffer.from([1])).toString('base64url') }],
  ]
  for (const [name, input] of refused) {
    it(`refuses ${name} with status.list_invalid`, () => {
      const result = decodeStatusList(input, limits)
      assert.equal(result.ok, false)
      assert.equal(!result.ok && result.code, 'status.list_invalid')
    })
  }

  it('refuses a list that inflates past the limit', () => {
    const bomb = deflateSync(Buffer.alloc(1024 * 1024)).toString('base64url')
    assert.ok(bomb.length < 2048)
    const result = decodeStatusList({ bits: 1, lst: bomb }, { maxInflatedBytes: 64 * 1024 })
    assert.equal(result.ok, false)
    assert.match(!result.ok ? result.message : '', /inflates past 65536 bytes/)
    assert.ok(decodeStatusList({ bits: 1, lst: bomb }, { maxInflatedBytes: 1024 * 1024 }).ok)
  })
})

describe('encodeStatusList', () => {
  for (const bits of [1, 2, 4, 8] as const) {
    it(`round-trips ${bits}-bit statuses`, () => {
      const statuses = Array.from({ length: 1001 }, (_, i) => (i * 7 + (i >> 3)) % 2 ** bits)
      const lst = encodeStatusList(statuses, bits)
      assert.match(lst, /^[A-Za-z0-9_-]+$/)
      const list = decodeOk({ bits, lst })
      assert.equal(list.bits, bits)
      assert.equal(list.size, Math.ceil((1001 * bits) / 8) * (8 / bits))
      for (const [i, status] of statuses.entries()) {
        assert.equal(list.statusAt(i), status, `index ${i}`)
      }
      for (let i = statuses.length; i < list.size; i++) assert.equal(list.statusAt(i), 0)
    })
  }

  it('produces the spec example bytes and accepts a Uint8Array', () => {
    const statuses = Uint8Array.from([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1])
    const list = decodeOk({ bits: 1, lst: encodeStatusList(statuses, 1) })
    assert.equal(list.size, 16)
    assert.equal(list.statusAt(0), 1)
    assert.equal(list.statusAt(15), 1)
    assert.equal(list.statusAt(14), 0)
  })

  it('refuses statuses that do not fit the bit width, and bad widths', () => {
    assert.throws(() => encodeStatusList([2], 1), RangeError)
    assert.throws(() => encodeStatusList([16], 4), RangeError)
    assert.throws(() => encodeStatusList([-1], 8), RangeError)
    assert.throws(() => encodeStatusList([0.5], 8), RangeError)
    assert.throws(() => encodeStatusList([0], 3 as StatusListBits), RangeError)
  })
})
