// Why framework A does or does not recognise framework B: the deciding rule, the others, the reverse.
import type { RecognitionRule } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import {
  frameworkSummary,
  reverseDirection,
  ruleRecord,
  rulesBetween,
} from './describe-recognition-rule.ts'
import { findRecognitionRule, isRuleInForce } from './find-recognition-rule.ts'
import type {
  ExplainReason,
  PassedOverRule,
  RecognitionExplanation,
  TypeExplanation,
} from './recognition-explanation-types.ts'
import { countsUnderPolicy, judgeFreshness, type StaleSourcePolicy } from './source-freshness.ts'

export interface ExplainRecognitionInput {
  recognisingFrameworkId: string
  recognisedFrameworkId: string
  /** Absent: every credential type a rule of the pair names, each answered on its own. */
  credentialType?: string
  /** The recognised framework's level (the issuer's). */
  level?: string
  /** The time rules are read in force at. */
  atMs: number
  /**
   * When sources are judged fresh (default `atMs`): freshness is what the registry knows now,
   * not at the time asked, as in the trust queries.
   */
  nowMs?: number
  /** Default `refuse`, as in verification. */
  staleSources?: StaleSourcePolicy
}

interface Context {
  snapshot: RegistrySnapshot
  input: ExplainRecognitionInput
  pairRules: RecognitionRule[]
  nowMs: number
  policy: StaleSourcePolicy
  at: string
}

/**
 * Explains recognition from the snapshot alone: the decision is `findRecognitionRule`'s, the one
 * verification makes, with the stale-source policy applied to the rule first, as verification does.
 * The log entries of the deciding rules are added by `withLogEntries`.
 */
export function explainRecognition(
  snapshot: RegistrySnapshot,
  input: ExplainRecognitionInput,
): RecognitionExplanation {
  const { recognisingFrameworkId: a, recognisedFrameworkId: b, credentialType, level } = input
  const context: Context = {
    snapshot,
    input,
    pairRules: rulesBetween(snapshot, a, b),
    nowMs: input.nowMs ?? input.atMs,
    policy: input.staleSources ?? 'refuse',
    at: new Date(input.atMs).toISOString(),
  }
  const recognising = frameworkSummary(snapshot, a)
  const recognised = frameworkSummary(snapshot, b)
  // The question first, then the answer, then what surrounds it: the order a reader of the JSON wants.
  const answer = (
    verdict: RecognitionExplanation['verdict'],
    reason: ExplainReason | undefined,
    message: string,
    types: TypeExplanation[],
  ): RecognitionExplanation => ({
    recognising,
    recognised,
    ...(credentialType !== undefined ? { credentialType } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(level !== undefined && recognised.known
      ? { levelListed: recognised.assuranceLevels?.includes(level) ?? false }
      : {}),
    at: context.at,
    staleSources: context.policy,
    verdict,
    ...(reason !== undefined ? { reason } : {}),
    message,
    types,
    reverse: reverseDirection(
      snapshot,
      { recognisingFrameworkId: a, recognisedFrameworkId: b },
      input.atMs,
      credentialType,
    ),
    checkpoint: snapshot.checkpoint,
  })
  const unknown = [recognising, recognised].filter((f) => !f.known).map((f) => f.id)
  if (unknown.length > 0) {
    const one = unknown.length === 1
    return answer(
      'not_recognised',
      'recognition.framework_unknown',
      `${one ? 'framework' : 'frameworks'} ${unknown.join(' and ')} ${one ? 'is' : 'are'} not in the registry`,
      [],
    )
  }
  if (credentialType !== undefined) {
    const only = explainType(context, credentialType)
    return answer(only.verdict, only.reason, only.message, [only])
  }
  if (a === b)
    return answer(
      'recognised',
      undefined,
      `${a} and ${b} are the same framework: no rule needed`,
      [],
    )
  const typeNames = [...new Set(context.pairRules.flatMap((r) => r.credentialTypes))].sort()
  const types = typeNames.map((type) => explainType(context, type))
  if (types.length === 0)
    return answer(
      'not_recognised',
      'recognition.none',
      `the registry holds no rule by which ${a} recognises ${b}`,
      types,
    )
  const yes = types.filter((t) => t.verdict === 'recognised')
  const no = types.filter((t) => t.verdict === 'not_recognised')
  const refusals = no.map((t) => `${t.credentialType} (${t.reason})`).join(', ')
  if (yes.length > 0)
    return answer(
      'recognised',
      undefined,
      `${a} recognises ${b} for ${yes.map((t) => t.credentialType).join(', ')}` +
        (no.length > 0 ? `; not for ${refusals}` : ''),
      types,
    )
  return answer(
    'not_recognised',
    no[0]?.reason,
    `${a} recognises ${b} for none of the types its rules name: ${refusals}`,
    types,
  )
}

function explainType(context: Context, credentialType: string): TypeExplanation {
  const { snapshot, input, nowMs, policy, at } = context
  const { recognisingFrameworkId: a, recognisedFrameworkId: b, level, atMs } = input
  const finding = findRecognitionRule(snapshot, {
    recognisingFrameworkId: a,
    recognisedFrameworkId: b,
    credentialType,
    level,
    atMs,
    usable: (rule) => countsUnderPolicy(snapshot, rule, nowMs, policy),
  })
  if (finding.kind === 'same_framework') {
    return {
      credentialType,
      verdict: 'recognised',
      sameFramework: true,
      passedOver: [],
      message: `${a} and ${b} are the same framework: no rule needed`,
    }
  }
  const decider = finding.kind === 'none' ? undefined : finding.rule
  const passedOver = context.pairRules
    .filter((rule) => rule.id !== decider?.id)
    .map((rule) => passOver(context, rule, credentialType, decider))
  const refused = (reason: TypeExplanation['reason'], message: string): TypeExplanation => ({
    credentialType,
    verdict: 'not_recognised',
    ...(reason !== undefined ? { reason } : {}),
    ...(decider !== undefined ? { rule: ruleRecord(snapshot, decider, atMs) } : {}),
    passedOver,
    message,
  })
  if (finding.kind === 'none') {
    if (finding.candidates.length === 0)
      return refused(
        'recognition.none',
        `the registry holds no rule by which ${a} recognises ${b} for ${credentialType}`,
      )
    return refused(
      'recognition.not_in_force',
      `${a} does not recognise ${b} for ${credentialType} at ${at}: ${finding.candidates.length === 1 ? 'rule' : 'rules'} ${finding.candidates.map((r) => r.id).join(', ')} ${finding.candidates.length === 1 ? 'is' : 'are'} not in force`,
    )
  }
  const { rule } = finding
  const freshness = judgeFreshness(snapshot, rule, nowMs, policy)
  const withSource = (answer: TypeExplanation): TypeExplanation =>
    freshness.source !== undefined ? { ...answer, source: freshness.source } : answer
  if (freshness.kind === 'stale' && !freshness.acceptedByPolicy)
    return withSource(
      refused(
        'source.stale',
        `rule ${rule.id} would let ${a} recognise ${b}, but its source ${freshness.source.id} is stale (past its next update ${freshness.source.nextUpdate}) and policy refuses stale sources`,
      ),
    )
  if (finding.kind === 'level_unmapped')
    return withSource(
      refused(
        'recognition.level_unmapped',
        `rule ${rule.id} maps no ${a} level for ${b}'s level ${level}`,
      ),
    )
  if (finding.kind === 'level_below_minimum')
    return withSource(
      refused(
        'recognition.level_below_minimum',
        `rule ${rule.id} recognises ${b} from level ${rule.minimumLevel}; the level asked is ${level ?? 'not stated'}`,
      ),
    )
  const staleNote =
    freshness.kind === 'stale'
      ? `; its source ${freshness.source.id} is stale, accepted by policy`
      : ''
  const levelNote =
    finding.recognisedLevel !== undefined
      ? `; level ${level} counts as ${finding.recognisedLevel}`
      : ''
  return withSource({
    credentialType,
    verdict: 'recognised',
    rule: ruleRecord(snapshot, rule, atMs),
    ...(finding.recognisedLevel !== undefined ? { recognisedLevel: finding.recognisedLevel } : {}),
    passedOver,
    message: `${a} recognises ${b} for ${credentialType} under rule ${rule.id} (${rule.legalBasis})${levelNote}${staleNote}`,
  })
}

/** Why a rule of the pair is not the deciding one; checked in the order the finding applies them. */
function passOver(
  context: Context,
  rule: RecognitionRule,
  credentialType: string,
  decider: RecognitionRule | undefined,
): PassedOverRule {
  const { snapshot, input, nowMs, policy, at } = context
  const record = ruleRecord(snapshot, rule, input.atMs)
  if (!rule.credentialTypes.includes(credentialType))
    return {
      rule: record,
      why: 'other_type',
      message: `names ${rule.credentialTypes.join(', ')}, not ${credentialType}`,
    }
  if (!isRuleInForce(rule, input.atMs))
    return {
      rule: record,
      why: 'not_in_force',
      message:
        input.atMs < Date.parse(rule.validFrom)
          ? `not in force until ${rule.validFrom} (asked at ${at})`
          : `ended ${rule.validUntil} (asked at ${at})`,
    }
  if (!countsUnderPolicy(snapshot, rule, nowMs, policy))
    return {
      rule: record,
      why: 'source_stale',
      message: `its source ${rule.sourceId} is past its next update and policy refuses stale sources`,
    }
  return {
    rule: record,
    why: 'not_chosen',
    message: `in force too, but rule ${decider?.id} is taken first`,
  }
}
