// Shapes of the recognition explanations: a rule with its log entry, a pair of frameworks, the reverse.
import type { LogCheckpoint, RecognitionRule } from '../../model/index.ts'
import type { SourceEvidence, StaleSourcePolicy } from './source-freshness.ts'
import type { RecognitionReason } from './trust-query-types.ts'

export type RecognitionVerdict = 'recognised' | 'not_recognised'

/** Why a pair is not recognised: the TRQP reasons, and a framework the registry does not hold. */
export type ExplainReason = RecognitionReason | 'recognition.framework_unknown'

/** Why a rule of the pair is not the one that decides. */
export type PassedOverReason =
  /** It does not name the credential type asked about. */
  | 'other_type'
  /** Not yet in force, or no longer, at the time asked. */
  | 'not_in_force'
  /** Its source is past its NextUpdate and policy refuses stale sources. */
  | 'source_stale'
  /** In force and usable, but another rule comes first (rules are taken by id). */
  | 'not_chosen'

/** The log entry that put a rule as it stands: its last `recognition.put`. */
export interface RuleLogEntry {
  seq: number
  recordedAt: string
  actor: string
  reason: string
  sourceId?: string
  entryHash: string
  prevHash: string
}

/** A rule with its place in the log, and whether it is in force at the time asked. */
export interface RecognitionRuleRecord extends RecognitionRule {
  /** The seq of the log entry that last put the rule. */
  logSeq?: number
  inForce: boolean
  /** Filled by `withLogEntries` / `withRuleLogEntry`: the snapshot alone does not hold it. */
  logEntry?: RuleLogEntry
}

/** One side of a rule, as the registry describes it; `known: false` when it does not hold it. */
export interface FrameworkSummary {
  id: string
  known: boolean
  /** Bilingual where the registry's name is (`日本の高等教育 学位 / Japanese higher-education degrees`). */
  name?: string
  jurisdiction?: string
  /** Lowest first: the order `minimumLevel` is read in. */
  assuranceLevels?: string[]
  logSeq?: number
}

/** A rule of the pair that does not decide, and why. */
export interface PassedOverRule {
  rule: RecognitionRuleRecord
  why: PassedOverReason
  message: string
}

/** The answer for one credential type. */
export interface TypeExplanation {
  credentialType: string
  verdict: RecognitionVerdict
  reason?: ExplainReason
  /** The two frameworks are the same: no rule is needed. */
  sameFramework?: true
  /** The rule the decision rests on; for a level or source refusal, the rule that refused. */
  rule?: RecognitionRuleRecord
  /** The recognising framework's level the asked level counts as. */
  recognisedLevel?: string
  /** The deciding rule's source, when it was read from a list. */
  source?: SourceEvidence
  /** The other rules of the pair. */
  passedOver: PassedOverRule[]
  message: string
}

/** The rules of the other direction: a separate question, answered by separate rules. */
export interface ReverseDirection {
  recognisingFrameworkId: string
  recognisedFrameworkId: string
  hasRule: boolean
  rules: RecognitionRuleRecord[]
  /** With a credential type: the reverse rules that name it and are in force. */
  coveringType?: string[]
  message: string
}

export interface RecognitionExplanation {
  recognising: FrameworkSummary
  recognised: FrameworkSummary
  /** The credential type asked about; absent: every type a rule of the pair names. */
  credentialType?: string
  /** The recognised framework's level asked about. */
  level?: string
  /** Whether that level is one of the recognised framework's assurance levels. */
  levelListed?: boolean
  /** The time rules are read in force at (RFC 3339). */
  at: string
  staleSources: StaleSourcePolicy
  /**
   * With a type, its verdict. Without, `recognised` when some type is; otherwise the reason is
   * the first type's (types in order), or `recognition.none` when the pair has no rule at all.
   */
  verdict: RecognitionVerdict
  reason?: ExplainReason
  message: string
  types: TypeExplanation[]
  reverse: ReverseDirection
  checkpoint: LogCheckpoint
}

/** `recognition show`: one rule, both its frameworks, its source and the reverse direction. */
export interface RecognitionRuleDescription {
  rule: RecognitionRuleRecord
  recognising: FrameworkSummary
  recognised: FrameworkSummary
  source?: SourceEvidence
  reverse: ReverseDirection
  at: string
  checkpoint: LogCheckpoint
}

/** `recognition list`: every rule, in id order. */
export interface RecognitionRuleList {
  rules: RecognitionRuleRecord[]
  /** The frameworks the rules name, in id order, for their names and levels. */
  frameworks: FrameworkSummary[]
  at: string
  checkpoint: LogCheckpoint
}
