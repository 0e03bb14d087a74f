// Decides whether the relying party's framework recognises the issuer's, for this type and level.
import type { Authorisation } from '../model/index.ts'
import { findRecognitionRule } from '../registry/queries/find-recognition-rule.ts'
import {
  countsUnderPolicy,
  judgeFreshness,
  type StaleSourcePolicy,
} from '../registry/queries/source-freshness.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckList } from '../report/check-list.ts'
import type { TrustPath } from '../report/verification-report.ts'

/**
 * Records the `recognition.rule` step. Same framework needs no rule; otherwise exactly the rules
 * of (relying party's framework ← issuer's framework) that name the credential type and are in force.
 */
export function evaluateRecognition(
  snapshot: RegistrySnapshot,
  input: {
    relyingPartyFramework: string | undefined
    authorisation: Authorisation
    credentialType: string
    atMs: number
    /** Default `refuse`: a rule read from a list past its next update does not count. */
    staleSources?: StaleSourcePolicy
  },
  checks: CheckList,
): TrustPath['recognition'] {
  const { relyingPartyFramework: rp, authorisation, credentialType, atMs } = input
  const policy = input.staleSources ?? 'refuse'
  if (rp === undefined) {
    checks.skip(
      'recognition.rule',
      `no relying-party framework given: trust was evaluated under the issuer's framework ${authorisation.frameworkId} only`,
    )
    return { kind: 'not_requested' }
  }
  if (!snapshot.frameworks.has(rp)) {
    checks.fail(
      'recognition.rule',
      'recognition.framework_unknown',
      `relying-party framework ${rp} is not in the registry`,
    )
    return undefined
  }
  if (rp === authorisation.frameworkId) {
    checks.pass(
      'recognition.rule',
      `issuer and relying party are both under ${rp}: no recognition rule needed`,
    )
    return { kind: 'same_framework', frameworkId: rp }
  }
  const issuerLevel = authorisation.assuranceLevel
  const finding = findRecognitionRule(snapshot, {
    recognisingFrameworkId: rp,
    recognisedFrameworkId: authorisation.frameworkId,
    credentialType,
    level: issuerLevel,
    atMs,
    usable: (rule) => countsUnderPolicy(snapshot, rule, atMs, policy),
  })
  if (finding.kind === 'same_framework') return { kind: 'same_framework', frameworkId: rp }
  if (finding.kind === 'none') {
    const why =
      finding.candidates.length > 0
        ? `the rules ${finding.candidates.map((r) => r.id).join(', ')} are not in force at this time`
        : `the registry holds no rule by which ${rp} recognises ${authorisation.frameworkId} for ${credentialType}`
    checks.fail(
      'recognition.rule',
      'recognition.none',
      `${rp} does not recognise ${authorisation.frameworkId}: ${why}`,
    )
    return undefined
  }
  const { rule } = finding
  const summary = {
    id: rule.id,
    recognisingFrameworkId: rule.recognisingFrameworkId,
    recognisedFrameworkId: rule.recognisedFrameworkId,
    legalBasis: rule.legalBasis,
  }
  // A rule imported from a list (an MRA pointer of the LOTL) is only as current as that list.
  const freshness = judgeFreshness(snapshot, rule, atMs, policy)
  const staleNote =
    freshness.kind === 'stale'
      ? `; its source ${freshness.source.id} is stale (past its next update ${freshness.source.nextUpdate}), accepted by policy`
      : ''
  if (freshness.kind === 'stale' && !freshness.acceptedByPolicy) {
    checks.fail(
      'recognition.rule',
      'recognition.source_stale',
      `rule ${rule.id} would let ${rp} recognise ${authorisation.frameworkId}, but its source ${freshness.source.id} is stale (past its next update ${freshness.source.nextUpdate}) and policy refuses stale sources`,
      { ruleId: rule.id, sourceId: freshness.source.id, staleSources: policy },
    )
    return { kind: 'rule', rule: summary, ...(issuerLevel !== undefined ? { issuerLevel } : {}) }
  }
  if (finding.kind === 'level_unmapped') {
    checks.fail(
      'recognition.rule',
      'recognition.level_unmapped',
      `rule ${rule.id} maps no ${rp} level for the issuer's level ${issuerLevel}`,
    )
    return { kind: 'rule', rule: summary, ...(issuerLevel !== undefined ? { issuerLevel } : {}) }
  }
  if (finding.kind === 'level_below_minimum') {
    checks.fail(
      'recognition.rule',
      'recognition.level_below_minimum',
      `rule ${rule.id} recognises ${authorisation.frameworkId} from level ${rule.minimumLevel}; the issuer's level is ${issuerLevel ?? 'not stated'}`,
    )
    return { kind: 'rule', rule: summary, ...(issuerLevel !== undefined ? { issuerLevel } : {}) }
  }
  const { recognisedLevel } = finding
  if (issuerLevel !== undefined && recognisedLevel !== undefined) {
    checks.pass(
      'recognition.rule',
      `${rp} recognises ${authorisation.frameworkId} for ${credentialType} under rule ${rule.id} (${rule.legalBasis}); level ${issuerLevel} counts as ${recognisedLevel}${staleNote}`,
    )
    return { kind: 'rule', rule: summary, issuerLevel, recognisedLevel }
  }
  checks.pass(
    'recognition.rule',
    `${rp} recognises ${authorisation.frameworkId} for ${credentialType} under rule ${rule.id} (${rule.legalBasis})${staleNote}`,
  )
  return issuerLevel === undefined
    ? { kind: 'rule', rule: summary }
    : { kind: 'rule', rule: summary, issuerLevel }
}
