// The CBOR helpers: heads written by hand match cbor-x's encoding, and the scan refuses what it must.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  byteStringParts,
  decodeCbor,
  decodeCborWithEmbedded,
  decodeScannedCbor,
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

  it('accepts the tags COSE, CWT, mdoc and VICAL use', () => {
    for (const tag of [0, 1, 2, 3, 16, 17, 18, 24, 61, 96, 97, 98, 100, 1004]) {
      const content = tag === 24 ? encodeCbor(1) : tag === 2 || tag === 3 ? Buffer.of(1) : 'x'
      scanCbor(Buffer.from(encodeCbor(new Tag(content, tag))))
    }
  })

  it('refuses every other tag, those cbor-x gives a meaning of its own among them', () => {
    // 6 and 51: packed values; 27: an object built by a constructor's name; 28/29: shared
    // references; 64 and 72: typed arrays; 258: a Set; 55799: self-described CBOR.
    for (const tag of [4, 6, 21, 27, 28, 29, 32, 51, 64, 72, 256, 258, 259, 55799]) {
      const bytes = Buffer.from(encodeCbor(new Tag(['Error', 'x'], tag)))
      assert.throws(() => scanCbor(bytes), {
        code: 'cbor.malformed',
        message: new RegExp(`tag ${tag} `),
      })
      assert.throws(() => decodeCbor(bytes), { code: 'cbor.malformed' })
    }
  })
})

describe('decoding', () => {
  it('turns what cbor-x refuses into CborError', () => {
    // Two items where the caller says there are three: the library's own error is not passed on.
    const two = [Buffer.from(encodeCbor(1)), Buffer.from(encodeCbor(2)).subarray(0, 0)]
    assert.throws(() => decodeScannedSequence(two), { name: 'CborError', code: 'cbor.malformed' })
    // Truncated: an array of two holding one item.
    assert.throws(() => decodeScannedCbor(Buffer.of(0x82, 0x01)), {
      name: 'CborError',
      code: 'cbor.malformed',
    })
  })
})
