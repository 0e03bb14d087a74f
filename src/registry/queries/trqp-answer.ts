// The TRQP v2 answer envelope both queries share: the question echoed, when it was answered, and against what.
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import type { TrqpEnvelope, TrqpRequest, TrustQueryOptions } from './trust-query-types.ts'

/** The members of the request an answer repeats as they were asked. */
type Echoed = 'entity_id' | 'authority_id' | 'action' | 'resource'

/**
 * Wraps a verdict (`authorized` or `recognized`) and its evidence in the members every TRQP answer
 * carries, in the binding's order: the request's time and context echoed only when it gave them,
 * the expiry only when the answer has one.
 */
export function trqpAnswer<
  Verdict extends { authorized: boolean } | { recognized: boolean },
  Evidence,
>(
  snapshot: RegistrySnapshot,
  request: TrqpRequest,
  options: TrustQueryOptions,
  answer: { verdict: Verdict; message: string; expiry: string | undefined; evidence: Evidence },
): Pick<TrqpRequest, Echoed> & Verdict & Omit<TrqpEnvelope, Echoed> & { evidence: Evidence } {
  const { entity_id, authority_id, action, resource } = request
  const requestedTime = request.context?.time
  // Typed apart and assigned, not spread: a spread beside a generic verdict would widen the
  // optional members to `string | undefined`, which the response types do not admit.
  const answered: Omit<TrqpEnvelope, Echoed> = {
    ...(requestedTime !== undefined ? { time_requested: requestedTime } : {}),
    time_evaluated: new Date(options.nowMs).toISOString(),
    message: answer.message,
    ...(request.context !== undefined ? { context: request.context } : {}),
    ...(answer.expiry !== undefined ? { expiry_time: answer.expiry } : {}),
    log_checkpoint: snapshot.checkpoint,
  }
  return Object.assign({ entity_id, authority_id, action, resource, ...answer.verdict }, answered, {
    evidence: answer.evidence,
  })
}
