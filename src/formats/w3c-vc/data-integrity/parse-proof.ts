// One proof object read into typed fields, refusing what vc-data-integrity §2.1 does not allow.
import { isPlainObject } from '../../../lib/parse-json.ts'
import { dataIntegrityLimits, type Refusal, refuse } from './data-integrity-codes.ts'

/** A proof's fields, as checked here; `options` is the proof without `proofValue` (the proof options). */
export interface ParsedProof {
  type: string
  cryptosuite: string | undefined
  verificationMethod: string
  proofPurpose: string
  proofValue: string | undefined
  id: string | undefined
  created: { text: string; ms: number } | undefined
  expires: { text: string; ms: number } | undefined
  challenge: string | undefined
  domain: string[] | undefined
  previousProof: string[]
  options: Record<string, unknown>
}

// XML Schema 1.1 dateTimeStamp: a dateTime whose time zone is required (vc-data-integrity §2.1).
const dateTimeStamp =
  /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/

function readDate(
  proof: Record<string, unknown>,
  name: 'created' | 'expires',
): { text: string; ms: number } | undefined | Refusal {
  const value = proof[name]
  if (value === undefined) return undefined
  const ms = typeof value === 'string' && dateTimeStamp.test(value) ? Date.parse(value) : Number.NaN
  if (!Number.isFinite(ms)) {
    return refuse('w3c.proof_malformed', `proof \`${name}\` is not an XML Schema dateTimeStamp`)
  }
  return { text: value as string, ms }
}

const isRefusal = (value: unknown): value is Refusal => isPlainObject(value) && value.ok === false

function optionalString(
  proof: Record<string, unknown>,
  name: string,
): string | undefined | Refusal {
  const value = proof[name]
  if (value === undefined || typeof value === 'string') return value
  return refuse('w3c.proof_malformed', `proof \`${name}\` is not a string`)
}

function stringList(value: unknown, name: string, limit: number): string[] | Refusal {
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0 || list.length > limit || !list.every((v) => typeof v === 'string')) {
    return refuse('w3c.proof_malformed', `proof \`${name}\` is not a string or a list of strings`)
  }
  return list as string[]
}

/**
 * Reads a proof. `type`, `verificationMethod` and `proofPurpose` must exist (§4.4 step 4); the
 * others are checked for their form only, their meaning is checked by the caller.
 */
export function parseProof(proof: unknown): ParsedProof | Refusal {
  if (!isPlainObject(proof)) return refuse('w3c.proof_malformed', 'proof is not a JSON object')
  for (const name of ['type', 'verificationMethod', 'proofPurpose'] as const) {
    if (proof[name] === undefined) {
      return refuse('w3c.proof_malformed', `proof has no \`${name}\``)
    }
    if (typeof proof[name] !== 'string' || proof[name] === '') {
      return refuse('w3c.proof_malformed', `proof \`${name}\` is not a non-empty string`)
    }
  }
  const cryptosuite = optionalString(proof, 'cryptosuite')
  const proofValue = optionalString(proof, 'proofValue')
  const id = optionalString(proof, 'id')
  const challenge = optionalString(proof, 'challenge')
  const created = readDate(proof, 'created')
  const expires = readDate(proof, 'expires')
  for (const field of [cryptosuite, proofValue, id, challenge, created, expires]) {
    if (isRefusal(field)) return field
  }
  let domain: string[] | undefined
  if (proof.domain !== undefined) {
    const list = stringList(proof.domain, 'domain', dataIntegrityLimits.maxDomains)
    if (isRefusal(list)) return list
    domain = list
  }
  let previousProof: string[] = []
  if (proof.previousProof !== undefined) {
    const list = stringList(proof.previousProof, 'previousProof', dataIntegrityLimits.maxProofs)
    if (isRefusal(list)) return list
    previousProof = list
  }
  const { proofValue: _signature, ...options } = proof
  return {
    type: proof.type as string,
    cryptosuite: cryptosuite as string | undefined,
    verificationMethod: proof.verificationMethod as string,
    proofPurpose: proof.proofPurpose as string,
    proofValue: proofValue as string | undefined,
    id: id as string | undefined,
    created: created as ParsedProof['created'],
    expires: expires as ParsedProof['expires'],
    challenge: challenge as string | undefined,
    domain,
    previousProof,
    options,
  }
}

export { isRefusal }
