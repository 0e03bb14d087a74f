// Fidelity of every crosswalk with an inverse: mapping there and back loses nothing marked exact (property-based).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { applyCrosswalk } from '../apply-crosswalk.ts'
import { loadCrosswalkCatalogue } from '../crosswalk-catalogue.ts'
import type { CrosswalkDocument } from '../crosswalk-document.ts'
import { readLocation } from '../json-location.ts'

const catalogue = loadCrosswalkCatalogue()
const documentOf = (id: string): CrosswalkDocument => {
  const document = catalogue.documents.get(id)
  assert.ok(document, id)
  return document
}

/** Dates the era calendar covers in the Gregorian calendar: 1873-01-01 on. */
const isoDate = fc
  .date({
    min: new Date('1873-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10))

/** Text of any script, rare kanji outside the BMP (𠮷) included, never empty. */
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
/** A name part as registers write it: no space inside (joined, it must split back). */
const namePart = fc.oneof(
  fc.constantFrom('山田', '髙橋', '𠮷田', '佐藤', 'Mustermann', 'de_Vries', 'Ōno'),
  text.filter((s) => !/\s/u.test(s)),
)
const katakana = fc
  .array(
    fc.constantFrom(
      ...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴザジズゼゾダデドバビブベボパピプペポー',
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((chars) => chars.join(''))
const alpha2 = fc.constantFrom('JP', 'DE', 'NL', 'FR', 'BE', 'US')

/** Documents of the shared vocabularies, with values of every kind their crosswalks read. */
const elmDocument = fc.record(
  {
    title: text,
    qualificationType: fc.constantFrom(
      'AssociateDegree',
      'BachelorDegree',
      'MasterDegree',
      'DoctoralDegree',
      'Certificate',
    ),
    fieldOfStudy: text,
    eqfLevel: fc.integer({ min: 1, max: 8 }).map((n) => `http://data.europa.eu/snb/eqf/${n}`),
    iscedfField: fc
      .stringMatching(/^\d{4}$/)
      .map((code) => `http://data.europa.eu/snb/isced-f/${code}`),
    awardingBody: text,
    awardingBodyCountry: alpha2,
    awardingDate: isoDate,
    creditPoints: fc.record({ value: fc.integer({ min: 0, max: 400 }), framework: fc.webUrl() }),
    learner: fc.record(
      { fullName: text, nameKana: katakana, nameLatin: text },
      { requiredKeys: ['fullName'] },
    ),
  },
  { requiredKeys: ['title'] },
)

const pidDocument = fc.record(
  {
    family_name: namePart,
    given_name: namePart,
    birth_date: isoDate,
    sex: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 9),
    resident_address: text,
    resident_country: alpha2,
    // Several nationalities are kept as a list, in order.
    nationality: fc.array(alpha2, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['family_name', 'given_name', 'birth_date'] },
)

/**
 * For each claim the first document maps exactly, the value at its term after the way there and
 * back and there again is the same value: nothing exact is lost, in either vocabulary.
 */
function assertRoundTrip(
  forward: CrosswalkDocument,
  back: CrosswalkDocument,
  start: Record<string, unknown>,
) {
  const there = applyCrosswalk(forward, start)
  const home = applyCrosswalk(back, there.target)
  const again = applyCrosswalk(forward, home.target)
  for (const claim of there.claims) {
    if (claim.outcome !== 'mapped' || claim.exactness !== 'exact') continue
    assert.deepEqual(
      readLocation(again.target, claim.term),
      claim.value,
      `${forward.id}: ${claim.term} lost on the way back through ${back.id}`,
    )
    // The source terms it was read from come back as they were.
    for (const source of claim.source) {
      const restored = readLocation(home.target, source.term)
      if (restored !== undefined)
        assert.deepEqual(restored, source.value, `${source.term} restored`)
    }
  }
}

describe('crosswalk fidelity (fast-check)', () => {
  it('every document with an inverse is paired with one that names it back', () => {
    const paired = [...catalogue.documents.values()].filter((d) => d.inverse !== undefined)
    assert.ok(paired.length >= 4, `${paired.length} documents with an inverse`)
  })

  it('ELM → Japanese academic record → ELM: exact terms survive', () => {
    const forward = documentOf('learning.elm-to-jp-academic-record')
    const back = documentOf('learning.jp-academic-record-to-elm')
    fc.assert(
      fc.property(elmDocument, (elm) => assertRoundTrip(forward, back, elm)),
      { numRuns: 300 },
    )
  })

  it('Japanese academic record → ELM → Japanese academic record: exact terms survive', () => {
    const toJp = documentOf('learning.elm-to-jp-academic-record')
    const toElm = documentOf('learning.jp-academic-record-to-elm')
    // Japanese records made from ELM documents, so that the era and Gregorian dates agree.
    fc.assert(
      fc.property(elmDocument, (elm) =>
        assertRoundTrip(toElm, toJp, applyCrosswalk(toJp, elm).target),
      ),
      { numRuns: 300 },
    )
  })

  it('EUDI PID → Japanese identity → EUDI PID: names, dates, sex and nationalities survive', () => {
    const forward = documentOf('identity.eudi-pid-to-jp-identity')
    const back = documentOf('identity.jp-identity-to-eudi-pid')
    fc.assert(
      fc.property(pidDocument, (pid) => assertRoundTrip(forward, back, pid)),
      { numRuns: 300 },
    )
  })

  it('Japanese identity → EUDI PID → Japanese identity: exact terms survive', () => {
    const toJp = documentOf('identity.eudi-pid-to-jp-identity')
    const toPid = documentOf('identity.jp-identity-to-eudi-pid')
    fc.assert(
      fc.property(pidDocument, (pid) =>
        assertRoundTrip(toPid, toJp, applyCrosswalk(toJp, pid).target),
      ),
      { numRuns: 300 },
    )
  })

  it('nothing is invented: every mapped value comes from a source term that holds a value', () => {
    for (const document of catalogue.documents.values()) {
      const { claims } = applyCrosswalk(document, {})
      for (const claim of claims)
        assert.ok(
          claim.outcome === 'absent' || claim.outcome === 'impossible',
          `${document.id} ${claim.term}`,
        )
    }
  })
})

describe('crosswalk fixtures of real-world shapes', () => {
  const toJp = documentOf('identity.eudi-pid-to-jp-identity')
  const toPid = documentOf('identity.jp-identity-to-eudi-pid')
  const jpRecord = documentOf('learning.elm-to-jp-academic-record')
  const value = (result: ReturnType<typeof applyCrosswalk>, term: string) =>
    result.claims.find((c) => c.term === term)

  it('era boundaries: 平成31年4月30日 and 令和元年5月1日, 昭和64年1月7日 and 平成元年1月8日', () => {
    const cases: [string, string][] = [
      ['2019-04-30', '平成31年4月30日'],
      ['2019-05-01', '令和元年5月1日'],
      ['1989-01-07', '昭和64年1月7日'],
      ['1989-01-08', '平成元年1月8日'],
    ]
    for (const [iso, japanese] of cases) {
      const there = applyCrosswalk(toJp, {
        family_name: '山田',
        given_name: '花子',
        birth_date: iso,
      })
      assert.equal(value(there, '/seinengappi')?.value, japanese)
      const back = applyCrosswalk(toPid, { shimei: '山田 花子', seinengappi: japanese })
      assert.equal(value(back, '/birth_date')?.value, iso)
    }
  })

  it('a partial date in a year an era changed is not exact', () => {
    const there = applyCrosswalk(jpRecord, { title: '修士', awardingDate: '2019' })
    const date = value(there, '/juyoNengappi')
    assert.equal(date?.outcome, 'mapped')
    assert.equal(date?.exactness, 'approximate')
  })

  it('rare kanji and long vowels are kept as written; a name that cannot be split is not split', () => {
    const there = applyCrosswalk(toPid, { shimei: '𠮷田 太郎', shimeiKana: 'ヨシダ タロウ' })
    assert.equal(value(there, '/family_name')?.value, '𠮷田')
    assert.equal(value(there, '/given_name')?.value, '太郎')
    const unsplit = applyCrosswalk(toPid, { shimei: '山田花子' })
    assert.equal(value(unsplit, '/family_name')?.outcome, 'unmapped')
  })

  it('a derived Latin form is marked as derived', () => {
    const toElm = documentOf('learning.jp-academic-record-to-elm')
    const there = applyCrosswalk(toElm, {
      gakui: '学士（文学）',
      shimei: '大野 裕子',
      shimeiKana: 'オオノ ユウコ',
    })
    const latin = value(there, '/learner/nameLatin')
    assert.equal(latin?.value, 'ONO YUKO')
    assert.equal(latin?.exactness, 'approximate')
    assert.match(latin?.derived ?? '', /passport Hepburn/)
  })

  it('an ELM language map gives its one text, or the English one and names the languages left out', () => {
    const edc = documentOf('learning.elm-edc-to-elm')
    const one = applyCrosswalk(edc, { credentialSubject: { fullName: { ja: '佐藤 健' } } })
    assert.equal(value(one, '/learner/fullName')?.value, '佐藤 健')
    assert.equal(value(one, '/learner/fullName')?.exactness, 'exact')
    const two = applyCrosswalk(edc, {
      credentialSubject: {
        hasClaim: { title: { ja: '修士（工学）', en: 'Master of Engineering' } },
      },
    })
    const title = value(two, '/title')
    assert.equal(title?.value, 'Master of Engineering')
    assert.equal(title?.exactness, 'approximate')
    assert.match(title?.reason ?? '', /also holds ja/)
  })

  it('several nationalities stay a list; a sex code with no 性別 counterpart is not coerced', () => {
    const there = applyCrosswalk(toJp, {
      family_name: 'Tanaka',
      given_name: 'Emma',
      birth_date: '2001-02-03',
      nationality: ['JP', 'FR'],
      sex: 9,
    })
    assert.deepEqual(value(there, '/kokuseki')?.value, ['JP', 'FR'])
    assert.equal(value(there, '/seibetsu')?.outcome, 'unmapped')
  })
})
