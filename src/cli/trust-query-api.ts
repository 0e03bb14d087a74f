// The trust queries the command line asks of a bridge: in-process, or over the TRQP HTTPS binding.
import {
  answerAuthorization,
  answerLookup,
  answerRecognition,
} from '../bridge/bridge-trust-queries.ts'
import type { Bridge } from '../bridge/open-bridge.ts'
import type { LookupQuery, LookupResponse } from '../registry/queries/lookup-identity.ts'
import type {
  TrqpAuthorizationResponse,
  TrqpRecognitionResponse,
  TrqpRequest,
} from '../registry/queries/trust-query-types.ts'

export interface TrustQueryApi {
  authorization(request: TrqpRequest): Promise<TrqpAuthorizationResponse>
  recognition(request: TrqpRequest): Promise<TrqpRecognitionResponse>
  lookup(query: LookupQuery): Promise<LookupResponse>
}

export const localTrustQueryApi = (bridge: Bridge): TrustQueryApi => ({
  authorization: (request) => answerAuthorization(bridge, request),
  recognition: (request) => answerRecognition(bridge, request),
  lookup: (query) => answerLookup(bridge, query),
})

type Call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>

/** The same queries against a running bridge: its answers are the same JSON. */
export const remoteTrustQueryApi = (call: Call): TrustQueryApi => ({
  authorization: (request) => call('POST', '/authorization', request),
  recognition: (request) => call('POST', '/recognition', request),
  lookup: (query) =>
    call(
      'POST',
      '/v1/registry/lookup',
      'certificate' in query && typeof query.certificate !== 'string'
        ? { certificate: Buffer.from(query.certificate).toString('base64') }
        : query,
    ),
})
