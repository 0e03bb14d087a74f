// The verification report: the verdict, every check, the trust path, the claims, the registry position.

import type {
  Authorisation,
  LogCheckpoint,
  RecognitionRule,
  TrustFramework,
} from '../model/index.ts'
import type { Check } from './check-list.ts'
import type { LearningSummary } from './learning-summary.ts'
import type { Meaning } from './meaning.ts'

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

/** One returned data element (mdoc), in the form a report shows. */
export interface DataElement {
  nameSpace: string
  elementIdentifier: string
  /** What the element is, from the doc type's profile; absent for an element no profile describes. */
  label?: { en: string; ja?: string }
  value: unknown
  /** `issuer`: covered by an MSO digest; `device`: signed by the holder's device key only. */
  signedBy: 'issuer' | 'device'
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
  /** The disclosed claims as the issuer stated them (mdoc: by namespace, then element identifier). */
  claims?: Record<string, unknown>
  /** mdoc: each returned data element with its profile's name and who signed it. */
  elements?: DataElement[]
  /** Open Badges 3.0 and ELM credentials: awarding body, learner, achievement, level, credits, date. */
  learning?: LearningSummary
  /** W3C presentations: who presented the credential, and in what (`ldp_vp`, `vp+jwt`, …). */
  presentation?: { holder: string; format: string }
  /** The credential in the relying party's vocabulary, where a crosswalk leads there. */
  meaning?: Meaning
  /** The registry log position the decision was made against. */
  registry: LogCheckpoint
  evaluatedAt: string
}
