// TRQP v2 query and response shapes, with Kakehashi's optional evidence, log checkpoint and expiry.
import type {
  Authorisation,
  AuthorisationRole,
  AuthorisationStatus,
  AuthorisationStatusEvent,
  LocalisedName,
  LogCheckpoint,
  RecognitionRule,
} from '../../model/index.ts'
import type { SourceEvidence } from './source-freshness.ts'

/** TRQP `context`: `time` (RFC 3339, Z) and further string members (`assurance_level`, …). */
export type TrqpContext = { time?: string } & Record<string, string>

/** The TRQP v2 request, for authorisation and recognition alike. */
export interface TrqpRequest {
  entity_id: string
  authority_id: string
  action: string
  resource: string
  context?: TrqpContext
}

/** Why a query answered false: a stable code. */
export type AuthorisationReason =
  | 'authorisation.none'
  | 'authorisation.other_framework'
  | 'authorisation.resource_not_covered'
  | 'authorisation.not_yet_valid'
  | 'authorisation.expired'
  | 'authorisation.suspended'
  | 'authorisation.withdrawn'
  | 'source.stale'

export type RecognitionReason =
  | 'recognition.none'
  | 'recognition.not_in_force'
  | 'recognition.level_unmapped'
  | 'recognition.level_below_minimum'
  | 'source.stale'

export interface EntityEvidence {
  id: string
  names: LocalisedName[]
  country: string
  logSeq?: number
  /** When `entity_id` named a digital identity (a DID, a thumbprint, a fingerprint), that identity. */
  matchedIdentity?: { id: string; kind: string; logSeq?: number }
}

export interface FrameworkEvidence {
  id: string
  name: string
  jurisdiction: string
  logSeq?: number
}

export interface AuthorisationRecordEvidence extends Authorisation {
  /** The seq of the log entry that last put or changed this authorisation. */
  logSeq?: number
  /** Its status at the requested time, from the status history. */
  statusAtTime: AuthorisationStatus
  statusHistory: AuthorisationStatusEvent[]
}

export interface AuthorisationEvidence {
  reason?: AuthorisationReason
  entity: EntityEvidence
  framework: FrameworkEvidence
  role: AuthorisationRole
  /** The authorisation the answer rests on (the one in force, or the one that came closest). */
  authorisation?: AuthorisationRecordEvidence
  /** Its source's version in force; absent for operator, governance and sandbox entries. */
  source?: SourceEvidence
  /** Every authorisation of the entity for this role that was weighed, by id. */
  considered: { id: string; frameworkId: string; status: AuthorisationStatus }[]
}

export interface RuleEvidence extends RecognitionRule {
  logSeq?: number
}

export interface RecognitionEvidence {
  reason?: RecognitionReason
  recognising: FrameworkEvidence
  recognised: FrameworkEvidence
  /** `same_framework`: a framework recognises itself without a rule. */
  kind: 'rule' | 'same_framework' | 'none'
  rule?: RuleEvidence
  level?: string
  recognisedLevel?: string
  source?: SourceEvidence
  /** Rules for this pair and type that are not in force at the requested time. */
  notInForce?: string[]
}

/** What both TRQP responses carry besides their verdict and evidence, with Kakehashi's optional members. */
export interface TrqpEnvelope {
  entity_id: string
  authority_id: string
  action: string
  resource: string
  time_requested?: string
  time_evaluated: string
  message: string
  context?: TrqpContext
  /** When the answer stops holding on the registry's own data (validity end, NextUpdate). */
  expiry_time?: string
  /** The registry log position the answer was made against. */
  log_checkpoint: LogCheckpoint
}

export interface TrqpAuthorizationResponse extends TrqpEnvelope {
  authorized: boolean
  evidence: AuthorisationEvidence
}

export interface TrqpRecognitionResponse extends TrqpEnvelope {
  recognized: boolean
  evidence: RecognitionEvidence
}

/** What a query needs besides the snapshot: the evaluation time and the stale-source policy. */
export interface TrustQueryOptions {
  nowMs: number
  staleSources: 'refuse' | 'accept'
}
