// Recognition explained: the deciding rule and its log entry, the rules passed over, levels, the reverse.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { isKakehashiError } from '../../../errors.ts'
import { JP_MYNUMBER_SANDBOX_DOCTYPE } from '../../../formats/mdoc/profiles/jp-mynumber-sandbox.ts'
import { readLog } from '../../../log/read-log.ts'
import { describeRecognitionRule } from '../describe-recognition-rule.ts'
import { type ExplainRecognitionInput, explainRecognition } from '../explain-recognition.ts'
import { readRuleLogEntry, withLogEntries } from '../recognition-log-entries.ts'
import {
  change,
  DIPLOMA,
  FUTURE_RULE,
  iso,
  LIST_RULE,
  MYNUMBER,
  OTHER_TYPE,
  openQueryFixture,
  PID,
  type QueryFixture,
  start,
} from './trust-query-fixtures.ts'

const SANDBOX_RULE = 'sandbox.eu-academic-recognises-jp-academic'
const REVERSE_SANDBOX_RULE = 'sandbox.jp-academic-recognises-eu-academic'
const MIN_RULE = 'test.eu-pid-recognises-jp-mynumber-from-ial3'
const ONE_WAY = 'test.eu-academic-recognises-jp-mynumber'
const ONE_WAY_SECOND = 'test.eu-academic-recognises-jp-mynumber-too'
const ENDED = 'test.eu-academic-recognises-jp-mynumber-ended'
const ONE_WAY_TYPE = 'urn:example:one-way:1'
const ENDED_TYPE = 'urn:example:ended:1'

let fixture: QueryFixture
before(async () => {
  fixture = await openQueryFixture()
  const rule = {
    levelMapping: {},
    legalBasis: 'a test agreement',
    validFrom: iso(-1),
  }
  await change(fixture, [
    {
      type: 'recognition.put',
      rule: {
        ...rule,
        id: MIN_RULE,
        recognisingFrameworkId: 'eu.eudi.pid',
        recognisedFrameworkId: 'jp.mynumber',
        credentialTypes: [MYNUMBER],
        levelMapping: { IAL2: 'substantial', IAL3: 'high' },
        minimumLevel: 'IAL3',
      },
    },
    {
      type: 'recognition.put',
      rule: {
        ...rule,
        id: ONE_WAY,
        recognisingFrameworkId: 'eu.academic',
        recognisedFrameworkId: 'jp.mynumber',
        credentialTypes: [ONE_WAY_TYPE],
        scope: 'enrolment checks only',
      },
    },
    {
      type: 'recognition.put',
      rule: {
        ...rule,
        id: ONE_WAY_SECOND,
        recognisingFrameworkId: 'eu.academic',
        recognisedFrameworkId: 'jp.mynumber',
        credentialTypes: [ONE_WAY_TYPE],
      },
    },
    {
      type: 'recognition.put',
      rule: {
        ...rule,
        id: ENDED,
        recognisingFrameworkId: 'eu.academic',
        recognisedFrameworkId: 'jp.mynumber',
        credentialTypes: [ENDED_TYPE],
        validFrom: iso(-100),
        validUntil: iso(-50),
      },
    },
  ])
})
after(() => fixture.close())

const explain = async (input: Partial<ExplainRecognitionInput> = {}) =>
  explainRecognition(await fixture.bridge.registry.get(), {
    recognisingFrameworkId: 'eu.academic',
    recognisedFrameworkId: 'jp.academic',
    atMs: start,
    ...input,
  })

describe('explainRecognition', () => {
  test('recognised: the deciding rule with every field, its log seq, the frameworks and the mapped level', async () => {
    const snapshot = await fixture.bridge.registry.get()
    const answer = await explain({ credentialType: DIPLOMA, level: 'mext-accredited' })
    assert.equal(answer.verdict, 'recognised')
    assert.equal(answer.reason, undefined)
    const [type] = answer.types
    assert.equal(answer.types.length, 1)
    assert.equal(type?.rule?.id, SANDBOX_RULE)
    assert.deepEqual(type?.rule?.levelMapping, { 'mext-accredited': 'accredited' })
    assert.match(type?.rule?.legalBasis ?? '', /UNESCO/)
    assert.equal(type?.rule?.inForce, true)
    assert.equal(type?.rule?.logSeq, snapshot.logPositions.recognitionRules.get(SANDBOX_RULE))
    assert.equal(type?.recognisedLevel, 'accredited')
    assert.equal(answer.levelListed, true)
    assert.equal(answer.recognising.name, 'European higher-education credentials (sandbox)')
    assert.match(answer.recognised.name ?? '', /日本の高等教育.*Japanese higher-education/)
    assert.deepEqual(answer.recognised.assuranceLevels, ['mext-accredited'])
    assert.deepEqual(answer.checkpoint, snapshot.checkpoint)
  })

  test('withLogEntries adds the recognition.put entry that wrote the deciding rule', async () => {
    const answer = await withLogEntries(
      fixture.bridge.store,
      await explain({ credentialType: DIPLOMA }),
    )
    const rule = answer.types[0]?.rule
    const seq = rule?.logSeq as number
    const [stored] = await readLog(fixture.bridge.store, { fromSeq: seq, limit: 1 })
    assert.equal(stored?.change.type, 'recognition.put')
    assert.deepEqual(rule?.logEntry, {
      seq,
      recordedAt: stored?.recordedAt,
      actor: stored?.actor,
      reason: stored?.reason,
      sourceId: stored?.sourceId,
      entryHash: stored?.entryHash,
      prevHash: stored?.prevHash,
    })
  })

  test('a log entry that does not put the rule is log.integrity, not a wrong citation', async () => {
    await assert.rejects(
      readRuleLogEntry(fixture.bridge.store, 0, SANDBOX_RULE),
      (error) => isKakehashiError(error) && error.code === 'log.integrity',
    )
  })

  test('no rule for the type: recognition.none, the pair’s rule passed over as another type', async () => {
    const answer = await explain({ credentialType: OTHER_TYPE })
    assert.equal(answer.verdict, 'not_recognised')
    assert.equal(answer.reason, 'recognition.none')
    assert.equal(answer.types[0]?.rule, undefined)
    assert.deepEqual(
      answer.types[0]?.passedOver.map((p) => [p.rule.id, p.why]),
      [[SANDBOX_RULE, 'other_type']],
    )
  })

  test('no rule for the pair at all, without a type: recognition.none and no types', async () => {
    const answer = await explain({ recognisedFrameworkId: 'eu.eudi.pid' })
    assert.equal(answer.verdict, 'not_recognised')
    assert.equal(answer.reason, 'recognition.none')
    assert.deepEqual(answer.types, [])
  })

  test('not in force: recognition.not_in_force, each rule said not yet in force', async () => {
    const answer = await explain({
      recognisingFrameworkId: 'eu.eudi.pid',
      recognisedFrameworkId: 'jp.mynumber',
      credentialType: MYNUMBER,
      level: 'IAL3',
      atMs: Date.parse(iso(-2)),
    })
    assert.equal(answer.reason, 'recognition.not_in_force')
    const passed = answer.types[0]?.passedOver ?? []
    assert.deepEqual(passed.find((p) => p.rule.id === FUTURE_RULE)?.why, 'not_in_force')
    assert.match(passed.find((p) => p.rule.id === MIN_RULE)?.message ?? '', /not in force until/)
    const entries = await withLogEntries(fixture.bridge.store, answer)
    assert.equal(entries.types[0]?.rule, undefined, 'no deciding rule, no entry')
  })

  test('a rule that has ended is not in force, and said to have ended', async () => {
    const answer = await explain({
      recognisedFrameworkId: 'jp.mynumber',
      credentialType: ENDED_TYPE,
    })
    assert.equal(answer.reason, 'recognition.not_in_force')
    const ended = answer.types[0]?.passedOver.find((p) => p.rule.id === ENDED)
    assert.equal(ended?.why, 'not_in_force')
    assert.match(ended?.message ?? '', /^ended /)
  })

  test('a level below the minimum: recognition.level_below_minimum under that rule', async () => {
    const pair = { recognisingFrameworkId: 'eu.eudi.pid', recognisedFrameworkId: 'jp.mynumber' }
    const below = await explain({ ...pair, credentialType: MYNUMBER, level: 'IAL2' })
    assert.equal(below.verdict, 'not_recognised')
    assert.equal(below.reason, 'recognition.level_below_minimum')
    assert.equal(below.types[0]?.rule?.id, MIN_RULE)
    assert.equal(below.types[0]?.rule?.minimumLevel, 'IAL3')
    const unstated = await explain({ ...pair, credentialType: MYNUMBER })
    assert.equal(unstated.reason, 'recognition.level_below_minimum')
    const atMinimum = await explain({ ...pair, credentialType: MYNUMBER, level: 'IAL3' })
    assert.equal(atMinimum.verdict, 'recognised')
    assert.equal(atMinimum.types[0]?.recognisedLevel, 'high')
  })

  test('a level the rule does not map: recognition.level_unmapped, and not one of the levels', async () => {
    const answer = await explain({ credentialType: DIPLOMA, level: 'unlisted' })
    assert.equal(answer.reason, 'recognition.level_unmapped')
    assert.equal(answer.types[0]?.rule?.id, SANDBOX_RULE)
    assert.equal(answer.levelListed, false)
  })

  test('asymmetry: a rule A ← B and none B ← A is reported as such, both ways', async () => {
    const forward = await explain({
      recognisedFrameworkId: 'jp.mynumber',
      credentialType: ONE_WAY_TYPE,
    })
    assert.equal(forward.verdict, 'recognised')
    assert.equal(forward.types[0]?.rule?.id, ONE_WAY)
    assert.equal(forward.types[0]?.rule?.scope, 'enrolment checks only')
    assert.equal(forward.reverse.recognisingFrameworkId, 'jp.mynumber')
    assert.equal(forward.reverse.hasRule, false)
    assert.deepEqual(forward.reverse.rules, [])
    assert.match(forward.reverse.message, /separate question, and the registry holds no rule/)
    const backward = await explain({
      recognisingFrameworkId: 'jp.mynumber',
      recognisedFrameworkId: 'eu.academic',
      credentialType: ONE_WAY_TYPE,
    })
    assert.equal(backward.reason, 'recognition.none')
    assert.equal(backward.reverse.hasRule, true)
    assert.deepEqual(backward.reverse.coveringType, [ONE_WAY, ONE_WAY_SECOND])
  })

  test('the sandbox’s reverse rule is separate and does not name the type asked about', async () => {
    const answer = await explain({ credentialType: DIPLOMA })
    assert.deepEqual(
      answer.reverse.rules.map((r) => r.id),
      [REVERSE_SANDBOX_RULE],
    )
    assert.deepEqual(answer.reverse.coveringType, [])
    assert.match(answer.reverse.message, /none of them names/)
  })

  test('two rules in force: the first by id decides, the other is passed over as not chosen', async () => {
    const answer = await explain({
      recognisedFrameworkId: 'jp.mynumber',
      credentialType: ONE_WAY_TYPE,
    })
    const second = answer.types[0]?.passedOver.find((p) => p.rule.id === ONE_WAY_SECOND)
    assert.equal(second?.why, 'not_chosen')
    assert.equal(answer.types[0]?.passedOver.find((p) => p.rule.id === ENDED)?.why, 'other_type')
  })

  test('an unknown framework: recognition.framework_unknown, on either side', async () => {
    const rp = await explain({ recognisingFrameworkId: 'xx.unknown', credentialType: DIPLOMA })
    assert.equal(rp.verdict, 'not_recognised')
    assert.equal(rp.reason, 'recognition.framework_unknown')
    assert.equal(rp.recognising.known, false)
    assert.deepEqual(rp.types, [])
    const issuer = await explain({ recognisedFrameworkId: 'xx.unknown' })
    assert.equal(issuer.reason, 'recognition.framework_unknown')
    assert.match(issuer.message, /xx\.unknown is not in the registry/)
  })

  test('the same framework needs no rule', async () => {
    const answer = await explain({ recognisedFrameworkId: 'eu.academic', credentialType: DIPLOMA })
    assert.equal(answer.verdict, 'recognised')
    assert.equal(answer.types[0]?.sameFramework, true)
  })

  test('a stale source: source.stale under refuse, recognised and said stale under accept', async () => {
    const input = {
      recognisingFrameworkId: 'jp.mynumber',
      recognisedFrameworkId: 'eu.eudi.pid',
      credentialType: PID,
      level: 'high',
    }
    const fresh = await explain(input)
    assert.equal(fresh.verdict, 'recognised')
    assert.equal(fresh.types[0]?.source?.stale, false)
    const later = { ...input, nowMs: Date.parse(iso(11)) }
    const refused = await explain(later)
    assert.equal(refused.reason, 'source.stale')
    assert.equal(refused.types[0]?.rule?.id, LIST_RULE)
    const accepted = await explain({ ...later, staleSources: 'accept' })
    assert.equal(accepted.verdict, 'recognised')
    assert.equal(accepted.types[0]?.source?.acceptedByPolicy, true)
    assert.match(accepted.message, /stale, accepted by policy/)
  })

  test('without a type: every type of the pair answered on its own', async () => {
    const answer = await explain({
      recognisingFrameworkId: 'eu.eudi.pid',
      recognisedFrameworkId: 'jp.mynumber',
    })
    assert.deepEqual(
      answer.types.map((t) => [t.credentialType, t.verdict, t.reason]),
      [
        [JP_MYNUMBER_SANDBOX_DOCTYPE, 'recognised', undefined],
        [MYNUMBER, 'not_recognised', 'recognition.level_below_minimum'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    assert.equal(answer.verdict, 'recognised')
    assert.match(answer.message, /; not for urn:kakehashi:sandbox:jp\.mynumber-identity:1/)
  })
})

describe('describeRecognitionRule', () => {
  test('one rule with both frameworks and the reverse direction', async () => {
    const description = describeRecognitionRule(await fixture.bridge.registry.get(), SANDBOX_RULE, {
      atMs: start,
    })
    assert.equal(description.rule.id, SANDBOX_RULE)
    assert.equal(description.recognised.id, 'jp.academic')
    assert.deepEqual(
      description.reverse.rules.map((r) => r.id),
      [REVERSE_SANDBOX_RULE],
    )
  })

  test('an unknown rule id is registry.not_found', async () => {
    const snapshot = await fixture.bridge.registry.get()
    assert.throws(
      () => describeRecognitionRule(snapshot, 'no.such.rule', { atMs: start }),
      (error) => isKakehashiError(error) && error.code === 'registry.not_found',
    )
  })
})
