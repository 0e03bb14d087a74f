// Which recognition rule lets framework A accept framework B for a credential type and level, at a time.
import type { RecognitionRule } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'

export const isRuleInForce = (rule: RecognitionRule, atMs: number): boolean =>
  Date.parse(rule.validFrom) <= atMs &&
  (rule.validUntil === undefined || atMs < Date.parse(rule.validUntil))

export type RecognitionFinding =
  | { kind: 'same_framework' }
  | { kind: 'rule'; rule: RecognitionRule; recognisedLevel?: string }
  /** A rule in force, but its level mapping has no entry for the recognised framework's level. */
  | { kind: 'level_unmapped'; rule: RecognitionRule }
  /** A rule in force, but the issuer's level is below the rule's minimum (or not one of B's levels). */
  | { kind: 'level_below_minimum'; rule: RecognitionRule }
  /** No rule in force; `candidates` are the rules for this pair and type that are not in force. */
  | { kind: 'none'; candidates: RecognitionRule[] }

/**
 * The rules of (recognising ← recognised) that name the credential type and are in force; among
 * several the first by id, so the answer is stable. A rule with an empty level mapping recognises
 * every level; otherwise the level, when one is given, must be mapped.
 */
export function findRecognitionRule(
  snapshot: RegistrySnapshot,
  input: {
    recognisingFrameworkId: string
    recognisedFrameworkId: string
    credentialType: string
    level?: string | undefined
    atMs: number
    /**
     * Rules the caller can use (e.g. not from a stale source): among several in force, these are
     * preferred, so that an unusable rule never hides a usable one.
     */
    usable?: (rule: RecognitionRule) => boolean
  },
): RecognitionFinding {
  const { recognisingFrameworkId, recognisedFrameworkId, credentialType, level, atMs } = input
  if (recognisingFrameworkId === recognisedFrameworkId) return { kind: 'same_framework' }
  const candidates = snapshot.recognitionRules.filter(
    (rule) =>
      rule.recognisingFrameworkId === recognisingFrameworkId &&
      rule.recognisedFrameworkId === recognisedFrameworkId &&
      rule.credentialTypes.includes(credentialType),
  )
  const usable = input.usable
  const inForce = candidates
    .filter((candidate) => isRuleInForce(candidate, atMs))
    .sort((a, b) => a.id.localeCompare(b.id))
  const rule = (usable === undefined ? undefined : inForce.find(usable)) ?? inForce[0]
  if (rule === undefined) return { kind: 'none', candidates }
  if (rule.minimumLevel !== undefined) {
    const order = snapshot.frameworks.get(recognisedFrameworkId)?.assuranceLevels ?? []
    const at = level === undefined ? -1 : order.indexOf(level)
    const minimum = order.indexOf(rule.minimumLevel)
    // Fail closed: a level the framework does not list, or a minimum it does not, is not "at least".
    if (at < 0 || minimum < 0 || at < minimum) return { kind: 'level_below_minimum', rule }
  }
  if (level === undefined || Object.keys(rule.levelMapping).length === 0)
    return { kind: 'rule', rule }
  // Own keys only: a level named `constructor` must not find Object.prototype's.
  const recognisedLevel = Object.hasOwn(rule.levelMapping, level)
    ? rule.levelMapping[level]
    : undefined
  if (recognisedLevel === undefined) return { kind: 'level_unmapped', rule }
  return { kind: 'rule', rule, recognisedLevel }
}
