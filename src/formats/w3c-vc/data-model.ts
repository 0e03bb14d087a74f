// The W3C VC Data Model rules a verifier checks on any credential, whatever secures it (VCDM 2.0 §4, VCDM 1.1 §4).
import { isPlainObject } from '../../lib/parse-json.ts'
import { issuerIdOf } from './types.ts'

export const VCDM2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
export const VCDM1_CONTEXT = 'https://www.w3.org/2018/credentials/v1'

export type DataModelCode = 'w3c.data_model_invalid'

export interface CredentialDataModel {
  /** `2.0` or `1.1`, from the first `@context` entry. */
  version: '2.0' | '1.1'
  types: string[]
  issuer: string
  id?: string
  /** Epoch ms: `validFrom` / `validUntil` (2.0), `issuanceDate` / `expirationDate` (1.1). */
  validFromMs?: number
  validUntilMs?: number
  /** `credentialStatus` entries, as an array (the data model allows one object or several). */
  credentialStatus: Record<string, unknown>[]
  credentialSubject: Record<string, unknown>[]
}

export type DataModelResult =
  | { ok: true; model: CredentialDataModel }
  | { ok: false; code: DataModelCode; message: string }

const fail = (message: string): DataModelResult => ({
  ok: false,
  code: 'w3c.data_model_invalid',
  message,
})

// XML Schema dateTimeStamp (2.0) needs a time zone; 1.1's xsd:dateTime does not, and then it is read as UTC.
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/

function dateOf(value: unknown, member: string, needsZone: boolean): number | string {
  if (typeof value !== 'string') return `${member} is not a string`
  const match = DATE_TIME.exec(value)
  if (match === null) return `${member} (${value.slice(0, 40)}) is not an XML Schema dateTime`
  if (needsZone && match[1] === undefined) return `${member} has no time zone (dateTimeStamp)`
  const ms = Date.parse(match[1] === undefined ? `${value}Z` : value)
  return Number.isNaN(ms) ? `${member} (${value.slice(0, 40)}) is not a valid time` : ms
}

/** An absolute URL or URN: `issuer`, `id` and the like "MUST be a URL" (VCDM 2.0 §4.4). */
const isUrl = (value: string): boolean => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

/** Checks the members every verifiable credential must have, in the data model version it names. */
export function readCredentialDataModel(credential: unknown): DataModelResult {
  if (!isPlainObject(credential)) return fail('the credential is not a JSON object')
  const contexts = asList(credential['@context'])
  const version =
    contexts[0] === VCDM2_CONTEXT ? '2.0' : contexts[0] === VCDM1_CONTEXT ? '1.1' : undefined
  if (version === undefined)
    return fail(`the first @context is neither ${VCDM2_CONTEXT} nor ${VCDM1_CONTEXT}`)
  const types = asList(credential.type)
  if (!types.every((t) => typeof t === 'string') || !types.includes('VerifiableCredential'))
    return fail('type does not include VerifiableCredential')
  const issuer = issuerIdOf(credential)
  if (issuer === undefined || !isUrl(issuer))
    return fail('issuer is not a URL, nor an object whose id is one')
  if (credential.id !== undefined && (typeof credential.id !== 'string' || !isUrl(credential.id)))
    return fail('id is not a URL')
  const subjects = asList(credential.credentialSubject)
  if (subjects.length === 0 || !subjects.every(isPlainObject))
    return fail('credentialSubject is not an object or a list of objects')
  const statuses = asList(credential.credentialStatus)
  if (!statuses.every(isPlainObject))
    return fail('credentialStatus is not an object or a list of objects')

  const [fromMember, untilMember] =
    version === '2.0' ? ['validFrom', 'validUntil'] : ['issuanceDate', 'expirationDate']
  const model: CredentialDataModel = {
    version,
    types: types as string[],
    issuer,
    credentialStatus: statuses as Record<string, unknown>[],
    credentialSubject: subjects as Record<string, unknown>[],
  }
  if (typeof credential.id === 'string') model.id = credential.id
  if (version === '1.1' && credential.issuanceDate === undefined)
    return fail('a VCDM 1.1 credential must have issuanceDate')
  for (const [member, into] of [
    [fromMember, 'validFromMs'],
    [untilMember, 'validUntilMs'],
  ] as const) {
    if (credential[member] === undefined) continue
    const ms = dateOf(credential[member], member, version === '2.0')
    if (typeof ms === 'string') return fail(ms)
    model[into] = ms
  }
  if (
    model.validFromMs !== undefined &&
    model.validUntilMs !== undefined &&
    model.validUntilMs < model.validFromMs
  )
    return fail(`${untilMember} is before ${fromMember}`)
  return { ok: true, model }
}
