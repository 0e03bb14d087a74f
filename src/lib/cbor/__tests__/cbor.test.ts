// The CBOR helpers: heads written by hand match cbor-x's encoding, and the scan refuses what it must.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  byteStringParts,
  decodeCborWithEmbedded,
  decodeScannedSequence,
  encodeCbor,
  encodeEmbeddedCbor,
  scanCbor,
  Tag,
} from '../index.ts'

describe('hand-written heads', () => {
  for (const length of [0, 23, 24, 255, 256, 65_535, 65_536]) {
    it(`a byte string of ${length} bytes is encoded as cbor-x encodes it`, () => {
      const bytes = Buffer.alloc(length, 7)
      assert.deepEqual(Buffer.concat(byteStringParts(bytes)), Buffer.from(encodeCbor(bytes)))
      assert.deepEqual(
        Buffer.from(encodeEmbeddedCbor(bytes)),
        Buffer.from(encodeCbor(new Tag(bytes, 24))),
      )
    })
  }
})

describe('embedded items', () => {
  it('give back their encoding as received, even in a non-preferred length form', () => {
    // #6.24(h'a10102') with the byte string length written in two bytes instead of one.
    const received = Buffer.from('81d8185900 03a10102'.replaceAll(' ', ''), 'hex')
    const { value, embedded } = decodeCborWithEmbedded(received)
    const content = (value as Tag[])[0]?.value as Uint8Array
    assert.equal(Buffer.from(embedded.encodingOf(content)).toString('hex'), 'd818590003a10102')
  })

  it('a sequence of scanned items decodes in one call', () => {
    const items = [encodeCbor(1), encodeCbor('two'), encodeCbor(new Map([[3, 4]]))]
    assert.deepEqual(decodeScannedSequence(items), [1, 'two', new Map([[3, 4]])])
  })
})

describe('the scan', () => {
  it('accepts indefinite-length items within the limits', () => {
    scanCbor(Buffer.from([0x9f, 0x01, 0x5f, 0x41, 0x00, 0xff, 0xbf, 0x01, 0x02, 0xff, 0xff]))
  })

  it('refuses a duplicate key in a large map too', () => {
    // 40 pairs (past the byte-for-byte comparison of small maps) whose last key repeats the first.
    const keys = [...Array.from({ length: 39 }, (_, i) => i), 0]
    const pairs = keys.flatMap((key) => [
      Buffer.from(encodeCbor(key)),
      Buffer.from(encodeCbor(key)),
    ])
    const duplicate = Buffer.concat([Buffer.from([0xb8, keys.length]), ...pairs])
    assert.throws(() => scanCbor(duplicate), { code: 'cbor.duplicate_key' })
    scanCbor(Buffer.from(encodeCbor(new Map(keys.slice(0, 39).map((k) => [k, k])))))
  })

  it('refuses a break outside an indefinite-length item', () => {
    assert.throws(() => scanCbor(Buffer.from([0x81, 0xff])), { code: 'cbor.malformed' })
  })
})
