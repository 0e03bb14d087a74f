// The seven standard metadata policy operators of OpenID Federation 1.0 §6.1.3.1: their values and combinations.
import canonicalizeModule from 'canonicalize'
import { KakehashiError } from '../../errors.ts'

/** The standard operators, in the order they are applied to a metadata parameter (§6.1.4.2). */
export const OPERATOR_ORDER = [
  'value',
  'add',
  'default',
  'one_of',
  'subset_of',
  'superset_of',
  'essential',
] as const
export type OperatorName = (typeof OPERATOR_ORDER)[number]
export type ParameterPolicy = Partial<Record<OperatorName, unknown>>

const STANDARD = new Set<string>(OPERATOR_ORDER)

// The package is CommonJS whose typings declare an ES default; under Node's ESM the default
// import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined

/** Equality of JSON values as the policy language means it: by canonical form (RFC 8785). */
export const jsonKey = (value: unknown): string => canonicalize(value) ?? 'undefined'

export const includesJson = (values: readonly unknown[], value: unknown): boolean =>
  values.some((v) => jsonKey(v) === jsonKey(value))

export const isSubset = (inner: readonly unknown[], outer: readonly unknown[]): boolean =>
  inner.every((v) => includesJson(outer, v))

export function unionJson(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const out = [...a]
  for (const v of b) if (!includesJson(out, v)) out.push(v)
  return out
}

export const intersectJson = (a: readonly unknown[], b: readonly unknown[]): unknown[] =>
  a.filter((v, i) => includesJson(b, v) && !includesJson(a.slice(0, i), v))

/**
 * Reads one parameter policy as written in a statement: standard operators with values of their
 * type (`add` may be a single value), unknown operators dropped unless the statement lists them
 * in `metadata_policy_crit`, in which case the chain cannot be used.
 */
export function readParameterPolicy(
  raw: Record<string, unknown>,
  crit: readonly string[],
  where: string,
): ParameterPolicy {
  const policy: ParameterPolicy = {}
  for (const [operator, value] of Object.entries(raw)) {
    if (!STANDARD.has(operator)) {
      if (crit.includes(operator)) {
        throw new KakehashiError(
          'oidfed.unsupported_critical',
          `${where}: critical policy operator ${operator} is not supported`,
        )
      }
      continue
    }
    const name = operator as OperatorName
    switch (name) {
      case 'add':
        policy.add = Array.isArray(value) ? value : [value]
        break
      case 'one_of':
      case 'subset_of':
      case 'superset_of':
        if (!Array.isArray(value) || (name === 'one_of' && value.length === 0)) {
          throw malformed(where, name, name === 'one_of' ? 'a non-empty array' : 'an array')
        }
        policy[name] = value
        break
      case 'essential':
        if (typeof value !== 'boolean') throw malformed(where, name, 'true or false')
        policy.essential = value
        break
      case 'default':
        if (value === null) throw malformed(where, name, 'a value other than null')
        policy.default = value
        break
      case 'value':
        policy.value = value
        break
    }
  }
  checkCombination(policy, where)
  return policy
}

/**
 * The combinations §6.1.3.1 allows within one parameter policy, individual or merged; anything
 * else is a policy error (`oidfed.policy_conflict`).
 */
export function checkCombination(policy: ParameterPolicy, where: string): void {
  const has = (name: OperatorName) => name in policy
  const conflict = (why: string) => new KakehashiError('oidfed.policy_conflict', `${where}: ${why}`)
  const arr = (name: OperatorName) => policy[name] as unknown[]
  if (has('value')) {
    const value = policy.value
    if (has('add') && !(Array.isArray(value) && isSubset(arr('add'), value))) {
      throw conflict('the values of add are not among those of value')
    }
    if (has('default') && value === null) throw conflict('default is combined with a null value')
    if (has('one_of') && !includesJson(arr('one_of'), value)) {
      throw conflict('value is not one of one_of')
    }
    if (has('subset_of') && !(Array.isArray(value) && isSubset(value, arr('subset_of')))) {
      throw conflict('value is not a subset of subset_of')
    }
    if (has('superset_of') && !(Array.isArray(value) && isSubset(arr('superset_of'), value))) {
      throw conflict('value is not a superset of superset_of')
    }
    if (value === null && policy.essential === true) {
      throw conflict('value null removes a parameter that essential requires')
    }
  }
  if (has('one_of') && (has('add') || has('subset_of') || has('superset_of'))) {
    throw conflict('one_of cannot be combined with add, subset_of or superset_of')
  }
  if (has('add') && has('subset_of') && !isSubset(arr('add'), arr('subset_of'))) {
    throw conflict('the values of add are not a subset of subset_of')
  }
  if (has('subset_of') && has('superset_of') && !isSubset(arr('superset_of'), arr('subset_of'))) {
    throw conflict('superset_of is not a subset of subset_of')
  }
}

/** Merges a subordinate's parameter policy into the one merged from its superiors (§6.1.4.1). */
export function mergeParameterPolicy(
  superior: ParameterPolicy,
  subordinate: ParameterPolicy,
  where: string,
): ParameterPolicy {
  const merged: ParameterPolicy = { ...superior }
  const conflict = (why: string) => new KakehashiError('oidfed.policy_conflict', `${where}: ${why}`)
  for (const name of OPERATOR_ORDER) {
    if (!(name in subordinate)) continue
    const next = subordinate[name]
    if (!(name in merged)) {
      merged[name] = next
      continue
    }
    const current = merged[name]
    switch (name) {
      case 'value':
      case 'default':
        if (jsonKey(current) !== jsonKey(next)) throw conflict(`two different ${name} operators`)
        break
      case 'add':
      case 'superset_of':
        merged[name] = unionJson(current as unknown[], next as unknown[])
        break
      case 'one_of': {
        const both = intersectJson(current as unknown[], next as unknown[])
        if (both.length === 0) throw conflict('the one_of operators have no value in common')
        merged.one_of = both
        break
      }
      case 'subset_of':
        merged.subset_of = intersectJson(current as unknown[], next as unknown[])
        break
      case 'essential':
        merged.essential = current === true || next === true
        break
    }
  }
  checkCombination(merged, where)
  return merged
}

const malformed = (where: string, operator: string, expected: string) =>
  new KakehashiError('oidfed.malformed', `${where}: ${operator} must be ${expected}`)
