// Validates an Open Badges 3.0 credential against Kakehashi's schema and says, by JSON Pointer, what does not conform.
import type { ErrorObject, ValidateFunction } from 'ajv'
import Ajv2019 from 'ajv/dist/2019.js'
import addFormats from 'ajv-formats'
import { typesOf } from '../../types.ts'
import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA_ID,
  achievementCredentialSchema,
  ENDORSEMENT_CREDENTIAL_SCHEMA_ID,
  endorsementCredentialSchema,
} from './open-badges-3-schema.ts'

export interface SchemaViolation {
  /** JSON Pointer of the instance location; for a missing member, where it belongs. */
  path: string
  /** For a relying party, read after the path: `/credentialSubject/type: must contain "AchievementSubject"`. */
  message: string
  /** The JSON Schema keyword that failed. */
  keyword: string
}

export type OpenBadgeValidation =
  | { ok: true; schema: string }
  | { ok: false; schema: string; violations: SchemaViolation[] }

/** A credential far off the model fails everywhere; past this many, more lines tell nothing new. */
export const MAX_SCHEMA_VIOLATIONS = 20

const ACHIEVEMENT_TYPES = ['OpenBadgeCredential', 'AchievementCredential']
const ENDORSEMENT_TYPE = 'EndorsementCredential'

/** Whether the credential says it is an Open Badges 3.0 one: its `type` names an OB 3.0 credential class. */
export function isOpenBadgeCredential(credential: Record<string, unknown>): boolean {
  return typesOf(credential).some(
    (t) => typeof t === 'string' && (ACHIEVEMENT_TYPES.includes(t) || t === ENDORSEMENT_TYPE),
  )
}

interface Validators {
  achievement: ValidateFunction
  endorsement: ValidateFunction
}

let validators: Validators | undefined

/** Compiled on first use: most verifications never meet an Open Badge. */
function compiled(): Validators {
  if (validators !== undefined) return validators
  const ajv = new Ajv2019.default({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    // `@context` is an open tuple: its first two entries are fixed, any number may follow.
    strictTuples: false,
    // `verbose` hands each error its schema, which the messages below are made from.
    verbose: true,
  })
  addFormats.default(ajv)
  validators = {
    achievement: ajv.compile(achievementCredentialSchema),
    endorsement: ajv.compile(endorsementCredentialSchema),
  }
  return validators
}

/**
 * Checks the credential's JSON against the Open Badges 3.0 data model (see open-badges-3-schema.ts):
 * an EndorsementCredential against the endorsement schema, anything else against the
 * AchievementCredential one. The input is a parsed credential; its depth was bounded when it
 * was parsed. The proof is neither required nor verified here.
 */
export function validateOpenBadgeCredential(
  credential: Record<string, unknown>,
): OpenBadgeValidation {
  const types = typesOf(credential)
  const endorsement =
    types.includes(ENDORSEMENT_TYPE) && !types.some((t) => ACHIEVEMENT_TYPES.includes(t as string))
  const schema = endorsement ? ENDORSEMENT_CREDENTIAL_SCHEMA_ID : ACHIEVEMENT_CREDENTIAL_SCHEMA_ID
  const validate = endorsement ? compiled().endorsement : compiled().achievement
  if (validate(credential)) return { ok: true, schema }
  return { ok: false, schema, violations: violationsOf(validate.errors ?? []) }
}

/** `path: message`, as a report line. */
export const formatViolation = (violation: SchemaViolation): string =>
  `${violation.path === '' ? '/' : violation.path}: ${violation.message}`

function violationsOf(errors: ErrorObject[]): SchemaViolation[] {
  // An `anyOf` or a `contains` speaks for the subschema it tried on each value, whose own
  // failures would only repeat it; an `if` failing is a branch being chosen, not a violation.
  const summaries = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'contains')
  const summarised = (error: ErrorObject): boolean =>
    summaries.some(
      (s) =>
        error.schemaPath.startsWith(`${s.schemaPath}/`) &&
        (error.instancePath === s.instancePath ||
          error.instancePath.startsWith(`${s.instancePath}/`)),
    )
  const seen = new Set<string>()
  const violations: SchemaViolation[] = []
  for (const error of errors) {
    if (error.keyword === 'if' || summarised(error)) continue
    const violation = violationOf(error)
    const key = `${violation.path}\n${violation.message}`
    if (seen.has(key)) continue
    seen.add(key)
    violations.push(violation)
    if (violations.length === MAX_SCHEMA_VIOLATIONS) break
  }
  return violations
}

const escapePointer = (name: string): string => name.replaceAll('~', '~0').replaceAll('/', '~1')

const quoted = (values: readonly unknown[]): string =>
  values.map((v) => JSON.stringify(v)).join(', ')

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
}

const FORMAT_NAMES: Record<string, string> = {
  uri: 'a URI',
  'date-time': 'a date-time with a time zone (RFC 3339)',
  'iso-date-time': 'an ISO 8601 date-time',
  date: 'a date (YYYY-MM-DD)',
  email: 'an email address',
}

function violationOf(error: ErrorObject): SchemaViolation {
  const { keyword, params } = error
  const parent = error.parentSchema as { description?: unknown } | undefined
  const described = typeof parent?.description === 'string' ? parent.description : undefined
  if (keyword === 'required') {
    const missing = String(params.missingProperty)
    return {
      path: `${error.instancePath}/${escapePointer(missing)}`,
      message: described ?? 'is required',
      keyword,
    }
  }
  return { path: error.instancePath, message: described ?? messageOf(error), keyword }
}

function messageOf(error: ErrorObject): string {
  const { keyword, params } = error
  switch (keyword) {
    case 'type': {
      const types = String(params.type).split(',')
      return `must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`
    }
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`
    case 'enum':
      return `must be one of ${quoted(params.allowedValues as unknown[])}`
    case 'contains': {
      const wanted = error.schema as { const?: unknown; enum?: unknown[] }
      if ('const' in wanted) return `must contain ${JSON.stringify(wanted.const)}`
      if (Array.isArray(wanted.enum)) return `must contain one of ${quoted(wanted.enum)}`
      return error.message ?? 'must contain a matching item'
    }
    case 'format':
      return `must be ${FORMAT_NAMES[String(params.format)] ?? `in the format ${params.format}`}`
    case 'minItems':
      return `must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}`
    default:
      return error.message ?? `fails "${keyword}"`
  }
}
