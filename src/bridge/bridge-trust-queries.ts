// Trust queries against a bridge: its current snapshot, its clock, its stale-source policy, its anchors.
import type { LookupQuery, LookupResponse } from '../registry/queries/lookup-identity.ts'
import { lookupIdentity } from '../registry/queries/lookup-identity.ts'
import { queryAuthorisation } from '../registry/queries/query-authorisation.ts'
import { queryRecognition } from '../registry/queries/query-recognition.ts'
import type {
  TrqpAuthorizationResponse,
  TrqpRecognitionResponse,
  TrqpRequest,
} from '../registry/queries/trust-query-types.ts'
import { anchorSetFor } from '../verify/anchor-set-for.ts'
import type { Bridge } from './open-bridge.ts'

type QueryBridge = Pick<Bridge, 'registry' | 'clock' | 'config' | 'limits'>

const optionsOf = (bridge: QueryBridge) => ({
  nowMs: bridge.clock.now(),
  staleSources: bridge.config.staleSources,
})

export async function answerAuthorization(
  bridge: QueryBridge,
  request: TrqpRequest,
): Promise<TrqpAuthorizationResponse> {
  return queryAuthorisation(await bridge.registry.get(), request, optionsOf(bridge))
}

export async function answerRecognition(
  bridge: QueryBridge,
  request: TrqpRequest,
): Promise<TrqpRecognitionResponse> {
  return queryRecognition(await bridge.registry.get(), request, optionsOf(bridge))
}

/** A certificate no identity matches is tried against the same parsed anchors verification uses. */
export async function answerLookup(
  bridge: QueryBridge,
  query: LookupQuery,
): Promise<LookupResponse> {
  const snapshot = await bridge.registry.get()
  return lookupIdentity(snapshot, query, {
    ...optionsOf(bridge),
    anchors: anchorSetFor(snapshot),
    maxCertificates: bridge.limits.maxX5cCertificates,
  })
}
