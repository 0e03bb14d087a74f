// Which keys may sign a credential's status list: a certificate chaining to the credential issuer's own anchor.
import type { KeyObject } from 'node:crypto'
import { base64 } from '../lib/base64.ts'
import { publicKeyOfCertificate } from '../lib/jws/public-key-cache.ts'
import type { ResolveSignerKey } from '../status/token-status-list/verify-status-list-token.ts'
import type { TrustAnchorSet } from '../trust/x509/trust-anchor-set.ts'

interface SignerEntry {
  key: KeyObject
  anchorId: string
  validFromMs: number
  validUntilMs: number
}

/** Per anchor set (so per registry snapshot), the signers already validated, by their `x5c`. */
const signers = new WeakMap<TrustAnchorSet, Map<string, SignerEntry>>()
const MAX_SIGNERS_PER_SET = 1024

/**
 * A status list is trusted only when its `x5c` chains to the same registry anchor as the
 * credential it speaks for: another issuer's list, however valid, says nothing about this one.
 */
export function statusSignerResolver(
  anchors: TrustAnchorSet,
  issuerAnchorId: string,
  atMs: number,
  maxCertificates: number,
): ResolveSignerKey {
  return async (header) => {
    if (!Array.isArray(header.x5c) || header.x5c.length === 0)
      throw new Error('the status list token has no x5c')
    const id = header.x5c.join(',')
    let cache = signers.get(anchors)
    let signer = cache?.get(id)
    if (signer === undefined || atMs < signer.validFromMs || atMs >= signer.validUntilMs) {
      const x5c = header.x5c.map((entry) => base64.decode(String(entry)))
      const path = await anchors.validate(x5c, { atMs, maxCertificates })
      const leaf = x5c[0]
      if (!path.ok || leaf === undefined)
        throw new Error(`status list signer: ${path.ok ? 'no x5c' : path.message}`)
      signer = {
        key: publicKeyOfCertificate(leaf),
        anchorId: path.anchorId,
        validFromMs: path.validFromMs,
        validUntilMs: path.validUntilMs,
      }
      if (cache === undefined) {
        cache = new Map()
        signers.set(anchors, cache)
      }
      if (cache.size >= MAX_SIGNERS_PER_SET) cache.clear()
      cache.set(id, signer)
    }
    if (signer.anchorId !== issuerAnchorId) {
      throw new Error(
        `the status list signer chains to ${signer.anchorId}, not to the issuer's anchor ${issuerAnchorId}`,
      )
    }
    return signer.key
  }
}
