// A chain's mapping (made lazily, with exact copies read at the credential) says what mapping each step whole says (property-based).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { MappedClaim } from '../../report/meaning.ts'
import { applyCrosswalk, applyCrosswalkChain } from '../apply-crosswalk.ts'
import { loadCrosswalkCatalogue } from '../crosswalk-catalogue.ts'
import { type CrosswalkDocument, zCrosswalkDocument } from '../crosswalk-document.ts'
import { describeLocation, writeLocation } from '../json-location.ts'

const catalogue = loadCrosswalkCatalogue()
const documents = [...catalogue.documents.values()]
/** Every two documents the second of which reads what the first writes. */
const chains = documents.flatMap((first) =>
  documents.filter((second) => second.source === first.target).map((second) => [first, second]),
) as [CrosswalkDocument, CrosswalkDocument][]

const join = (first: string | undefined, second: string | undefined): string | undefined =>
  [first, second].filter((reason) => reason !== undefined && reason !== '').join('; ') || undefined

/**
 * The chain's meaning by its definition, with no laziness: the first document mapped whole, the
 * second mapped over what it wrote; each final claim sourced from the credential's own terms
 * behind the earlier claims it reads, its exactness the least of the two, their reasons joined,
 * and, absent because an earlier claim could not be mapped, that claim's outcome and reason.
 */
function chainByDefinition(
  [first, second]: [CrosswalkDocument, CrosswalkDocument],
  source: Record<string, unknown>,
): { claims: MappedClaim[]; target: Record<string, unknown> } {
  const there = applyCrosswalk(first, source)
  const earlierOf = new Map(there.claims.map((claim) => [claim.term, claim]))
  const onward = applyCrosswalk(second, there.target)
  const claims = onward.claims.map((claim): MappedClaim => {
    if (claim.outcome === 'impossible') return claim
    const earlier = claim.source.flatMap(({ term }) => earlierOf.get(term) ?? [])
    const original = earlier.flatMap((step) => step.source)
    if (claim.outcome === 'unmapped') return { ...claim, source: original }
    if (claim.outcome === 'absent') {
      const blocked = earlier.find((s) => s.outcome === 'unmapped' || s.outcome === 'impossible')
      if (blocked === undefined) return { ...claim, source: original }
      const absent: MappedClaim = { ...claim, outcome: blocked.outcome, source: original }
      if (blocked.reason !== undefined) absent.reason = blocked.reason
      return absent
    }
    const reason = join(earlier.map((s) => s.reason).reduce(join, undefined), claim.reason)
    const derived = join(earlier.map((s) => s.derived).reduce(join, undefined), claim.derived)
    const exact =
      claim.exactness === 'exact' && earlier.every((step) => step.exactness !== 'approximate')
    const mapped: MappedClaim = {
      term: claim.term,
      label: claim.label,
      outcome: 'mapped',
      value: claim.value,
      exactness: exact ? 'exact' : 'approximate',
      source: original,
    }
    if (reason !== undefined) mapped.reason = reason
    if (derived !== undefined) mapped.derived = derived
    return mapped
  })
  return { claims, target: onward.target }
}

/** Values of every kind the documents' transformations read, their tables' keys among them. */
function valuesFor(chain: readonly CrosswalkDocument[]): fc.Arbitrary<unknown> {
  const keys = chain.flatMap((document) =>
    Object.values(document.tables).flatMap((table) => table.entries.map(([key]) => key)),
  )
  return fc.oneof(
    fc.constantFrom(
      ...keys,
      'x',
      'y',
      '2019-04-30',
      '2019-05-01',
      '1989-01',
      '2025-03-25T00:00:00Z',
      '2025-03-25T09:30:00+09:00',
      '令和7年3月25日',
      '平成31年4月30日',
      'R7.3.25',
      '山田 花子',
      '山田花子',
      'ヤマダ ハナコ',
      'サトウ',
      '𠮷田',
      { ja: '学士（工学）', en: 'Bachelor of Engineering' },
      ['JP', 'DE'],
      'http://data.europa.eu/snb/eqf/6',
    ),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -2, max: 400 }),
    fc.constant(null),
    fc.boolean(),
  )
}

/** A credential with a value, or none, at each location the chain's first document reads. */
function sourceFor(chain: [CrosswalkDocument, CrosswalkDocument]): fc.Arbitrary<object> {
  const locations = [
    ...new Map(
      chain[0].claims.flatMap((claim) => claim.from.map((l) => [describeLocation(l), l] as const)),
    ).values(),
  ]
  return fc
    .array(fc.option(valuesFor(chain), { nil: undefined, freq: 3 }), {
      minLength: locations.length,
      maxLength: locations.length,
    })
    .map((values) => {
      const source: Record<string, unknown> = {}
      for (const [at, value] of values.entries()) {
        if (value === undefined) continue
        // A location under one that already holds a value of another kind stays unwritten.
        try {
          writeLocation(source, locations[at] as (typeof locations)[number], value)
        } catch {}
      }
      return source
    })
}

const label = { en: 'a term' }
const copy = { kind: 'copy' } as const
/**
 * Two documents made to hold every kind of claim a next step may read: an exact copy (read at
 * the credential), and what must not be: an approximate copy, a copy with a reason, alternatives,
 * a copy of two sources, a table, an impossible claim, a claim of two sources.
 */
const probe = (id: string, source: string, target: string, claims: object[]) =>
  zCrosswalkDocument.parse({
    id,
    version: '1.0.0',
    title: label,
    source,
    target,
    appliesTo: {},
    claims,
    tables: {
      kinds: {
        description: 'kinds',
        entries: [
          ['x', 'X'],
          ['y', 'Y'],
          [1, 'one'],
        ],
      },
    },
  })
const probeChain: [CrosswalkDocument, CrosswalkDocument] = [
  probe('test.first', 'test.credential', 'test.shared', [
    { to: '/a', from: ['/x/a'], transform: copy, exactness: 'exact', label },
    { to: '/b', from: ['/x/b'], transform: copy, exactness: 'approximate', reason: 'b', label },
    { to: '/c', from: ['/x/c1'], transform: copy, exactness: 'exact', label },
    { to: '/c', from: ['/x/c2'], transform: copy, exactness: 'exact', label },
    { to: '/d/e', from: ['/x/e'], transform: copy, exactness: 'exact', label },
    { to: '/d/k', from: ['/x/d/k'], transform: copy, exactness: 'exact', label },
    { to: '/m', from: ['/x/m1', '/x/m2'], transform: copy, exactness: 'exact', label },
    { to: '/f', from: ['/x/f'], transform: copy, exactness: 'exact', reason: 'f', label },
    {
      to: '/g',
      from: [{ path: '/x/list', match: { kind: 'g' }, value: '/value' }],
      transform: copy,
      exactness: 'exact',
      label,
    },
    {
      to: '/h',
      from: ['/x/h'],
      transform: { kind: 'table', table: 'kinds' },
      exactness: 'exact',
      label,
    },
    { to: '/i', exactness: 'impossible', reason: 'no such thing', label },
    {
      to: '/j',
      from: ['/x/j1', '/x/j2'],
      transform: { kind: 'join-name' },
      exactness: 'exact',
      label,
    },
  ]),
  probe(
    'test.second',
    'test.shared',
    'test.target',
    [...'abcfghijm']
      .flatMap((term): object[] => [
        { to: `/${term}`, from: [`/${term}`], transform: copy, exactness: 'exact', label },
        {
          to: `/${term}`,
          from: [`/${term}`],
          transform: { kind: 'table', table: 'kinds' },
          exactness: 'approximate',
          reason: `${term} by table`,
          label,
        },
      ])
      .concat([
        // The whole of what two exact copies wrote: read in the first step's target, not directly.
        { to: '/dd', from: ['/d'], transform: copy, exactness: 'exact', label },
        { to: '/de', from: ['/d/e'], transform: copy, exactness: 'exact', label },
        {
          to: '/ab',
          from: ['/a', '/b'],
          transform: { kind: 'join-name' },
          exactness: 'exact',
          label,
        },
        {
          to: '/ag',
          from: ['/a', '/g'],
          transform: { kind: 'join-name' },
          exactness: 'exact',
          label,
        },
        { to: '/z', from: ['/nothing/written'], transform: copy, exactness: 'exact', label },
      ]),
  ),
]

describe('a chain of crosswalks', () => {
  it('a document may not write one term within another', () => {
    assert.throws(
      () =>
        probe('test.within', 'test.credential', 'test.shared', [
          { to: '/d', from: ['/x/d'], transform: copy, exactness: 'exact', label },
          { to: '/d/e', from: ['/x/e'], transform: copy, exactness: 'exact', label },
        ]),
      /writes within the term of claim 0/,
    )
    assert.throws(
      () =>
        probe('test.whole', 'test.credential', 'test.shared', [
          { to: '', from: ['/x'], transform: copy, exactness: 'exact', label },
        ]),
      /not the whole document/,
    )
  })

  it('is mapped through every pair of shipped documents that read each other', () => {
    assert.ok(chains.length >= 4, `${chains.length} chains`)
  })

  for (const chain of [...chains, probeChain])
    it(`${chain[0].id} → ${chain[1].id}: the same claims and target as each step mapped whole`, () => {
      fc.assert(
        fc.property(sourceFor(chain), (source) => {
          const expected = chainByDefinition(chain, source as Record<string, unknown>)
          const mapped = applyCrosswalkChain(chain, source as Record<string, unknown>)
          assert.deepEqual(mapped.claims, expected.claims)
          assert.deepEqual(mapped.target, expected.target)
          const claimsOnly = applyCrosswalkChain(chain, source as Record<string, unknown>, {
            target: false,
          })
          assert.deepEqual(claimsOnly.claims, expected.claims)
        }),
        { numRuns: 300 },
      )
    })
})
