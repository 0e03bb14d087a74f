// TRQP `action` values and the registry roles they ask about: the one table both directions use.
import type { AuthorisationRole } from '../../model/index.ts'

/**
 * An authorisation query's `action` → the role an authorisation must hold. TRQP leaves actions to
 * the ecosystem; these are Kakehashi's, one or more per role, verbs as TRQP's examples use them.
 */
export const authorisationActions = {
  issue: 'issuer',
  verify: 'relying_party',
  rely: 'relying_party',
  'provide-wallet': 'wallet_provider',
  'assess-conformity': 'conformity_assessor',
  'provide-status': 'status_provider',
  'provide-trust-service': 'trust_service_provider',
} as const satisfies Record<string, AuthorisationRole>

export type AuthorisationAction = keyof typeof authorisationActions

/** A recognition query asks whether one framework recognises another: TRQP's `recognize`. */
export const recognitionActions = ['recognize', 'recognise'] as const

export const roleForAction = (action: string): AuthorisationRole | undefined =>
  Object.hasOwn(authorisationActions, action)
    ? authorisationActions[action as AuthorisationAction]
    : undefined

export const isRecognitionAction = (action: string): boolean =>
  (recognitionActions as readonly string[]).includes(action)
