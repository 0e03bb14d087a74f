// TRQP recognition query: does framework G (`authority_id`) recognise framework F (`entity_id`) for R?
import { KakehashiError } from '../../errors.ts'
import type { RecognitionRule } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import { earliest, frameworkEvidence } from './describe-evidence.ts'
import { findRecognitionRule } from './find-recognition-rule.ts'
import { countsUnderPolicy, judgeFreshness } from './source-freshness.ts'
import { isRecognitionAction, recognitionActions } from './trqp-actions.ts'
import { trqpAnswer } from './trqp-answer.ts'
import type {
  FrameworkEvidence,
  RecognitionEvidence,
  RecognitionReason,
  RuleEvidence,
  TrqpRecognitionResponse,
  TrqpRequest,
  TrustQueryOptions,
} from './trust-query-types.ts'

/** The context member that carries the recognised framework's assurance level. */
export const LEVEL_CONTEXT_KEY = 'assurance_level'

function known(snapshot: RegistrySnapshot, id: string, role: 'entity_id' | 'authority_id') {
  const evidence = frameworkEvidence(snapshot, id)
  if (evidence !== undefined) return evidence
  throw new KakehashiError(
    role === 'entity_id' ? 'trqp.entity_unknown' : 'trqp.authority_unknown',
    `framework ${id} is not in the registry`,
    { [role]: id, log_checkpoint: snapshot.checkpoint },
  )
}

function ruleEvidence(snapshot: RegistrySnapshot, rule: RecognitionRule): RuleEvidence {
  const evidence: RuleEvidence = { ...rule }
  const logSeq = snapshot.logPositions.recognitionRules.get(rule.id)
  if (logSeq !== undefined) evidence.logSeq = logSeq
  return evidence
}

/**
 * The rule is found by the same function verification uses (`findRecognitionRule`); a rule read
 * from a source past its NextUpdate answers `source.stale` unless policy accepts stale sources.
 */
export function queryRecognition(
  snapshot: RegistrySnapshot,
  request: TrqpRequest,
  options: TrustQueryOptions,
): TrqpRecognitionResponse {
  const { entity_id, authority_id, action, resource } = request
  if (!isRecognitionAction(action)) {
    throw new KakehashiError(
      'trqp.action_unknown',
      `unknown recognition action ${JSON.stringify(action)}: ${recognitionActions.join(' or ')}`,
      { action, log_checkpoint: snapshot.checkpoint },
    )
  }
  const recognising: FrameworkEvidence = known(snapshot, authority_id, 'authority_id')
  const recognised: FrameworkEvidence = known(snapshot, entity_id, 'entity_id')
  const requestedTime = request.context?.time
  const atMs = requestedTime === undefined ? options.nowMs : Date.parse(requestedTime)
  const level = request.context?.[LEVEL_CONTEXT_KEY]
  const finding = findRecognitionRule(snapshot, {
    recognisingFrameworkId: authority_id,
    recognisedFrameworkId: entity_id,
    credentialType: resource,
    level,
    atMs,
    usable: (rule) => countsUnderPolicy(snapshot, rule, options.nowMs, options.staleSources),
  })
  const evidence: RecognitionEvidence = {
    recognising,
    recognised,
    kind: finding.kind === 'same_framework' ? 'same_framework' : 'none',
    ...(level !== undefined ? { level } : {}),
  }
  let reason: RecognitionReason | undefined
  let expiry: string | undefined
  if (finding.kind === 'none') {
    reason = finding.candidates.length > 0 ? 'recognition.not_in_force' : 'recognition.none'
    if (finding.candidates.length > 0) evidence.notInForce = finding.candidates.map((r) => r.id)
  } else if (finding.kind !== 'same_framework') {
    evidence.kind = 'rule'
    evidence.rule = ruleEvidence(snapshot, finding.rule)
    const freshness = judgeFreshness(snapshot, finding.rule, options.nowMs, options.staleSources)
    if (freshness.source !== undefined) evidence.source = freshness.source
    if (finding.kind === 'rule' && finding.recognisedLevel !== undefined)
      evidence.recognisedLevel = finding.recognisedLevel
    // The order verification uses: a rule from a stale source counts for nothing, whatever its levels.
    if (freshness.kind === 'stale' && !freshness.acceptedByPolicy) reason = 'source.stale'
    else if (finding.kind === 'level_unmapped') reason = 'recognition.level_unmapped'
    else if (finding.kind === 'level_below_minimum') reason = 'recognition.level_below_minimum'
    else {
      expiry = earliest(
        finding.rule.validUntil,
        freshness.kind === 'fresh' ? freshness.source.nextUpdate : undefined,
      )
    }
  }
  if (reason !== undefined) evidence.reason = reason
  const recognized = reason === undefined
  const message = recognized
    ? finding.kind === 'same_framework'
      ? `${authority_id} and ${entity_id} are the same framework: no rule needed`
      : `${authority_id} recognises ${entity_id} for ${resource} under rule ${evidence.rule?.id} (${evidence.rule?.legalBasis})` +
        (evidence.recognisedLevel !== undefined
          ? `; level ${level} counts as ${evidence.recognisedLevel}`
          : '') +
        (evidence.source?.stale
          ? `; its source ${evidence.source.id} is stale, accepted by policy`
          : '')
    : reasonMessage(reason as RecognitionReason, authority_id, entity_id, resource, level)
  return trqpAnswer(snapshot, request, options, {
    verdict: { recognized },
    message,
    expiry,
    evidence,
  })
}

function reasonMessage(
  reason: RecognitionReason,
  g: string,
  f: string,
  resource: string,
  level: string | undefined,
): string {
  switch (reason) {
    case 'recognition.none':
      return `${g} does not recognise ${f}: the registry holds no rule by which ${g} recognises ${f} for ${resource} (${reason})`
    case 'recognition.not_in_force':
      return `${g} does not recognise ${f} for ${resource} at this time: its rules are not in force (${reason})`
    case 'recognition.level_unmapped':
      return `${g} recognises ${f} for ${resource}, but maps no level for ${level} (${reason})`
    case 'recognition.level_below_minimum':
      return `${g} recognises ${f} for ${resource} from a minimum level that ${level ?? 'an unstated level'} does not reach (${reason})`
    case 'source.stale':
      return `${g} recognises ${f} for ${resource} by a rule whose source is past its next update (${reason})`
  }
}
