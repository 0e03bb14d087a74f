import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { learningSummaryOf } from '../learning-summary.ts'

const openBadge = {
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:key:z6Mk', type: ['Profile'], name: 'Sandbox University Tokyo' },
  awardedDate: '2026-03-25T00:00:00+09:00',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        identityHash: 'sha256$…',
      },
      { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: '佐藤 健' },
    ],
    creditsEarned: 30,
    achievement: {
      type: ['Achievement'],
      name: '修士（工学）',
      achievementType: 'MasterDegree',
      fieldOfStudy: '情報工学',
    },
  },
}

describe('Open Badges 3.0', () => {
  it('names the awarding body, the learner, the achievement and the date, each with its path', () => {
    const summary = learningSummaryOf(openBadge, openBadge.type)
    assert.equal(summary?.profile, 'Open Badges 3.0')
    assert.deepEqual(summary?.awardingBody, {
      value: 'Sandbox University Tokyo',
      path: 'issuer.name',
    })
    assert.equal(summary?.learner?.value, '佐藤 健')
    assert.equal(summary?.achievement?.value, '修士（工学）')
    assert.equal(summary?.achievementType?.value, 'MasterDegree')
    assert.equal(summary?.awardedDate?.value, '2026-03-25T00:00:00+09:00')
  })

  it('credits keep their number and say no system, since OB 3.0 names none', () => {
    assert.deepEqual(learningSummaryOf(openBadge, openBadge.type)?.credits, {
      value: 30,
      path: 'credentialSubject.creditsEarned',
      system: 'unspecified',
    })
  })

  it('no EQF level is invented where the credential states none', () => {
    assert.equal(learningSummaryOf(openBadge, openBadge.type)?.eqfLevel, undefined)
  })

  it('an EQF level is read from an alignment to the EQF', () => {
    const aligned = structuredClone(openBadge)
    Object.assign(aligned.credentialSubject.achievement, {
      alignment: [
        { type: ['Alignment'], targetUrl: 'http://data.europa.eu/snb/isced-f/0613' },
        { type: ['Alignment'], targetUrl: 'http://data.europa.eu/snb/eqf/7' },
      ],
    })
    assert.deepEqual(learningSummaryOf(aligned, aligned.type)?.eqfLevel, {
      value: 7,
      path: 'credentialSubject.achievement.alignment[1].targetUrl',
    })
  })
})

describe('European Learning Model', () => {
  const concept = (id: string) => ({
    id,
    type: 'Concept',
    prefLabel: { en: 'Software development' },
  })
  const elm = {
    type: ['VerifiableCredential', 'EuropeanDigitalCredential'],
    credentialSubject: {
      type: 'Person',
      fullName: { en: 'Sanne de Vries' },
      hasClaim: {
        type: 'LearningAchievement',
        title: { en: 'Master of Science in Computer Science' },
        awardedBy: {
          type: 'AwardingProcess',
          awardingBody: [{ type: 'Organisation', legalName: { nl: 'Sandbox Universiteit' } }],
          awardingDate: '2026-07-10T00:00:00+02:00',
        },
        specifiedBy: {
          type: 'Qualification',
          eqfLevel: concept('http://data.europa.eu/snb/eqf/7'),
          thematicArea: [concept('http://data.europa.eu/snb/isced-f/0613')],
          creditPoint: {
            framework: concept('http://data.europa.eu/snb/education-credit/6fcec5c5af'),
            point: '120',
          },
        },
      },
    },
  }

  it('reads the awarding body in the language it is given, the EQF level and ECTS credits', () => {
    const summary = learningSummaryOf(elm, elm.type)
    assert.equal(summary?.profile, 'European Learning Model')
    assert.equal(summary?.awardingBody?.value, 'Sandbox Universiteit')
    assert.equal(summary?.learner?.value, 'Sanne de Vries')
    assert.equal(summary?.eqfLevel?.value, 7)
    assert.deepEqual(summary?.credits, {
      value: 120,
      path: 'credentialSubject.hasClaim.specifiedBy.creditPoint.point',
      system: 'ECTS',
    })
    assert.equal(summary?.awardedDate?.value, '2026-07-10T00:00:00+02:00')
  })

  it('credits under a framework other than ECTS are not called ECTS', () => {
    const other = structuredClone(elm)
    other.credentialSubject.hasClaim.specifiedBy.creditPoint.framework =
      concept('urn:example:credits')
    assert.equal(learningSummaryOf(other, other.type)?.credits?.system, 'unspecified')
  })
})

it('a credential of another type has no learning summary', () => {
  assert.equal(learningSummaryOf({}, ['VerifiableCredential', 'ExampleCredential']), undefined)
})
