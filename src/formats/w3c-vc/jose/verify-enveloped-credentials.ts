// Verifies every credential a presentation carries, with the same rules as one handed in alone, to a bounded depth.
import { isUtf8 } from 'node:buffer'
import { isPlainObject } from '../../../lib/parse-json.ts'
import type { DataModelVersion } from './check-document.ts'
import { parseDataUrl } from './parse-data-url.ts'
import { envelopedOptions, type ResolvedOptions } from './resolved-options.ts'
import type { EnvelopedCredential, VcJoseVerification } from './types.ts'
import { VcJoseError } from './vc-jose-error.ts'

/** The verifiers of this module, passed in so that the two mechanisms and this file need not import each other. */
export interface SecuredVerifiers {
  jose(input: string, options: ResolvedOptions, expect: 'vc'): Promise<VcJoseVerification>
  cose(input: Uint8Array, options: ResolvedOptions, expect: 'vc'): Promise<VcJoseVerification>
}

const ENVELOPED = 'EnvelopedVerifiableCredential'

/**
 * VC-JOSE-COSE §3.1.2/§3.3.2: credentials in a presentation "MUST be secured" and "MUST use the
 * Enveloped Verifiable Credential type", whose `id` is a `data:` URL of the secured credential
 * (VCDM 2.0 §5.12). In a VC 1.1 JWT presentation (§6.3.1) they are JWT strings. A credential
 * that is neither is refused, as is a media type no verifier is configured for.
 */
export async function verifyEnvelopedCredentials(
  presentation: Record<string, unknown>,
  version: DataModelVersion,
  options: ResolvedOptions,
  verifiers: SecuredVerifiers,
): Promise<EnvelopedCredential[]> {
  const listed = presentation.verifiableCredential
  if (listed === undefined) return []
  const entries = Array.isArray(listed) ? listed : [listed]
  if (entries.length > options.limits.maxEnvelopedCredentials)
    throw new VcJoseError(
      'w3c.limit_exceeded',
      `the presentation carries ${entries.length} credentials, more than ${options.limits.maxEnvelopedCredentials}`,
    )
  if (entries.length > 0 && options.depth >= options.limits.maxEnvelopedDepth)
    throw new VcJoseError(
      'w3c.limit_exceeded',
      `credentials nested deeper than ${options.limits.maxEnvelopedDepth} secured documents`,
    )
  const inner = envelopedOptions(options)
  const verified: EnvelopedCredential[] = []
  for (const [index, entry] of entries.entries()) {
    try {
      verified.push(await verifyEntry(entry, version, inner, verifiers))
    } catch (error) {
      if (!(error instanceof VcJoseError)) throw error
      throw new VcJoseError(
        'w3c.enveloped_invalid',
        `verifiableCredential[${index}]: ${error.code}: ${error.message}`,
        error.inner ?? { code: error.code, message: error.message },
      )
    }
  }
  return verified
}

async function verifyEntry(
  entry: unknown,
  version: DataModelVersion,
  options: ResolvedOptions,
  verifiers: SecuredVerifiers,
): Promise<EnvelopedCredential> {
  if (version === '1.1') {
    if (typeof entry !== 'string')
      throw new VcJoseError(
        'w3c.enveloped_unsupported',
        'only credentials secured as JWTs are verified inside a VC 1.1 JWT presentation',
      )
    const verification = await verifiers.jose(entry, options, 'vc')
    return { mediaType: 'application/jwt', credential: verification.credential, verification }
  }
  if (!isPlainObject(entry))
    throw new VcJoseError('w3c.enveloped_invalid', 'the credential is not a JSON object')
  const types = Array.isArray(entry.type) ? entry.type : [entry.type]
  if (!types.includes(ENVELOPED))
    throw new VcJoseError(
      'w3c.enveloped_invalid',
      `a credential in a presentation must be an ${ENVELOPED}, not ${JSON.stringify(entry.type)}`,
    )
  const url = typeof entry.id === 'string' ? parseDataUrl(entry.id) : undefined
  if (url === undefined)
    throw new VcJoseError('w3c.enveloped_invalid', `the ${ENVELOPED} id is not a data: URL`)
  if (url.mediaType === 'application/vc+jwt') {
    if (!isUtf8(url.data))
      throw new VcJoseError('w3c.enveloped_invalid', 'the enveloped vc+jwt is not UTF-8 text')
    const verification = await verifiers.jose(Buffer.from(url.data).toString('utf8'), options, 'vc')
    return { mediaType: url.mediaType, credential: verification.credential, verification }
  }
  if (url.mediaType === 'application/vc+cose') {
    // §3.3.1: COSE credentials in presentations "MUST be encoded using base64".
    if (!url.base64)
      throw new VcJoseError('w3c.enveloped_invalid', 'an enveloped vc+cose must be base64-encoded')
    const verification = await verifiers.cose(url.data, options, 'vc')
    return { mediaType: url.mediaType, credential: verification.credential, verification }
  }
  const verify = options.verifyEnvelopedCredential
  if (verify === undefined)
    throw new VcJoseError(
      'w3c.enveloped_unsupported',
      `no verifier is configured for enveloped ${url.mediaType || 'credentials without a media type'}`,
    )
  let result: Awaited<ReturnType<typeof verify>>
  try {
    result = await verify(url.mediaType, url.data)
  } catch (error) {
    throw new VcJoseError('w3c.enveloped_invalid', `${url.mediaType}: ${(error as Error).message}`)
  }
  if (!result.ok)
    throw new VcJoseError('w3c.enveloped_invalid', `${url.mediaType}: ${result.message}`, {
      code: result.code,
      message: result.message,
    })
  return {
    mediaType: url.mediaType,
    credential: result.credential,
    ...(result.detail === undefined ? {} : { detail: result.detail }),
  }
}
