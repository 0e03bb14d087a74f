// Recognition rules from a LOTL pointer's MRA extension: read from the EU pilot, derived from a bare block, and refused when the block contradicts Kakehashi's copy.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { corpusPath, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { type RecognitionRule, zRecognitionRule } from '../../../model/index.ts'
import {
  readMutualRecognitionRules,
  rulesFromMutualRecognition,
} from '../mutual-recognition-rules.ts'
import { readOtherTSLPointer } from '../parse-other-tsl-pointer.ts'
import { parseTrustedList } from '../parse-trusted-list.ts'
import { readTrustedList } from '../read-trusted-list.ts'
import type {
  MutualRecognitionAgreementInformation,
  OtherTSLPointer,
  TrustServiceEquivalenceInformation,
} from '../trusted-list-types.ts'
import { writeMutualRecognitionPointer } from '../write-mutual-recognition.ts'
import {
  POINTER_OPTIONS,
  pointerElement,
  rulesBetween,
  writeAndParse,
} from './mutual-recognition-fixtures.ts'

const LOTL = ['etsi-tl-mra', 'mra-lotl.xml'] as const
const ZZ_TL = ['etsi-tl-mra', 'mra-zz-tl.xml'] as const
const ZZ_LOCATION =
  'https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_tl_zz.xml'
const MRA = 'http://ec.europa.eu/tools/lotl/mra/'

const withMra = (pointers: OtherTSLPointer[]): OtherTSLPointer[] =>
  pointers.filter((pointer) => pointer.mutualRecognitionAgreementInformation !== undefined)

describe('the EU pilot LOTL, read as recognition rules', skipWithoutCorpus(...LOTL), () => {
  let pointer: OtherTSLPointer

  before(async () => {
    const lotl = await readTrustedList(readFileSync(corpusPath(...LOTL) as string))
    ;[pointer] = withMra(lotl.list.schemeInformation.pointersToOtherTSL) as [OtherTSLPointer]
  })

  it('gives one rule: eIDAS qualified services recognise the third country’s for QCForESig', () => {
    const result = readMutualRecognitionRules(pointer, { sourceId: 'eu.lotl' })
    assert.equal(result.origin, 'mra')
    assert.equal(result.rules.length, 1)
    const [rule] = result.rules as [RecognitionRule]
    assert.match(rule.id, /^eu\.lotl:mra:[0-9a-f]{20}$/)
    assert.deepEqual(
      { ...rule, id: undefined },
      {
        id: undefined,
        recognisingFrameworkId: 'eu.eidas.qualified',
        // The pointer's SchemeTerritory (XX), not the list's own (ZZ).
        recognisedFrameworkId: 'xx.tl.qualified',
        credentialTypes: ['QCForESig'],
        levelMapping: {},
        legalBasis:
          `Mutual recognition agreement read from the MRA extension of the LOTL's pointer to ` +
          `${ZZ_LOCATION}: the legislation uri/.../ (pointing party) recognises QCForESig trust ` +
          'services under the legislation uri/.../ (pointed party).',
        validFrom: '2020-05-16T23:59:59.000Z',
        sourceId: 'eu.lotl',
      },
    )
    assert.deepEqual(zRecognitionRule.parse(rule), rule)
  })

  it('keeps the service-type, status and qualifier equivalences next to the rule', () => {
    const { equivalences, ignored } = readMutualRecognitionRules(pointer)
    assert.deepEqual(ignored, [])
    const [equivalence] = equivalences[0] as [TrustServiceEquivalenceInformation]
    assert.deepEqual(equivalence.trustServiceTSLTypeEquivalenceList.pointedParty, [
      {
        serviceTypeIdentifier: 'http://zz-trusted-list.go.zz/TrstSvc/Svctype/CA/QC/for-eSig',
        additionalServiceInformation: [],
      },
    ])
    assert.equal(
      equivalence.trustServiceTSLQualificationExtensionEquivalenceList[0]?.qualifierEquivalence
        .length,
      8,
    )
  })

  it('derives the same id every time, and another for another list location', () => {
    const [first] = rulesFromMutualRecognition(pointer)
    const [again] = rulesFromMutualRecognition(pointer)
    const [moved] = rulesFromMutualRecognition({ ...pointer, tslLocation: `${ZZ_LOCATION}?v=2` })
    assert.equal(first?.id, again?.id)
    assert.match(first?.id ?? '', /^mra:[0-9a-f]{20}$/)
    assert.notEqual(first?.id, moved?.id)
  })

  it('takes the frameworks it is given', () => {
    const [rule] = rulesFromMutualRecognition(pointer, {
      recognisingFrameworkId: 'eu.pilot',
      recognisedFrameworkId: 'zz.pilot',
    })
    assert.deepEqual(
      [rule?.recognisingFrameworkId, rule?.recognisedFrameworkId],
      ['eu.pilot', 'zz.pilot'],
    )
  })
})

describe('the ZZ list’s reciprocal block', skipWithoutCorpus(...ZZ_TL), () => {
  it('gives no rule: its status URIs are ZZ’s own, which no EU tool knows as enacted', () => {
    const list = parseTrustedList(readFileSync(corpusPath(...ZZ_TL) as string))
    const [pointer] = withMra(list.schemeInformation.pointersToOtherTSL) as [OtherTSLPointer]
    const result = readMutualRecognitionRules(pointer, {
      recognisingFrameworkId: 'zz.tl.qualified',
      recognisedFrameworkId: 'eu.eidas.qualified',
    })
    assert.deepEqual(result.rules, [])
    assert.equal(result.ignored.length, 1)
  })
})

describe('rules derived from a block without Kakehashi rules', () => {
  const bare = (rules: RecognitionRule[], atMs = POINTER_OPTIONS.atMs): OtherTSLPointer => ({
    ...writeAndParse(rules, { ...POINTER_OPTIONS, atMs }),
    otherInformation: [],
  })
  const [expired, open] = rulesBetween('eu.academic', 'jp.academic').slice(1) as [
    RecognitionRule,
    RecognitionRule,
  ]

  it('reads a repealed equivalence as a rule that ended at the repeal', () => {
    const rules = rulesFromMutualRecognition(bare([expired]))
    assert.deepEqual(
      rules.map((rule) => [
        rule.credentialTypes,
        rule.validFrom,
        rule.validUntil,
        rule.recognisedFrameworkId,
      ]),
      [
        [
          ['urn:kakehashi:sandbox:jp.diploma:1'],
          '2024-12-31T15:00:00.000Z',
          '2025-12-31T23:59:59.000Z',
          'jp.tl.qualified',
        ],
      ],
    )
    assert.deepEqual(rules[0]?.levelMapping, {})
  })

  it('gives a repealed equivalence without an enactment in its history no time in force', () => {
    const pointer = bare([expired])
    const agreement =
      pointer.mutualRecognitionAgreementInformation as MutualRecognitionAgreementInformation
    for (const entry of agreement.trustServiceEquivalenceInformation)
      entry.trustServiceEquivalenceHistory = []
    const [rule] = rulesFromMutualRecognition(pointer)
    assert.equal(rule?.validFrom, '2025-12-31T23:59:59.000Z')
    assert.equal(rule?.validUntil, '2025-12-31T23:59:59.000Z')
  })

  it('makes one rule per legal identifier, and one per window when an identifier has several', () => {
    const later = { ...open, id: 'sample.later', validFrom: '2027-01-01T00:00:00Z' }
    const rules = rulesFromMutualRecognition(bare([open, later]))
    assert.deepEqual(
      rules.map((rule) => [rule.credentialTypes[0], rule.validFrom]),
      [
        ['OpenBadgeCredential', '2026-04-01T00:00:00.250Z'],
        ['OpenBadgeCredential', '2027-01-01T00:00:00.000Z'],
        ['urn:kakehashi:sandbox:jp.micro:1', '2026-04-01T00:00:00.250Z'],
        ['urn:kakehashi:sandbox:jp.micro:1', '2027-01-01T00:00:00.000Z'],
      ],
    )
    assert.equal(new Set(rules.map((rule) => rule.id)).size, 4)
  })

  it('ignores an equivalence whose status is neither enacted nor repealed', () => {
    const pointer = bare([open])
    const agreement =
      pointer.mutualRecognitionAgreementInformation as MutualRecognitionAgreementInformation
    const [first] = agreement.trustServiceEquivalenceInformation as [
      TrustServiceEquivalenceInformation,
    ]
    first.trustServiceEquivalenceStatus = 'http://example.org/mra/enacted'
    const result = readMutualRecognitionRules(pointer)
    assert.deepEqual(result.ignored, [first])
    assert.deepEqual(
      result.rules.map((rule) => rule.credentialTypes),
      [['urn:kakehashi:sandbox:jp.micro:1']],
    )
  })

  it('refuses to name the recognised framework without a SchemeTerritory', () => {
    const { schemeTerritory: _, ...pointer } = bare([open])
    assert.throws(() => rulesFromMutualRecognition(pointer), { code: 'tl.not_conformant' })
    assert.equal(
      rulesFromMutualRecognition(pointer, { recognisedFrameworkId: 'jp.academic' })[0]
        ?.recognisedFrameworkId,
      'jp.academic',
    )
  })

  it('gives nothing for a pointer with neither', () => {
    const pointer = { ...bare([open]), mutualRecognitionAgreementInformation: undefined }
    assert.deepEqual(readMutualRecognitionRules(pointer), {
      origin: 'none',
      rules: [],
      equivalences: [],
      ignored: [],
    })
  })
})

describe('a block that disagrees with the Kakehashi rules beside it', () => {
  const rules = rulesBetween('eu.academic', 'jp.academic')
  const xml = writeMutualRecognitionPointer(rules, POINTER_OPTIONS)
  const read = (text: string) =>
    readMutualRecognitionRules(readOtherTSLPointer(pointerElement(text)))
  const inconsistent = { code: 'source.mra_inconsistent' }
  const tamper = (from: string, to: string) => {
    assert.ok(xml.includes(from), from)
    return xml.replace(from, to)
  }

  it('reads the untouched pointer', () => assert.deepEqual(read(xml).rules, rules))

  it('refuses another level in the block', () => {
    const text = tamper(
      'urn:kakehashi:level:jp.academic:mext-accredited',
      'urn:kakehashi:level:jp.academic:other',
    )
    assert.throws(() => read(text), inconsistent)
  })

  it('refuses another credential type in the block', () => {
    const text = tamper('credential-type:OpenBadgeCredential<', 'credential-type:OtherCredential<')
    assert.throws(() => read(text), inconsistent)
  })

  it('refuses another status or starting time', () => {
    assert.throws(() => read(tamper(`${MRA}enacted`, `${MRA}repealed`)), inconsistent)
    assert.throws(
      () => read(tamper('2026-01-01T00:00:00Z<', '2026-01-02T00:00:00Z<')),
      inconsistent,
    )
  })

  it('refuses other legislation', () => {
    const text = tamper('urn:kakehashi:framework:jp.academic', 'urn:kakehashi:framework:jp.other')
    assert.throws(() => read(text), inconsistent)
  })

  it('refuses an equivalence missing from the block, or one more than the rules have', () => {
    const pointer = readOtherTSLPointer(pointerElement(xml))
    const agreement =
      pointer.mutualRecognitionAgreementInformation as MutualRecognitionAgreementInformation
    const [first, ...others] = agreement.trustServiceEquivalenceInformation as [
      TrustServiceEquivalenceInformation,
    ]
    const less = { ...agreement, trustServiceEquivalenceInformation: others }
    const more = { ...agreement, trustServiceEquivalenceInformation: [first, first, ...others] }
    for (const changed of [less, more]) {
      assert.throws(
        () =>
          readMutualRecognitionRules({
            ...pointer,
            mutualRecognitionAgreementInformation: changed,
          }),
        inconsistent,
      )
    }
  })

  it('refuses Kakehashi rules without a block', () => {
    const pointer = {
      ...readOtherTSLPointer(pointerElement(xml)),
      mutualRecognitionAgreementInformation: undefined,
    }
    assert.throws(() => readMutualRecognitionRules(pointer), inconsistent)
  })

  it('refuses a Kakehashi rule with a credential type the block lacks', () => {
    const text = tamper(
      '<kh:CredentialType value="OpenBadgeCredential"/>',
      '<kh:CredentialType value="OpenBadgeCredential"/><kh:CredentialType value="Extra"/>',
    )
    assert.throws(() => read(text), inconsistent)
  })
})

describe('a malformed Kakehashi rule', () => {
  const xml = writeMutualRecognitionPointer(
    rulesBetween('eu.eudi.pid', 'jp.mynumber'),
    POINTER_OPTIONS,
  )
  const notConformant = { code: 'tl.not_conformant' }
  const read = (from: string, to: string) => {
    assert.ok(xml.includes(from), from)
    return () =>
      readMutualRecognitionRules(readOtherTSLPointer(pointerElement(xml.replace(from, to))))
  }

  it('is refused with an unknown attribute, element or text', () => {
    assert.throws(read('<kh:RecognitionRule ', '<kh:RecognitionRule sourceId="x" '), notConformant)
    assert.throws(read('<kh:LevelMapping ', '<kh:Other/><kh:LevelMapping '), notConformant)
    assert.throws(read('<kh:LevelMapping ', 'text<kh:LevelMapping '), notConformant)
    assert.throws(read('<kh:RecognitionRule ', '<kh:Rule/><kh:RecognitionRule '), notConformant)
  })

  it('is refused without its legal basis, or with a level mapped twice', () => {
    assert.throws(read(/legalBasis="[^"]*"/.exec(xml)?.[0] ?? '', ''), notConformant)
    assert.throws(
      read(
        '<kh:LevelMapping ',
        '<kh:LevelMapping recognised="IAL3" recognising="low"/><kh:LevelMapping ',
      ),
      notConformant,
    )
  })

  it('is refused when two rules share an id', () => {
    const rule = /<kh:RecognitionRule .*?<\/kh:RecognitionRule>/.exec(xml)?.[0] ?? ''
    assert.throws(read(rule, `${rule}${rule}`), notConformant)
  })
})
