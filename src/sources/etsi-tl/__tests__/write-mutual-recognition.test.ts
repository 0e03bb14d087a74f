// Recognition rules written as a LOTL pointer: the MRA block as EU tools read it, and the lossless round trip through Kakehashi's copy.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Element } from '@xmldom/xmldom'
import fc from 'fast-check'
import { childElements } from '../../../lib/xml/dom-access.ts'
import type { RecognitionRule } from '../../../model/index.ts'
import { createTestSigner } from '../../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'
import { readMutualRecognitionRules } from '../mutual-recognition-rules.ts'
import { readMutualRecognition } from '../parse-mutual-recognition.ts'
import { parseTrustedList } from '../parse-trusted-list.ts'
import { readKakehashiRecognition } from '../read-kakehashi-recognition.ts'
import {
  groupRulesByFrameworks,
  writeMutualRecognitionPointer,
} from '../write-mutual-recognition.ts'
import {
  agreementElement,
  EXPORTED_AT,
  lotlWithPointer,
  POINTER_OPTIONS,
  pointerElement,
  rulesBetween,
  sampleRules,
  writeAndParse,
} from './mutual-recognition-fixtures.ts'

const MRA = 'http://ec.europa.eu/tools/lotl/mra/'
const SVCSTATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/'

const written = (rules: RecognitionRule[]) =>
  readMutualRecognition(
    agreementElement(pointerElement(writeMutualRecognitionPointer(rules, POINTER_OPTIONS))),
  )

describe('the MRA block of written rules, as EU tools read it', () => {
  it('names the frameworks as legislation and has one equivalence per credential type and level pair', () => {
    const mra = written(rulesBetween('jp.mynumber', 'eu.eudi.pid'))
    assert.deepEqual([mra.technicalType, mra.version, mra.mraDepth], ['1', '1', '1'])
    assert.equal(mra.pointingContractingPartyLegislation, 'urn:kakehashi:framework:jp.mynumber')
    assert.equal(mra.pointedContractingPartyLegislation, 'urn:kakehashi:framework:eu.eudi.pid')
    assert.equal(mra.trustServiceEquivalenceInformation.length, 2)
    const [high, substantial] = mra.trustServiceEquivalenceInformation
    assert.equal(high?.trustServiceLegalIdentifier, 'eu.europa.ec.eudi.pid.1')
    assert.deepEqual(high?.trustServiceTSLTypeEquivalenceList, {
      pointingParty: [
        {
          serviceTypeIdentifier: 'urn:kakehashi:credential-type:eu.europa.ec.eudi.pid.1',
          additionalServiceInformation: ['urn:kakehashi:level:jp.mynumber:IAL3'],
        },
      ],
      pointedParty: [
        {
          serviceTypeIdentifier: 'urn:kakehashi:credential-type:eu.europa.ec.eudi.pid.1',
          additionalServiceInformation: ['urn:kakehashi:level:eu.eudi.pid:high'],
        },
      ],
    })
    assert.deepEqual(
      substantial?.trustServiceTSLTypeEquivalenceList.pointingParty[0]
        ?.additionalServiceInformation,
      ['urn:kakehashi:level:jp.mynumber:IAL2'],
    )
    assert.equal(high?.trustServiceEquivalenceStatus, `${MRA}enacted`)
    assert.equal(high?.trustServiceEquivalenceStatusStartingTime, '2026-01-01T00:00:00.000Z')
    assert.deepEqual(high?.trustServiceTSLStatusEquivalenceList, {
      valid: { pointingParty: [`${SVCSTATUS}granted`], pointedParty: [`${SVCSTATUS}granted`] },
      invalid: {
        pointingParty: [`${SVCSTATUS}withdrawn`],
        pointedParty: [`${SVCSTATUS}withdrawn`],
      },
    })
    assert.deepEqual(high?.trustServiceEquivalenceHistory, [])
  })

  it('writes a rule past its validUntil as repealed then, with its enactment as history', () => {
    const mra = written(rulesBetween('eu.academic', 'jp.academic'))
    const repealed = mra.trustServiceEquivalenceInformation.filter(
      (entry) => entry.trustServiceEquivalenceStatus === `${MRA}repealed`,
    )
    // The expired sample rule: one credential type, two level pairs.
    assert.equal(repealed.length, 2)
    assert.equal(repealed[0]?.trustServiceEquivalenceStatusStartingTime, '2025-12-31T23:59:59.000Z')
    assert.deepEqual(
      repealed[0]?.trustServiceEquivalenceHistory.map((instance) => [
        instance.trustServiceEquivalenceStatus,
        instance.trustServiceEquivalenceStatusStartingTime,
      ]),
      [[`${MRA}enacted`, '2024-12-31T15:00:00.000Z']],
    )
    // The rule whose validUntil is still to come is enacted: EU tools have no place for its end.
    const open = mra.trustServiceEquivalenceInformation.filter(
      (entry) => entry.trustServiceLegalIdentifier === 'urn:kakehashi:sandbox:jp.micro:1',
    )
    assert.deepEqual(
      open.map((entry) => entry.trustServiceEquivalenceStatus),
      [`${MRA}enacted`],
    )
  })

  it('writes no AdditionalServiceInformation for a rule without levels', () => {
    const mra = written(rulesBetween('eu.academic', 'jp.academic'))
    const micro = mra.trustServiceEquivalenceInformation.find(
      (entry) => entry.trustServiceLegalIdentifier === 'urn:kakehashi:sandbox:jp.micro:1',
    )
    assert.deepEqual(micro?.trustServiceTSLTypeEquivalenceList.pointedParty, [
      {
        serviceTypeIdentifier:
          'urn:kakehashi:credential-type:urn%3Akakehashi%3Asandbox%3Ajp.micro%3A1',
        additionalServiceInformation: [],
      },
    ])
  })

  it('puts every element in the order of mra_schema_v2.xsd', () => {
    const pointer = pointerElement(
      writeMutualRecognitionPointer(rulesBetween('eu.academic', 'jp.academic'), POINTER_OPTIONS),
    )
    const names = (element: Element) => childElements(element).map((node) => node.localName)
    assert.deepEqual(names(pointer), ['TSLLocation', 'AdditionalInformation'])
    const agreement = agreementElement(pointer)
    assert.ok(names(agreement).every((name) => name === 'TrustServiceEquivalenceInformation'))
    const sequence = [
      'TrustServiceTSLTypeEquivalenceList',
      'TrustServiceEquivalenceStatus',
      'TrustServiceEquivalenceStatusStartingTime',
      'TrustServiceTSLStatusEquivalenceList',
    ]
    let histories = 0
    for (const information of childElements(agreement)) {
      const found = names(information)
      const history = found.length === 6
      assert.deepEqual(found, [
        'TrustServiceLegalIdentifier',
        ...sequence,
        ...(history ? ['TrustServiceEquivalenceHistory'] : []),
      ])
      const [types, , , statuses] = childElements(information).slice(1)
      assert.deepEqual(names(types as Element), [
        'TrustServiceTSLTypeListPointingParty',
        'TrustServiceTSLTypeListPointedParty',
      ])
      assert.deepEqual(names(statuses as Element), [
        'TrustServiceTSLStatusValidEquivalence',
        'TrustServiceTSLStatusInvalidEquivalence',
      ])
      if (!history) continue
      histories++
      const [instance] = childElements(childElements(information)[5] as Element)
      assert.equal(instance?.localName, 'TrustServiceEquivalenceHistoryInstance')
      assert.deepEqual(names(instance as Element), sequence)
    }
    assert.equal(histories, 2)
  })

  it('goes into a LOTL that passes the trusted-list conformance check', () => {
    const xml = writeMutualRecognitionPointer(
      rulesBetween('eu.academic', 'jp.academic'),
      POINTER_OPTIONS,
    )
    const lotl = parseTrustedList(lotlWithPointer(xml))
    const pointer = lotl.schemeInformation.pointersToOtherTSL[1]
    assert.equal(pointer?.tslLocation, POINTER_OPTIONS.tslLocation)
    assert.equal(pointer?.schemeTerritory, 'JP')
    assert.equal(pointer?.tslType, POINTER_OPTIONS.tslType)
    assert.equal(pointer?.mimeType, 'application/vnd.etsi.tsl+xml')
    assert.deepEqual(pointer?.schemeOperatorName, [{ lang: 'en', value: 'Kakehashi sandbox' }])
    assert.deepEqual(
      pointer && readMutualRecognitionRules(pointer).rules,
      rulesBetween('eu.academic', 'jp.academic'),
    )
  })
})

describe('the signers of the pointed list', () => {
  const rules = () => rulesBetween('eu.academic', 'jp.academic')

  it('are written as ServiceDigitalIdentities, first in the pointer, and read back byte for byte', async () => {
    const [first, second] = await Promise.all([
      createTestSigner('JP Scheme Operator', 'ecdsa'),
      createTestSigner('JP Scheme Operator (next key)', 'ecdsa'),
    ])
    const xml = writeMutualRecognitionPointer(rules(), {
      ...POINTER_OPTIONS,
      signerCertificates: [first.certificate, second.certificate],
    })
    const element = pointerElement(xml)
    assert.deepEqual(
      childElements(element).map((child) => child.localName),
      ['ServiceDigitalIdentities', 'TSLLocation', 'AdditionalInformation'],
    )
    const lotl = parseTrustedList(lotlWithPointer(xml))
    const pointer = lotl.schemeInformation.pointersToOtherTSL[1]
    assert.deepEqual(
      pointer?.serviceDigitalIdentities.map((identity) => identity.x509Certificates),
      [[first.certificate], [second.certificate]].map((certificates) =>
        certificates.map((der) => new Uint8Array(der)),
      ),
    )
    assert.deepEqual(pointer && readMutualRecognitionRules(pointer).rules, rules())
  })

  it('are left out when none is given', () => {
    const element = pointerElement(writeMutualRecognitionPointer(rules(), POINTER_OPTIONS))
    assert.equal(childElements(element)[0]?.localName, 'TSLLocation')
  })

  it('must be certificates, with nothing after them', async () => {
    const { certificate } = await createTestSigner('JP Scheme Operator', 'ecdsa')
    for (const [bytes, pattern] of [
      [Uint8Array.of(1, 2, 3), /signer certificate 1 is not an X\.509 certificate/],
      [Uint8Array.from([...certificate, 0]), /byte\(s\) follow the certificate/],
    ] as const)
      assert.throws(
        () =>
          writeMutualRecognitionPointer(rules(), {
            ...POINTER_OPTIONS,
            signerCertificates: [bytes],
          }),
        (error: { code?: string; message?: string }) =>
          error.code === 'input.invalid' && pattern.test(error.message ?? ''),
      )
  })
})

describe('the round trip rules → pointer → rules', () => {
  it('keeps NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR inside values, which XML 1.0 does not count as line ends', () => {
    const [rule] = rulesBetween('eu.academic', 'jp.academic') as [RecognitionRule]
    const unusual = {
      ...rule,
      credentialTypes: ['!\u2028!', 'a\u0085b', 'c\u2029d'],
      legalBasis: `${rule.legalBasis}\u2028second line`,
    }
    const result = readMutualRecognitionRules(writeAndParse([unusual]))
    assert.deepEqual(result.rules, [unusual])
  })

  for (const group of groupRulesByFrameworks(sampleRules)) {
    const [first] = group as [RecognitionRule]
    it(`gives back the rules of ${first.recognisingFrameworkId} ← ${first.recognisedFrameworkId}`, () => {
      const pointer = writeAndParse(group)
      const result = readMutualRecognitionRules(pointer)
      assert.equal(result.origin, 'kakehashi')
      assert.deepEqual(result.rules, group)
      const xml = writeMutualRecognitionPointer(group, POINTER_OPTIONS)
      assert.deepEqual(readKakehashiRecognition(pointerElement(xml)), group)
    })
  }

  it('sets the source on every rule when asked', () => {
    const rules = rulesBetween('eu.eudi.pid', 'jp.mynumber')
    const result = readMutualRecognitionRules(writeAndParse(rules), { sourceId: 'kh.lotl' })
    assert.deepEqual(
      result.rules,
      rules.map((rule) => ({ ...rule, sourceId: 'kh.lotl' })),
    )
  })

  it('tells apart rules that differ only in their end, one ended and one not yet', () => {
    const [base] = rulesBetween('eu.eudi.pid', 'jp.mynumber') as [RecognitionRule]
    const ended = { ...base, id: 'sample.ended', validUntil: '2026-03-01T00:00:00Z' }
    const ending = { ...base, id: 'sample.ending', validUntil: '2027-01-01T00:00:00Z' }
    for (const rules of [
      [ended, ending],
      [ending, ended],
      [base, ended, ending],
    ]) {
      assert.deepEqual(readMutualRecognitionRules(writeAndParse(rules)).rules, rules)
    }
  })

  it('pairs each rule with the equivalences that stand for it', () => {
    const rules = rulesBetween('eu.academic', 'jp.academic')
    const result = readMutualRecognitionRules(writeAndParse(rules))
    assert.deepEqual(
      result.equivalences.map((list) => list.length),
      // 2 types × 1 pair, 1 type × 2 pairs, 2 types without levels.
      [2, 2, 2],
    )
  })

  it('is lossless for any rules of one pair of frameworks', () => {
    const xmlChars = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u
    const text = (minLength: number, maxLength: number) =>
      fc.string({ unit: 'binary', minLength, maxLength }).filter((value) => xmlChars.test(value))
    const id = fc.stringMatching(/^[a-z0-9][a-z0-9._:-]{0,40}$/)
    const time = fc
      .tuple(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.constantFrom('Z', '+09:00', '-05:30'),
      )
      .map(([date, zone]) => {
        if (zone === 'Z') return date.toISOString()
        const sign = zone.startsWith('-') ? -1 : 1
        const [hours, minutes] = zone.slice(1).split(':').map(Number) as [number, number]
        const local = new Date(date.getTime() + sign * (hours * 60 + minutes) * 60_000)
        return local.toISOString().replace('Z', zone)
      })
    const level = text(0, 20).filter((value) => value !== '__proto__')
    const rule = (recognising: string, recognised: string) =>
      fc.record(
        {
          id,
          recognisingFrameworkId: fc.constant(recognising),
          recognisedFrameworkId: fc.constant(recognised),
          credentialTypes: fc.array(
            // Types with white space at an end are refused (see below), so not generated.
            text(1, 40).filter((value) => value.trim() !== '' && value.trim() === value),
            { minLength: 1, maxLength: 3 },
          ),
          levelMapping: fc.dictionary(level, level, { maxKeys: 3, noNullPrototype: true }),
          minimumLevel: text(1, 20),
          scope: text(1, 60),
          legalBasis: text(1, 120),
          validFrom: time,
          validUntil: time,
        },
        {
          noNullPrototype: true,
          requiredKeys: [
            'id',
            'recognisingFrameworkId',
            'recognisedFrameworkId',
            'credentialTypes',
            'levelMapping',
            'legalBasis',
            'validFrom',
          ],
        },
      )
    const rules = fc
      .tuple(id, id)
      .chain(([a, b]) =>
        fc.uniqueArray(rule(a, b), { minLength: 1, maxLength: 3, selector: (r) => r.id }),
      )
    fc.assert(
      fc.property(rules, fc.date({ noInvalidDate: true }), (generated, at) => {
        const options = { ...POINTER_OPTIONS, atMs: at.getTime() }
        const result = readMutualRecognitionRules(writeAndParse(generated, options))
        assert.equal(result.origin, 'kakehashi')
        assert.deepEqual(result.rules, generated)
      }),
      { numRuns: 300 },
    )
  })
})

describe('what the writer refuses', () => {
  const [rule] = rulesBetween('eu.eudi.pid', 'jp.mynumber') as [RecognitionRule]
  const refuses = (rules: RecognitionRule[], pattern: RegExp) =>
    assert.throws(
      () => writeMutualRecognitionPointer(rules, POINTER_OPTIONS),
      (error: { code?: string; message?: string }) =>
        error.code === 'input.invalid' && pattern.test(error.message ?? ''),
    )

  it('refuses rules of two pairs of frameworks in one pointer', () => {
    refuses(sampleRules, /one pair of frameworks/)
    assert.equal(groupRulesByFrameworks(sampleRules).length, 4)
  })

  it('refuses an empty list of rules', () => refuses([], /at least one rule/))

  it('refuses text XML 1.0 cannot carry', () => {
    refuses([{ ...rule, legalBasis: 'basis\u0001' }], /XML 1\.0/)
    refuses([{ ...rule, credentialTypes: ['type\uD800'] }], /XML 1\.0/)
  })

  it('refuses a blank credential type, an invalid rule and a repeated id', () => {
    refuses([{ ...rule, credentialTypes: ['  '] }], /blank credential type/)
    refuses([{ ...rule, credentialTypes: [' OpenBadgeCredential'] }], /white space at an end/)
    refuses([{ ...rule, id: 'Not An Id' }], /invalid/)
    refuses([rule, rule], /given twice/)
  })

  it('refuses an export time that is not a time', () => {
    assert.throws(
      () => writeMutualRecognitionPointer([rule], { ...POINTER_OPTIONS, atMs: Number.NaN }),
      { code: 'input.invalid' },
    )
  })

  it('writes the rule enacted at an export time before its end', () => {
    const expired = rulesBetween('eu.academic', 'jp.academic')[1] as RecognitionRule
    const early = { ...POINTER_OPTIONS, atMs: Date.parse('2025-06-01T00:00:00Z') }
    const mra = readMutualRecognition(
      agreementElement(pointerElement(writeMutualRecognitionPointer([expired], early))),
    )
    assert.ok(EXPORTED_AT > Date.parse(expired.validUntil as string))
    assert.deepEqual(
      mra.trustServiceEquivalenceInformation.map((entry) => entry.trustServiceEquivalenceStatus),
      [`${MRA}enacted`, `${MRA}enacted`],
    )
  })
})
