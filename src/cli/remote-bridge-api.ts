// The BridgeApi of a bridge already running on the same data directory, spoken to over its HTTP API.

import { KakehashiError } from '../errors.ts'
import { sessionTranscriptToJson } from '../formats/mdoc/session-transcript-json.ts'
import type { LogEntry } from '../model/index.ts'
import type { VerificationReport } from '../report/verification-report.ts'
import type { IssuedCredential } from '../sandbox/issue-sandbox-credential.ts'
import type { IssuedMdoc } from '../sandbox/issue-sandbox-mdoc.ts'
import type { IssuedW3cCredential } from '../sandbox/issue-sandbox-w3c.ts'
import type { SandboxFederationDescription } from '../sandbox/sandbox-federation.ts'
import { LOTE_JWS_MEDIA_TYPE, LOTE_XML_MEDIA_TYPE } from '../sources/lote/index.ts'
import type { SyncReport } from '../sync/sync-sources.ts'
import type { VerifyRequest } from '../verify/verify-credential.ts'
import type { BridgeApi } from './bridge-api.ts'
import { remoteRecognitionApi } from './recognition-api.ts'
import { remoteTrustQueryApi } from './trust-query-api.ts'

/** The JSON body of `POST /v1/verify`: bytes as base64url, the reader key as a JWK. */
function verifyRequestBody(request: VerifyRequest): Record<string, unknown> {
  const { credential } = request
  return {
    credential:
      typeof credential === 'string' ? credential : Buffer.from(credential).toString('base64url'),
    rp: request.relyingPartyFramework,
    nonce: request.nonce,
    aud: request.audience,
    docType: request.docType,
    sessionTranscript:
      request.sessionTranscript !== undefined
        ? sessionTranscriptToJson(request.sessionTranscript)
        : undefined,
    readerKey: request.readerEphemeralKey?.export({ format: 'jwk' }),
  }
}

export function remoteBridgeApi(baseUrl: string, operatorToken: string | undefined): BridgeApi {
  /** Sends one request; a response that is not 2xx becomes the KakehashiError its problem names. */
  async function send(
    method: 'GET' | 'POST',
    path: string | URL,
    options: { body?: unknown; operator?: boolean; timeoutMs?: number; accept?: string } = {},
  ): Promise<Response> {
    const { body, operator = false, timeoutMs = 30_000, accept = 'application/json' } = options
    const headers: Record<string, string> = { accept }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (operator && operatorToken) headers.authorization = `Bearer ${operatorToken}`
    let response: Response
    try {
      response = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      throw new KakehashiError(
        'store.unavailable',
        `the bridge at ${baseUrl} did not answer`,
        undefined,
        { cause: error },
      )
    }
    if (!response.ok) {
      const payload = (await response.json().catch(() => undefined)) as
        | Record<string, unknown>
        | undefined
      const code = typeof payload?.code === 'string' ? payload.code : 'input.invalid'
      throw new KakehashiError(
        code as never,
        String(payload?.title ?? response.statusText),
        payload,
      )
    }
    return response
  }
  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    operator = false,
    timeoutMs = 30_000,
  ): Promise<T> {
    const response = await send(method, path, { body, operator, timeoutMs })
    return (await response.json().catch(() => undefined)) as T
  }
  return {
    verify: (request) => call<VerificationReport>('POST', '/v1/verify', verifyRequestBody(request)),
    issue: (issuer, options) =>
      call<IssuedCredential>('POST', '/v1/sandbox/credentials', {
        issuer,
        keyBinding: options.keyBinding ?? true,
        nonce: options.nonce,
        aud: options.audience,
        holderJwk: options.holderPrivateJwk,
      }),
    issueMdoc: (issuer, options) =>
      call<IssuedMdoc>('POST', '/v1/sandbox/credentials', {
        issuer,
        format: 'mdoc',
        sessionTranscript:
          options.sessionTranscript && sessionTranscriptToJson(options.sessionTranscript),
        holderJwk: options.devicePrivateJwk,
      }),
    issueW3c: (issuer, format, options) =>
      call<IssuedW3cCredential>('POST', '/v1/sandbox/credentials', {
        issuer,
        format,
        credentialType: options.credentialType,
      }),
    setStatus: async (issuer, idx, status, list) => {
      await call('POST', '/v1/sandbox/status', { issuer, idx, status, list }, true)
    },
    sandboxFederation: () => call<SandboxFederationDescription>('GET', '/v1/sandbox/federation'),
    summary: () => call('GET', '/v1/registry'),
    list: (kind) => call<unknown[]>('GET', `/v1/registry/${kind}`),
    async show(id) {
      for (const [kind, path] of [
        ['entity', 'entities'],
        ['framework', 'frameworks'],
        ['authorisation', 'authorisations'],
        ['recognition-rule', 'recognition-rules'],
      ] as const) {
        try {
          return {
            kind,
            value: await call('GET', `/v1/registry/${path}/${encodeURIComponent(id)}`),
          }
        } catch (error) {
          if (!(error instanceof KakehashiError && error.code === 'registry.not_found')) throw error
        }
      }
      throw new KakehashiError('registry.not_found', `nothing in the registry has the id ${id}`)
    },
    log: async (fromSeq, limit) =>
      (
        await call<{ entries: LogEntry[] }>(
          'GET',
          `/v1/registry/log?from=${fromSeq}&limit=${limit}`,
        )
      ).entries,
    verifyLog: () => call('GET', '/v1/registry/log/verify'),
    addAnchor: async (request) =>
      (await call<{ entries: LogEntry[] }>('POST', '/v1/registry/anchors', request, true)).entries,
    sync: (request) =>
      call<SyncReport>(
        'POST',
        '/v1/registry/sync',
        {
          ...(request.only === undefined ? {} : { only: request.only }),
          ...(request.configPath === undefined ? {} : { configPath: request.configPath }),
          ...(request.config === undefined ? {} : { config: request.config }),
        },
        true,
        // A sync of every European list takes minutes on a slow network.
        30 * 60_000,
      ),
    exportLote: async (frameworkId, format = 'jws') => {
      const url = new URL(
        `/v1/registry/frameworks/${encodeURIComponent(frameworkId)}/lote`,
        baseUrl,
      )
      if (format !== 'jws') url.searchParams.set('format', format)
      const mediaType = format === 'xml' ? LOTE_XML_MEDIA_TYPE : LOTE_JWS_MEDIA_TYPE
      const response = await send('GET', url, {
        accept: `${mediaType}, application/problem+json`,
        timeoutMs: 60_000,
      })
      return response.text()
    },
    ...remoteTrustQueryApi(call),
    ...remoteRecognitionApi(call, async (path, accept) => {
      const response = await send('GET', new URL(path, baseUrl), {
        accept: `${accept}, application/problem+json`,
        timeoutMs: 60_000,
      })
      return response.text()
    }),
    close: async () => {},
  }
}
