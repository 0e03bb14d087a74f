// The verification report: the verdict, every check, the trust path, the claims, the registry position.
import type {
  Authorisation,
  LogCheckpoint,
  RecognitionRule,
  TrustFramework,
} from '../model/index.ts'
import type { Check } from './check-list.ts'

export type Verdict = 'accepted' | 'rejected'

/** Each link of the chain of reasons that lets a relying party rely on the credential. */
export interface TrustPath {
  /** The registry trust anchor the issuer's certificate chains to. */
  anchor?: {
    identityId: string
    entityId: string
    subject: string
    fingerprint: string
  }
  /** The issuer as its certificate and the registry name it. */
  issuer?: {
    iss?: string
    certificateSubject?: string
    entityId?: string
    names?: { value: string; lang: string }[]
    country?: string
  }
  authorisation?: Pick<
    Authorisation,
    | 'id'
    | 'role'
    | 'frameworkId'
    | 'credentialTypes'
    | 'assuranceLevel'
    | 'status'
    | 'validFrom'
    | 'validUntil'
  >
  framework?: Pick<TrustFramework, 'id' | 'name' | 'jurisdiction'>
  recognition?:
    | { kind: 'same_framework'; frameworkId: string }
    | {
        kind: 'rule'
        rule: Pick<
          RecognitionRule,
          'id' | 'recognisingFrameworkId' | 'recognisedFrameworkId' | 'legalBasis'
        >
        /** The issuer's level and the level it counts as under the relying party's framework. */
        issuerLevel?: string
        recognisedLevel?: string
      }
    | { kind: 'not_requested' }
}

export interface VerificationReport {
  verdict: Verdict
  /** Detected format, e.g. `dc+sd-jwt`. */
  format?: string
  credentialType?: string
  /** The relying party's framework the decision was made for, if one was given. */
  relyingPartyFramework?: string
  checks: Check[]
  /** Failure codes, in order: the short answer to "why not". */
  errors: string[]
  trustPath: TrustPath
  /** The disclosed claims as the issuer stated them. */
  claims?: Record<string, unknown>
  /** The registry log position the decision was made against. */
  registry: LogCheckpoint
  evaluatedAt: string
}
