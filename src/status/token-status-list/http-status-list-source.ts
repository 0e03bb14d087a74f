// Fetches Status List Tokens over HTTPS, served as `application/statuslist+jwt`, with every safeFetch guard.
import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import { KakehashiError } from '../../errors.ts'
import { describeUrl } from '../../net/describe-url.ts'
import { type HostLookup, safeFetch } from '../../net/safe-fetch.ts'
import type { StatusListSource } from './status-list-source.ts'

export const statusListJwtMediaType = 'application/statuslist+jwt'

export interface HttpStatusListSourceOptions {
  policy: Pick<VerifyPolicy, 'fetchTimeoutMs' | 'allowPrivateFetch'>
  limits: Pick<VerifyLimits, 'maxStatusListBytes'>
  /** Resolver override, for tests and sandboxes. */
  lookup?: HostLookup
}

/** Fetches Status List Tokens over HTTPS with every `safeFetch` guard (public address, time, size). */
export class HttpStatusListSource implements StatusListSource {
  readonly #options: HttpStatusListSourceOptions

  constructor(options: HttpStatusListSourceOptions) {
    this.#options = options
  }

  async fetchStatusListToken(uri: string): Promise<string> {
    const { policy, limits, lookup } = this.#options
    const response = await safeFetch(uri, {
      timeoutMs: policy.fetchTimeoutMs,
      maxBytes: limits.maxStatusListBytes,
      allowPrivate: policy.allowPrivateFetch,
      accept: statusListJwtMediaType,
      ...(lookup ? { lookup } : {}),
    })
    const contentType = response.headers['content-type']
    const mediaType = contentType?.split(';')[0]?.trim().toLowerCase()
    if (mediaType !== statusListJwtMediaType) {
      throw new KakehashiError(
        'fetch.failed',
        `${describeUrl(uri)}: served as ${contentType ?? 'no content type'}, not ${statusListJwtMediaType}`,
      )
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(response.body).trim()
    } catch {
      throw new KakehashiError('fetch.failed', `${describeUrl(uri)}: the body is not UTF-8 text`)
    }
  }
}
