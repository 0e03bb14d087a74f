// Merges the metadata policies of a trust chain top-down and applies the result to the subject's metadata (§6.1.4).
import { KakehashiError } from '../../errors.ts'
import {
  includesJson,
  intersectJson,
  isSubset,
  mergeParameterPolicy,
  OPERATOR_ORDER,
  type ParameterPolicy,
  readParameterPolicy,
  unionJson,
} from './policy-operators.ts'
import type { Metadata, MetadataPolicy } from './z-entity-statement.ts'

export type MergedPolicy = Record<string, Record<string, ParameterPolicy>>

/** One statement's policy, with the operators it declares critical. */
export interface StatementPolicy {
  issuer: string
  policy: MetadataPolicy
  crit?: readonly string[] | undefined
}

/**
 * Merges policies given from the trust anchor down to the subject's immediate superior: a superior's
 * policy can only be narrowed below it, and two that cannot both hold are `oidfed.policy_conflict`.
 */
export function mergeMetadataPolicies(topDown: readonly StatementPolicy[]): MergedPolicy {
  const merged: MergedPolicy = {}
  for (const { issuer, policy, crit } of topDown) {
    for (const [entityType, parameters] of Object.entries(policy)) {
      const target = merged[entityType] ?? {}
      merged[entityType] = target
      for (const [parameter, raw] of Object.entries(parameters)) {
        const where = `policy of ${issuer} for ${entityType}.${parameter}`
        const read = readParameterPolicy(raw, crit ?? [], where)
        const current = target[parameter]
        target[parameter] =
          current === undefined ? read : mergeParameterPolicy(current, read, where)
      }
    }
  }
  return merged
}

/**
 * Applies a merged policy to metadata, operators in the order of §6.1.4.2. A parameter the policy
 * refuses is `oidfed.policy_violation`; entity types without policy are left as they are.
 */
export function applyMetadataPolicy(metadata: Metadata, policy: MergedPolicy): Metadata {
  const out: Metadata = structuredClone(metadata)
  for (const [entityType, parameters] of Object.entries(policy)) {
    const target = out[entityType]
    if (target === undefined) continue
    for (const [parameter, operators] of Object.entries(parameters)) {
      applyParameterPolicy(target, parameter, operators, `${entityType}.${parameter}`)
    }
  }
  return out
}

function applyParameterPolicy(
  target: Record<string, unknown>,
  parameter: string,
  policy: ParameterPolicy,
  where: string,
): void {
  const violation = (why: string) =>
    new KakehashiError('oidfed.policy_violation', `${where}: ${why}`)
  const present = () => Object.hasOwn(target, parameter)
  const asArray = (operator: string): unknown[] => {
    const current = target[parameter]
    if (!Array.isArray(current))
      throw violation(`${operator} needs an array, the metadata has none`)
    return current
  }
  for (const operator of OPERATOR_ORDER) {
    if (!(operator in policy)) continue
    const operand = policy[operator]
    switch (operator) {
      case 'value':
        if (operand === null) delete target[parameter]
        else target[parameter] = structuredClone(operand)
        break
      case 'add':
        target[parameter] = present()
          ? unionJson(asArray('add'), operand as unknown[])
          : structuredClone(operand)
        break
      case 'default':
        if (!present()) target[parameter] = structuredClone(operand)
        break
      case 'one_of':
        if (present() && !includesJson(operand as unknown[], target[parameter])) {
          throw violation(`${JSON.stringify(target[parameter]).slice(0, 100)} is not one of one_of`)
        }
        break
      case 'subset_of':
        if (present()) target[parameter] = intersectJson(asArray('subset_of'), operand as unknown[])
        break
      case 'superset_of':
        if (present() && !isSubset(operand as unknown[], asArray('superset_of'))) {
          throw violation('the values do not include every value of superset_of')
        }
        break
      case 'essential':
        if (operand === true && !present()) throw violation('essential, but absent')
        break
    }
  }
}
