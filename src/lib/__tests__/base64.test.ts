// Strict base64: padded RFC 4648 §4 text only, as x5c, XML signatures and xs:base64Binary carry it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeBase64, isBase64url } from '../base64.ts'

describe('decodeBase64', () => {
  it('decodes padded standard base64, every padding length', () => {
    assert.deepEqual([...(decodeBase64('AQID') ?? [])], [1, 2, 3])
    assert.deepEqual([...(decodeBase64('AQI=') ?? [])], [1, 2])
    assert.deepEqual([...(decodeBase64('AQ==') ?? [])], [1])
    assert.deepEqual([...(decodeBase64('+/+/') ?? [])], [0xfb, 0xff, 0xbf])
  })

  it('refuses unpadded text, base64url, white space, misplaced padding and the empty string', () => {
    for (const text of ['AQI', 'AQ', '-_-_', 'AQ ID', 'AQ\nI=', 'A===', 'AQ=D', '=AQI', ''])
      assert.equal(decodeBase64(text), undefined, JSON.stringify(text))
  })
})

describe('isBase64url', () => {
  it('accepts unpadded base64url of any length bytes can encode to', () => {
    for (const text of ['', 'AQ', 'AQI', 'AQID', '-_-_']) assert.ok(isBase64url(text), text)
  })

  it('refuses padding, the standard alphabet’s + and /, and a length no bytes encode to', () => {
    for (const text of ['AQ==', '+/+/', 'A', 'AQIDA']) assert.equal(isBase64url(text), false, text)
  })
})
