// Recognition rules as the registry holds them: listed, one described, each side and the reverse direction.
import { KakehashiError } from '../../errors.ts'
import type { RecognitionRule } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import { isRuleInForce } from './find-recognition-rule.ts'
import type {
  FrameworkSummary,
  RecognitionRuleDescription,
  RecognitionRuleList,
  RecognitionRuleRecord,
  ReverseDirection,
} from './recognition-explanation-types.ts'
import { judgeFreshness, type StaleSourcePolicy } from './source-freshness.ts'

export function ruleRecord(
  snapshot: RegistrySnapshot,
  rule: RecognitionRule,
  atMs: number,
): RecognitionRuleRecord {
  // The stored JSON comes back in the database's key order; the reader's is the model's.
  const { id, recognisingFrameworkId, recognisedFrameworkId, credentialTypes, ...rest } = rule
  const record: RecognitionRuleRecord = {
    id,
    recognisingFrameworkId,
    recognisedFrameworkId,
    credentialTypes,
    ...rest,
    inForce: isRuleInForce(rule, atMs),
  }
  const logSeq = snapshot.logPositions.recognitionRules.get(rule.id)
  if (logSeq !== undefined) record.logSeq = logSeq
  return record
}

export function frameworkSummary(snapshot: RegistrySnapshot, id: string): FrameworkSummary {
  const framework = snapshot.frameworks.get(id)
  if (framework === undefined) return { id, known: false }
  const summary: FrameworkSummary = {
    id,
    known: true,
    name: framework.name,
    jurisdiction: framework.jurisdiction,
    assuranceLevels: [...framework.assuranceLevels],
  }
  const logSeq = snapshot.logPositions.frameworks.get(id)
  if (logSeq !== undefined) summary.logSeq = logSeq
  return summary
}

/** The rules by which `recognising` recognises `recognised`, in id order (the order they are tried in). */
export const rulesBetween = (
  snapshot: RegistrySnapshot,
  recognisingFrameworkId: string,
  recognisedFrameworkId: string,
): RecognitionRule[] =>
  snapshot.recognitionRules
    .filter(
      (rule) =>
        rule.recognisingFrameworkId === recognisingFrameworkId &&
        rule.recognisedFrameworkId === recognisedFrameworkId,
    )
    .sort((a, b) => a.id.localeCompare(b.id))

/**
 * The other direction of a pair. Recognition is directional: A recognising B says nothing about B
 * recognising A, so the reverse is always reported, to make its absence as plain as its presence.
 */
export function reverseDirection(
  snapshot: RegistrySnapshot,
  pair: { recognisingFrameworkId: string; recognisedFrameworkId: string },
  atMs: number,
  credentialType?: string,
): ReverseDirection {
  const recognisingFrameworkId = pair.recognisedFrameworkId
  const recognisedFrameworkId = pair.recognisingFrameworkId
  const rules = rulesBetween(snapshot, recognisingFrameworkId, recognisedFrameworkId).map((rule) =>
    ruleRecord(snapshot, rule, atMs),
  )
  const question = `the reverse, ${recognisingFrameworkId} recognising ${recognisedFrameworkId}, is a separate question`
  const reverse: ReverseDirection = {
    recognisingFrameworkId,
    recognisedFrameworkId,
    hasRule: rules.length > 0,
    rules,
    message:
      rules.length === 0
        ? `${question}, and the registry holds no rule for it`
        : `${question}, answered by separate rules: ${rules.map((r) => r.id).join(', ')}`,
  }
  if (credentialType !== undefined) {
    const covering = rules
      .filter((rule) => rule.inForce && rule.credentialTypes.includes(credentialType))
      .map((rule) => rule.id)
    reverse.coveringType = covering
    if (rules.length > 0)
      reverse.message +=
        covering.length > 0
          ? `; for ${credentialType}: ${covering.join(', ')}`
          : `; none of them names ${credentialType} in force`
  }
  return reverse
}

export function listRecognitionRuleRecords(
  snapshot: RegistrySnapshot,
  atMs: number,
): RecognitionRuleList {
  const rules = [...snapshot.recognitionRules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((rule) => ruleRecord(snapshot, rule, atMs))
  const named = new Set(
    rules.flatMap((rule) => [rule.recognisingFrameworkId, rule.recognisedFrameworkId]),
  )
  return {
    rules,
    frameworks: [...named].sort().map((id) => frameworkSummary(snapshot, id)),
    at: new Date(atMs).toISOString(),
    checkpoint: snapshot.checkpoint,
  }
}

/**
 * One rule with both its frameworks, its source (judged at `nowMs`, default `atMs`) and the reverse
 * direction. An unknown id is `registry.not_found`, as everywhere in the registry.
 */
export function describeRecognitionRule(
  snapshot: RegistrySnapshot,
  id: string,
  options: { atMs: number; nowMs?: number; staleSources?: StaleSourcePolicy },
): RecognitionRuleDescription {
  const rule = snapshot.recognitionRules.find((candidate) => candidate.id === id)
  if (rule === undefined) {
    throw new KakehashiError(
      'registry.not_found',
      `recognition rule ${id} is not in the registry`,
      {
        kind: 'recognition rule',
        id,
      },
    )
  }
  const { atMs } = options
  const freshness = judgeFreshness(
    snapshot,
    rule,
    options.nowMs ?? atMs,
    options.staleSources ?? 'refuse',
  )
  return {
    rule: ruleRecord(snapshot, rule, atMs),
    recognising: frameworkSummary(snapshot, rule.recognisingFrameworkId),
    recognised: frameworkSummary(snapshot, rule.recognisedFrameworkId),
    ...(freshness.source !== undefined ? { source: freshness.source } : {}),
    reverse: reverseDirection(snapshot, rule, atMs),
    at: new Date(atMs).toISOString(),
    checkpoint: snapshot.checkpoint,
  }
}
