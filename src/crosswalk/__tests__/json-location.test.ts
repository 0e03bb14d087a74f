// JSON Pointer reading as RFC 6901 §5 specifies, the array-entry form, and writing back.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { describeLocation, isJsonPointer, readLocation, writeLocation } from '../json-location.ts'

// RFC 6901 §5: the example document and what each pointer evaluates to.
const rfcDocument = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
}

describe('JSON Pointer (RFC 6901)', () => {
  it('evaluates every example of §5', () => {
    const cases: [string, unknown][] = [
      ['', rfcDocument],
      ['/foo', ['bar', 'baz']],
      ['/foo/0', 'bar'],
      ['/', 0],
      ['/a~1b', 1],
      ['/c%d', 2],
      ['/e^f', 3],
      ['/g|h', 4],
      ['/i\\j', 5],
      ['/k"l', 6],
      ['/ ', 7],
      ['/m~0n', 8],
    ]
    for (const [pointer, expected] of cases)
      assert.deepEqual(readLocation(rfcDocument, pointer), expected, pointer)
  })

  it('finds nothing where the document has nothing, and reads no inherited member', () => {
    assert.equal(readLocation(rfcDocument, '/foo/2'), undefined)
    assert.equal(readLocation(rfcDocument, '/foo/01'), undefined, 'a leading zero is no index')
    assert.equal(readLocation(rfcDocument, '/missing/deeper'), undefined)
    assert.equal(readLocation({}, '/constructor'), undefined)
    assert.equal(readLocation({}, '/__proto__'), undefined)
  })

  it('tells well-formed pointers from others', () => {
    assert.ok(isJsonPointer('/a~0b~1c'))
    assert.ok(isJsonPointer(''))
    assert.ok(!isJsonPointer('a/b'))
    assert.ok(!isJsonPointer('/a~2'))
    assert.ok(!isJsonPointer('/a~'))
  })
})

describe('array entries picked by their members', () => {
  const badge = {
    credentialSubject: {
      identifier: [
        { identityType: 'name', identityHash: '佐藤 健' },
        { identityType: 'ext:nameKana', identityHash: 'サトウ ケン' },
      ],
    },
  }
  const kana = {
    path: '/credentialSubject/identifier',
    match: { identityType: 'ext:nameKana' },
    value: '/identityHash',
  }

  it('reads the entry whose members match', () => {
    assert.equal(readLocation(badge, kana), 'サトウ ケン')
    assert.equal(readLocation(badge, { ...kana, match: { identityType: 'email' } }), undefined)
    assert.equal(
      describeLocation(kana),
      '/credentialSubject/identifier[identityType=ext:nameKana]/identityHash',
    )
  })

  it('writes back an entry with the matched members, and pointers through new objects', () => {
    const built: Record<string, unknown> = {}
    writeLocation(built, kana, 'サトウ ケン')
    writeLocation(built, '/credentialSubject/achievement/name', '修士（工学）')
    assert.deepEqual(built, {
      credentialSubject: {
        identifier: [{ identityType: 'ext:nameKana', identityHash: 'サトウ ケン' }],
        achievement: { name: '修士（工学）' },
      },
    })
    assert.throws(() => writeLocation({ a: 1 }, '/a/b', 2), /not an object/)
  })
})
