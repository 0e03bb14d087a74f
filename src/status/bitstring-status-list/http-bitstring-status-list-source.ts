// Fetches status list credentials over HTTPS with every safeFetch guard (public address, time, size).
import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import { KakehashiError } from '../../errors.ts'
import { describeUrl } from '../../net/describe-url.ts'
import { type HostLookup, safeFetch } from '../../net/safe-fetch.ts'
import type { BitstringStatusListSource } from './bitstring-status-list-source.ts'

/**
 * Media types a list credential is accepted under (§4: any type registered for a verifiable
 * credential with proofs; `application/ld+json` and `application/json` as the less specific ones).
 * Anything else is refused: a page of HTML or text is not a credential.
 */
export const statusListCredentialMediaTypes: readonly string[] = [
  'application/vc',
  'application/vc+jwt',
  'application/vc+sd-jwt',
  'application/vc+ld+json',
  'application/ld+json',
  'application/json',
]

export interface HttpBitstringStatusListSourceOptions {
  policy: Pick<VerifyPolicy, 'fetchTimeoutMs' | 'allowPrivateFetch'>
  limits: Pick<VerifyLimits, 'maxStatusListBytes'>
  /** Replaces `statusListCredentialMediaTypes`, e.g. for an ecosystem that serves another type. */
  mediaTypes?: readonly string[]
  /** Resolver override, for tests and sandboxes. */
  lookup?: HostLookup
}

export class HttpBitstringStatusListSource implements BitstringStatusListSource {
  readonly #options: HttpBitstringStatusListSourceOptions
  readonly #mediaTypes: ReadonlySet<string>
  readonly #accept: string

  constructor(options: HttpBitstringStatusListSourceOptions) {
    this.#options = options
    const mediaTypes = options.mediaTypes ?? statusListCredentialMediaTypes
    this.#mediaTypes = new Set(mediaTypes)
    this.#accept = mediaTypes.join(', ')
  }

  async fetchStatusListCredential(url: string): Promise<string> {
    const { policy, limits, lookup } = this.#options
    const response = await safeFetch(url, {
      timeoutMs: policy.fetchTimeoutMs,
      maxBytes: limits.maxStatusListBytes,
      allowPrivate: policy.allowPrivateFetch,
      accept: this.#accept,
      ...(lookup ? { lookup } : {}),
    })
    const contentType = response.headers['content-type']
    const mediaType = contentType?.split(';')[0]?.trim().toLowerCase()
    if (mediaType === undefined || !this.#mediaTypes.has(mediaType)) {
      throw new KakehashiError(
        'fetch.failed',
        `${describeUrl(url)}: served as ${contentType ?? 'no content type'}, not a verifiable credential media type`,
      )
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(response.body).trim()
    } catch {
      throw new KakehashiError('fetch.failed', `${describeUrl(url)}: the body is not UTF-8 text`)
    }
  }
}
