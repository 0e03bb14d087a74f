// Decides whether the relying party's framework recognises the issuer's, for this type and level.
import type { Authorisation, RecognitionRule } from '../model/index.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { CheckList } from '../report/check-list.ts'
import type { TrustPath } from '../report/verification-report.ts'

const isActiveAt = (rule: RecognitionRule, atMs: number): boolean =>
  Date.parse(rule.validFrom) <= atMs &&
  (rule.validUntil === undefined || atMs < Date.parse(rule.validUntil))

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
  },
  checks: CheckList,
): TrustPath['recognition'] {
  const { relyingPartyFramework: rp, authorisation, credentialType, atMs } = input
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
  const candidates = snapshot.recognitionRules.filter(
    (rule) =>
      rule.recognisingFrameworkId === rp &&
      rule.recognisedFrameworkId === authorisation.frameworkId &&
      rule.credentialTypes.includes(credentialType),
  )
  const inForce = candidates.filter((rule) => isActiveAt(rule, atMs))
  const rule = inForce.sort((a, b) => a.id.localeCompare(b.id))[0]
  if (rule === undefined) {
    const why =
      candidates.length > 0
        ? `the rules ${candidates.map((r) => r.id).join(', ')} are not in force at this time`
        : `the registry holds no rule by which ${rp} recognises ${authorisation.frameworkId} for ${credentialType}`
    checks.fail(
      'recognition.rule',
      'recognition.none',
      `${rp} does not recognise ${authorisation.frameworkId}: ${why}`,
    )
    return undefined
  }
  const summary = {
    id: rule.id,
    recognisingFrameworkId: rule.recognisingFrameworkId,
    recognisedFrameworkId: rule.recognisedFrameworkId,
    legalBasis: rule.legalBasis,
  }
  const issuerLevel = authorisation.assuranceLevel
  if (issuerLevel !== undefined && Object.keys(rule.levelMapping).length > 0) {
    const recognisedLevel = rule.levelMapping[issuerLevel]
    if (recognisedLevel === undefined) {
      checks.fail(
        'recognition.rule',
        'recognition.level_unmapped',
        `rule ${rule.id} maps no ${rp} level for the issuer's level ${issuerLevel}`,
      )
      return { kind: 'rule', rule: summary, issuerLevel }
    }
    checks.pass(
      'recognition.rule',
      `${rp} recognises ${authorisation.frameworkId} for ${credentialType} under rule ${rule.id} (${rule.legalBasis}); level ${issuerLevel} counts as ${recognisedLevel}`,
    )
    return { kind: 'rule', rule: summary, issuerLevel, recognisedLevel }
  }
  checks.pass(
    'recognition.rule',
    `${rp} recognises ${authorisation.frameworkId} for ${credentialType} under rule ${rule.id} (${rule.legalBasis})`,
  )
  return issuerLevel === undefined
    ? { kind: 'rule', rule: summary }
    : { kind: 'rule', rule: summary, issuerLevel }
}
