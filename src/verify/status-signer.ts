// Which keys may sign a credential's status list: a certificate chaining to the credential issuer's own anchor.
import type { KeyObject } from 'node:crypto'
import { decodeBase64 } from '../lib/base64.ts'
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

// The id of a header's `x5c`, by array: a cached status list presents the same header object on
// every verification, and joining and hashing its certificates' text each time cost a microsecond.
const signerIds = new WeakMap<readonly unknown[], string>()

function signerId(x5c: readonly unknown[]): string {
  let id = signerIds.get(x5c)
  if (id === undefined) {
    id = x5c.join(',')
    signerIds.set(x5c, id)
  }
  return id
}

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
  // Synchronous when the signer was validated before (the common case), so that no promise is made.
  return (header) => {
    if (!Array.isArray(header.x5c) || header.x5c.length === 0)
      throw new Error('the status list token has no x5c')
    const id = signerId(header.x5c)
    const signer = signers.get(anchors)?.get(id)
    if (signer !== undefined && signer.validFromMs <= atMs && atMs < signer.validUntilMs)
      return keyOf(signer, issuerAnchorId)
    return validateSigner(anchors, header.x5c, id, atMs, maxCertificates).then((validated) =>
      keyOf(validated, issuerAnchorId),
    )
  }
}

async function validateSigner(
  anchors: TrustAnchorSet,
  x5cText: readonly unknown[],
  id: string,
  atMs: number,
  maxCertificates: number,
): Promise<SignerEntry> {
  const x5c = x5cText.map((entry, at) => {
    const der = typeof entry === 'string' ? decodeBase64(entry) : undefined
    if (der === undefined)
      throw new Error(`status list signer: x5c[${at}] is not base64 (RFC 7515 §4.1.6)`)
    return der
  })
  const path = await anchors.validate(x5c, { atMs, maxCertificates })
  const leaf = x5c[0]
  if (!path.ok || leaf === undefined)
    throw new Error(`status list signer: ${path.ok ? 'no x5c' : path.message}`)
  const signer: SignerEntry = {
    key: publicKeyOfCertificate(leaf),
    anchorId: path.anchorId,
    validFromMs: path.validFromMs,
    validUntilMs: path.validUntilMs,
  }
  let cache = signers.get(anchors)
  if (cache === undefined) {
    cache = new Map()
    signers.set(anchors, cache)
  }
  if (cache.size >= MAX_SIGNERS_PER_SET) cache.clear()
  cache.set(id, signer)
  return signer
}

function keyOf(signer: SignerEntry, issuerAnchorId: string): KeyObject {
  if (signer.anchorId !== issuerAnchorId) {
    throw new Error(
      `the status list signer chains to ${signer.anchorId}, not to the issuer's anchor ${issuerAnchorId}`,
    )
  }
  return signer.key
}
