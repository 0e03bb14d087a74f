// Meaning through the pipeline: sandbox diplomas and identities in the relying party's vocabulary, with provenance and exactness.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestBridge, sandboxOf } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { zSessionTranscript } from '../../formats/mdoc/session-transcript-json.ts'
import type { MappedClaim } from '../../report/meaning.ts'
import type { VerificationReport } from '../../report/verification-report.ts'
import { issueSandboxCredential } from '../../sandbox/issue-sandbox-credential.ts'
import { issueSandboxMdoc } from '../../sandbox/issue-sandbox-mdoc.ts'
import { issueSandboxW3c } from '../../sandbox/issue-sandbox-w3c.ts'

const EQF7 = 'http://data.europa.eu/snb/eqf/7'

function term(report: VerificationReport, pointer: string): MappedClaim {
  const claim = report.meaning?.claims.find((c) => c.term === pointer)
  assert.ok(claim, `${pointer} in ${report.meaning?.claims.map((c) => c.term).join(', ')}`)
  return claim
}

describe('what a foreign credential means, in the relying party’s vocabulary', () => {
  let bridge: Bridge
  before(async () => {
    bridge = await openTestBridge()
  })
  after(() => bridge.close())

  it('a Japanese Open Badges diploma for an EU admissions office: degree, EQF level, awarding body and date, each sourced', async () => {
    const issued = await issueSandboxW3c(sandboxOf(bridge), 'jp-university', 'ldp_vc')
    const report = await bridge.verify({
      credential: issued.credential,
      relyingPartyFramework: 'eu.academic',
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(report.trustPath.recognition?.kind, 'rule')
    assert.equal(report.meaning?.vocabulary.id, 'elm')
    assert.deepEqual(report.meaning?.crosswalks, [
      { id: 'learning.openbadges3-to-elm', version: '1.0.0' },
    ])
    const title = term(report, '/title')
    assert.equal(title.value, '修士（工学）')
    assert.equal(title.exactness, 'exact')
    assert.deepEqual(title.source, [
      { term: '/credentialSubject/achievement/name', value: '修士（工学）' },
    ])
    // Japan has no NQF referenced to the EQF: the level is inferred, and says so.
    const eqf = term(report, '/eqfLevel')
    assert.equal(eqf.value, EQF7)
    assert.equal(eqf.exactness, 'approximate')
    assert.match(eqf.reason ?? '', /no national qualifications framework/)
    assert.deepEqual(eqf.source, [
      { term: '/credentialSubject/achievement/achievementType', value: 'MasterDegree' },
    ])
    assert.equal(term(report, '/awardingBody').value, 'Sandbox University Tokyo')
    assert.equal(term(report, '/awardingDate').value, '2026-03-25T00:00:00+09:00')
    // Credits are carried in the issuer's own system; no ECTS figure is invented.
    assert.equal(term(report, '/creditPoints/value').exactness, 'approximate')
    assert.equal(term(report, '/ectsCredits').outcome, 'impossible')
    // Every script the credential carries is kept.
    assert.equal(term(report, '/learner/fullName').value, '佐藤 健')
    assert.equal(term(report, '/learner/nameKana').value, 'サトウ ケン')
    assert.equal(term(report, '/learner/nameLatin').value, 'SATO Ken')
  })

  it('an EU diploma for a Japanese employer: 学位の種類, 授与年月日 in the era calendar, through ELM', async () => {
    const issued = await issueSandboxW3c(sandboxOf(bridge), 'eu-university', 'ldp_vc')
    const report = await bridge.verify({
      credential: issued.credential,
      relyingPartyFramework: 'jp.academic',
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.deepEqual(
      report.meaning?.crosswalks.map((c) => c.id),
      ['learning.openbadges3-to-elm', 'learning.elm-to-jp-academic-record'],
    )
    const kind = term(report, '/gakuiShurui')
    assert.equal(kind.value, '修士')
    assert.equal(kind.exactness, 'approximate', 'a foreign master is not thereby a 修士')
    // The chain keeps the credential's own term as the source.
    assert.deepEqual(kind.source, [
      { term: '/credentialSubject/achievement/achievementType', value: 'MasterDegree' },
    ])
    assert.equal(term(report, '/juyoNengappi').value, '令和8年7月10日')
    assert.equal(term(report, '/juyoNengappiSeireki').value, '2026-07-10')
    assert.equal(term(report, '/sankoEqfLevel').value, 7)
    assert.equal(term(report, '/tanisu').outcome, 'impossible')
  })

  it('an ELM European Digital Credential for a Japanese employer: the kind of degree inferred from its EQF level', async () => {
    const issued = await issueSandboxW3c(sandboxOf(bridge), 'eu-university', 'vc+jwt', {
      credentialType: 'EuropeanDigitalCredential',
    })
    const report = await bridge.verify({
      credential: issued.credential,
      relyingPartyFramework: 'jp.academic',
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.deepEqual(
      report.meaning?.crosswalks.map((c) => c.id),
      ['learning.elm-edc-to-elm', 'learning.elm-to-jp-academic-record'],
    )
    assert.equal(term(report, '/gakui').value, 'Master of Science in Computer Science')
    const kind = term(report, '/gakuiShurui')
    assert.equal(kind.value, '修士')
    assert.match(kind.reason ?? '', /inferred from the EQF level/)
    assert.deepEqual(kind.source, [
      { term: '/credentialSubject/hasClaim/specifiedBy/eqfLevel/id', value: EQF7 },
    ])
    assert.equal(term(report, '/juyoKikan').value, 'Sandbox University of Leiden-Delft')
    assert.equal(term(report, '/juyoNengappi').value, '令和8年7月10日')
    assert.equal(term(report, '/credits/value').value, '120')
    assert.equal(
      term(report, '/credits/system').value,
      'http://data.europa.eu/snb/education-credit/6fcec5c5af',
    )
    assert.equal(term(report, '/shimei').value, 'Sanne de Vries')
  })

  it('a Japanese SD-JWT diploma for an EU office: through the Japanese record, the level inferred', async () => {
    const binding = { nonce: 'n-1', audience: 'https://admissions.example.eu' }
    const issued = await issueSandboxCredential(sandboxOf(bridge), 'jp-university', binding)
    const report = await bridge.verify({
      credential: issued.credential,
      relyingPartyFramework: 'eu.academic',
      ...binding,
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(term(report, '/qualificationType').value, 'MasterDegree')
    assert.equal(term(report, '/eqfLevel').value, EQF7)
    assert.equal(term(report, '/eqfLevel').exactness, 'approximate')
    assert.equal(term(report, '/awardingDate').value, '2026-03-25')
    assert.deepEqual(term(report, '/awardingDate').source, [
      { term: '/graduation_date', value: '2026-03-25' },
    ])
  })

  it('an EUDI PID for a Japanese relying party: 氏名, 生年月日 in both calendars, 性別 from the ISO/IEC 5218 code', async () => {
    const issued = await issueSandboxMdoc(sandboxOf(bridge), 'eu-pid-provider')
    const report = await bridge.verify({
      credential: issued.deviceResponse,
      relyingPartyFramework: 'jp.mynumber',
      sessionTranscript: zSessionTranscript.parse(issued.sessionTranscript),
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(term(report, '/shimei').value, 'Mustermann Erika')
    assert.equal(term(report, '/seinengappi').value, '平成6年8月12日')
    assert.equal(term(report, '/seinengappiSeireki').value, '1994-08-12')
    assert.equal(term(report, '/seibetsu').value, '女')
    assert.deepEqual(term(report, '/kokuseki').value, ['DE'])
    assert.equal(term(report, '/shimeiKana').outcome, 'impossible')
  })

  it('a My Number–profile mdoc for an EU relying party: the name split, no birth place invented', async () => {
    const issued = await issueSandboxMdoc(sandboxOf(bridge), 'jp-mynumber-idp')
    const report = await bridge.verify({
      credential: issued.deviceResponse,
      relyingPartyFramework: 'eu.eudi.pid',
      sessionTranscript: zSessionTranscript.parse(issued.sessionTranscript),
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(term(report, '/family_name').value, '山田')
    assert.equal(term(report, '/given_name').value, '花子')
    assert.equal(term(report, '/birth_date').value, '1995-04-01')
    assert.equal(term(report, '/sex').value, 2)
    assert.deepEqual(term(report, '/nationality').value, ['JP'])
    assert.equal(term(report, '/birth_place').outcome, 'impossible')
  })

  it('meaning never turns a rejection into an acceptance', async () => {
    // The sandbox recognises identity across the two sides for mdocs only, not for SD-JWT VCs.
    const binding = { nonce: 'n-2', audience: 'https://employer.example.jp' }
    const issued = await issueSandboxCredential(sandboxOf(bridge), 'eu-pid-provider', binding)
    const report = await bridge.verify({
      credential: issued.credential,
      relyingPartyFramework: 'jp.mynumber',
      ...binding,
    })
    assert.equal(report.verdict, 'rejected')
    assert.deepEqual(report.errors, ['recognition.none'])
    assert.equal(term(report, '/shimei').value, 'Mustermann Erika', 'explained all the same')
  })

  it('a relying party that asks for the verdict alone gets the same verdict and no meaning', async () => {
    const issued = await issueSandboxW3c(sandboxOf(bridge), 'jp-university', 'vc+jwt')
    const request = { credential: issued.credential, relyingPartyFramework: 'eu.academic' }
    const full = await bridge.verify(request)
    const verdictOnly = await bridge.verify({ ...request, meaning: false })
    assert.ok(full.meaning !== undefined)
    assert.equal(verdictOnly.meaning, undefined)
    assert.equal(verdictOnly.verdict, full.verdict)
    assert.deepEqual(verdictOnly.errors, full.errors)
  })

  it('no crosswalk to the relying party’s vocabulary: no meaning, and nothing else changes', async () => {
    const issued = await issueSandboxW3c(sandboxOf(bridge), 'eu-university', 'ldp_vc')
    const report = await bridge.verify({
      credential: issued.credential,
      relyingPartyFramework: 'jp.mynumber',
    })
    assert.equal(report.meaning, undefined)
  })
})
