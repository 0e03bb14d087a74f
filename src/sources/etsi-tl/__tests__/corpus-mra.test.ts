// The MRA pilot LOTL: its pointer to the third country's list carries the mutual-recognition extension, read in full.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { corpusPath, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { readTrustedList, type VerifiedTrustedList } from '../read-trusted-list.ts'
import type {
  MutualRecognitionAgreementInformation,
  OtherTSLPointer,
} from '../trusted-list-types.ts'

const MRA = ['etsi-tl-mra', 'mra-lotl.xml'] as const
const ETSI = 'http://uri.etsi.org/TrstSvc'
const ZZ = 'http://zz-trusted-list.go.zz/TrstSvc'

describe('the mutual-recognition LOTL', skipWithoutCorpus(...MRA), () => {
  let lotl: VerifiedTrustedList
  let pointer: OtherTSLPointer
  let mra: MutualRecognitionAgreementInformation

  before(async () => {
    lotl = await readTrustedList(readFileSync(corpusPath(...MRA) as string))
    const pointers = lotl.list.schemeInformation.pointersToOtherTSL.filter(
      (candidate) => candidate.mutualRecognitionAgreementInformation !== undefined,
    )
    assert.equal(pointers.length, 1)
    pointer = pointers[0] as OtherTSLPointer
    mra = pointer.mutualRecognitionAgreementInformation as MutualRecognitionAgreementInformation
  })

  it('verifies, and points to the third country list with its MRA', () => {
    assert.equal(lotl.list.id, 'EU_LOTL_TEST')
    assert.equal(
      pointer.tslLocation,
      'https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_tl_zz.xml',
    )
    assert.equal(pointer.tslType, 'http://uri.etsi.org/TrstSvc/TrustedList/TSLType/ZZlist')
    assert.deepEqual(pointer.schemeTypeCommunityRules, [
      { lang: 'en', value: 'http://example/schemerules/ZZ' },
    ])
    assert.equal(pointer.serviceDigitalIdentities.length, 1)
    assert.deepEqual(
      {
        technicalType: mra.technicalType,
        version: mra.version,
        mraDepth: mra.mraDepth,
        pointing: mra.pointingContractingPartyLegislation,
        pointed: mra.pointedContractingPartyLegislation,
      },
      {
        technicalType: '1',
        version: '1',
        mraDepth: '1',
        pointing: 'uri/.../',
        pointed: 'uri/.../',
      },
    )
  })

  it('maps service types, statuses and qualifiers of the pointed scheme onto the EU ones', () => {
    assert.equal(mra.trustServiceEquivalenceInformation.length, 1)
    const [equivalence] = mra.trustServiceEquivalenceInformation
    assert.ok(equivalence)
    assert.equal(equivalence.trustServiceLegalIdentifier, 'QCForESig')
    assert.deepEqual(equivalence.trustServiceTSLTypeEquivalenceList, {
      pointingParty: [
        {
          serviceTypeIdentifier: `${ETSI}/Svctype/CA/QC`,
          additionalServiceInformation: [`${ETSI}/TrustedList/SvcInfoExt/ForeSignatures`],
        },
      ],
      pointedParty: [
        { serviceTypeIdentifier: `${ZZ}/Svctype/CA/QC/for-eSig`, additionalServiceInformation: [] },
      ],
    })
    assert.equal(
      equivalence.trustServiceEquivalenceStatus,
      'http://ec.europa.eu/tools/lotl/mra/enacted',
    )
    assert.equal(equivalence.trustServiceEquivalenceStatusStartingTime, '2020-05-16T23:59:59.000Z')
    assert.deepEqual(equivalence.trustServiceTSLStatusEquivalenceList, {
      valid: {
        pointingParty: [`${ETSI}/TrustedList/Svcstatus/granted`],
        pointedParty: [`${ZZ}/TrustedList/Svcstatus/granted`],
      },
      invalid: {
        pointingParty: [`${ETSI}/TrustedList/Svcstatus/withdrawn`],
        pointedParty: [`${ZZ}/TrustedList/Svcstatus/withdrawn`],
      },
    })
    const [qualifiers] = equivalence.trustServiceTSLQualificationExtensionEquivalenceList
    assert.equal(qualifiers?.namePointingParty, 'Sie:Q')
    assert.equal(qualifiers?.qualifierEquivalence.length, 8)
    assert.deepEqual(qualifiers?.qualifierEquivalence[0], {
      pointingParty: `${ETSI}/TrustedList/SvcInfoExt/QCWithQSCD`,
      pointedParty: `${ZZ}/TrustedList/SvcInfoExt/QCWithQSCD`,
    })
    assert.deepEqual(equivalence.trustServiceEquivalenceHistory, [])
  })

  it('keeps the certificate content equivalences as criteria lists', () => {
    const [equivalence] = mra.trustServiceEquivalenceInformation
    const content = equivalence?.certificateContentReferencesEquivalenceList ?? []
    assert.deepEqual(
      content.map((entry) => entry.context.replace('http://ec.europa.eu/tools/lotl/mra/', '')),
      ['QcCompliance', 'QcType', 'QcQSCD'],
    )
    const compliance = content[0]
    assert.equal(compliance?.pointingParty.assert, 'all')
    assert.deepEqual(
      compliance?.pointingParty.criteriaList.map((list) => list.assert),
      ['all', 'none'],
    )
    // QcCompliance (0.4.0.1862.1.1) required, QcCClegislation (…1.7) excluded, on the EU side.
    const oid = (list: (typeof content)[number]['pointingParty'] | undefined) =>
      list?.otherCriteriaList[0]?.children[0]?.children[0]?.children[0]?.text
    assert.equal(oid(compliance?.pointingParty.criteriaList[0]), 'urn:oid:0.4.0.1862.1.1')
    assert.equal(oid(compliance?.pointingParty.criteriaList[1]), 'urn:oid:0.4.0.1862.1.7')
    assert.equal(oid(compliance?.pointedParty), 'urn:oid:0.4.0.1862.1.1')
  })
})
