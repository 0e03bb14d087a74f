// One document's mapping, claim kind by claim kind, against what the document says by hand.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyCrosswalk } from '../apply-crosswalk.ts'
import { zCrosswalkDocument } from '../crosswalk-document.ts'

const label = { en: 'a term' }
const copy = { kind: 'copy' } as const
const document = zCrosswalkDocument.parse({
  id: 'test.kinds',
  version: '1.0.0',
  title: label,
  source: 'test.credential',
  target: 'test.target',
  appliesTo: {},
  claims: [
    { to: '/exact', from: ['/a'], transform: copy, exactness: 'exact', label },
    {
      to: '/approximate',
      from: ['/b'],
      transform: copy,
      exactness: 'approximate',
      reason: 'b says less',
      label,
    },
    { to: '/noted', from: ['/c'], transform: copy, exactness: 'exact', reason: 'c noted', label },
    { to: '/absent', from: ['/missing'], transform: copy, exactness: 'exact', label },
    { to: '/first', from: ['/missing'], transform: copy, exactness: 'exact', label },
    {
      to: '/first',
      from: ['/a'],
      transform: copy,
      exactness: 'approximate',
      reason: 'the second choice',
      label,
    },
    {
      to: '/picked',
      from: [{ path: '/list', match: { kind: 'k' }, value: '/value' }],
      transform: copy,
      exactness: 'exact',
      label,
    },
    {
      to: '/kind',
      from: ['/d'],
      transform: { kind: 'table', table: 'kinds' },
      exactness: 'exact',
      label,
    },
    {
      to: '/unknown',
      from: ['/e'],
      transform: { kind: 'table', table: 'kinds' },
      exactness: 'exact',
      label,
    },
    { to: '/never', exactness: 'impossible', reason: 'no such thing', label },
    {
      to: '/name',
      from: ['/family', '/given'],
      transform: { kind: 'join-name' },
      exactness: 'exact',
      label,
    },
    { to: '/both', from: ['/a', '/missing'], transform: copy, exactness: 'exact', label },
  ],
  tables: { kinds: { description: 'kinds', entries: [['x', 'X']] } },
})

const credential = {
  a: 'A',
  b: 0,
  c: false,
  d: 'x',
  e: 'z',
  family: '山田',
  given: '太郎',
  list: [
    { kind: 'j', value: 1 },
    { kind: 'k', value: { v: 2 } },
  ],
}

describe('applyCrosswalk, one document', () => {
  const { claims, target } = applyCrosswalk(document, credential)
  const claim = (term: string) => claims.find((c) => c.term === term)

  it('maps an exact copy, with no reason, and writes it', () => {
    assert.deepEqual(claim('/exact'), {
      term: '/exact',
      label,
      outcome: 'mapped',
      value: 'A',
      exactness: 'exact',
      source: [{ term: '/a', value: 'A' }],
    })
    assert.equal(target.exact, 'A')
  })

  it('keeps the reason of an approximate copy, and of an exact one that has one; falsy values are values', () => {
    assert.deepEqual(claim('/approximate'), {
      term: '/approximate',
      label,
      outcome: 'mapped',
      value: 0,
      exactness: 'approximate',
      reason: 'b says less',
      source: [{ term: '/b', value: 0 }],
    })
    assert.deepEqual(claim('/noted'), {
      term: '/noted',
      label,
      outcome: 'mapped',
      value: false,
      exactness: 'exact',
      reason: 'c noted',
      source: [{ term: '/c', value: false }],
    })
  })

  it('says absent, naming the term it looked for, and writes nothing', () => {
    assert.deepEqual(claim('/absent'), {
      term: '/absent',
      label,
      outcome: 'absent',
      source: [{ term: '/missing' }],
    })
    assert.equal('absent' in target, false)
  })

  it('takes the first alternative that maps, with its own exactness and reason', () => {
    assert.deepEqual(claim('/first'), {
      term: '/first',
      label,
      outcome: 'mapped',
      value: 'A',
      exactness: 'approximate',
      reason: 'the second choice',
      source: [{ term: '/a', value: 'A' }],
    })
    assert.equal(claims.filter((c) => c.term === '/first').length, 1)
  })

  it('reads an array entry by its members', () => {
    assert.deepEqual(claim('/picked')?.value, { v: 2 })
    assert.deepEqual(claim('/picked')?.source, [{ term: '/list[kind=k]/value', value: { v: 2 } }])
  })

  it('maps by a table, and says unmapped for a value the table lacks', () => {
    assert.equal(claim('/kind')?.value, 'X')
    assert.equal(claim('/unknown')?.outcome, 'unmapped')
    assert.match(claim('/unknown')?.reason ?? '', /"z" has no counterpart in kinds/)
    assert.equal('unknown' in target, false)
  })

  it('says impossible with the reason, reading nothing', () => {
    assert.deepEqual(claim('/never'), {
      term: '/never',
      label,
      outcome: 'impossible',
      reason: 'no such thing',
      source: [],
    })
  })

  it('joins a name of two sources, each named in the source', () => {
    assert.equal(claim('/name')?.value, '山田 太郎')
    assert.deepEqual(claim('/name')?.source, [
      { term: '/family', value: '山田' },
      { term: '/given', value: '太郎' },
    ])
  })

  it('copies the first of two sources, naming the absent one too', () => {
    assert.equal(claim('/both')?.value, 'A')
    assert.deepEqual(claim('/both')?.source, [{ term: '/a', value: 'A' }, { term: '/missing' }])
  })
})
