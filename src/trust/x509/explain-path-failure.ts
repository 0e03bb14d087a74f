// Turns a pkijs path validation failure into one of Kakehashi's codes, naming the certificate at fault.
//
// pkijs decides; this module only finds out which certificate its verdict is about, because pkijs
// reports "one of intermediate certificates is not a CA certificate" or "the certificate is either
// not yet valid or expired" without saying which.
import { webcrypto } from 'node:crypto'
import {
  type AnchorEntry,
  anchorLabel,
  describe,
  isoTime,
  isSelfIssued,
  type LabelledCertificate,
  validityProblem,
  whyNotCa,
} from './describe-certificate.ts'
import type { ParsedCertificate } from './parse-certificate.ts'
import type { PathFailure, PathFailureCode } from './path-result.ts'
import { AuthorityKeyIdentifierExtension, SubjectKeyIdentifierExtension } from './x509-library.ts'

/** The chain pkijs was given, as the explanation needs it. */
export interface ChainUnderValidation {
  /** `x5c` without a trailing copy of an anchor, leaf first. */
  rest: LabelledCertificate[]
  anchors: readonly AnchorEntry[]
  atMs: number
}

/** The part of a pkijs verification result an explanation reads. */
export interface PkijsVerdict {
  resultCode: number
  resultMessage: string
}

// pkijs result codes (CertificateChainValidationEngine, pkijs 3.x).
const EXPIRED = 8
const TOO_SHORT = 9
const NAME_CHAINING = 10
const NOT_A_CA = new Set([3, 4, 5, 6, 7, 14])
const NO_PATH = new Set([-1, 60, 97])

const crypto = webcrypto
const failure = (code: PathFailureCode, message: string): PathFailure => ({
  ok: false,
  code,
  message,
})
const rfc7515Order =
  '`x5c` must list each certificate followed by the one that certifies it (RFC 7515 §4.1.6)'

export async function explainPathFailure(
  verdict: PkijsVerdict,
  chain: ChainUnderValidation,
): Promise<PathFailure> {
  const code = verdict.resultCode
  if (code === EXPIRED) return explainExpiry(chain)
  if (NOT_A_CA.has(code)) return explainNotCa(chain, verdict)
  if (code === NAME_CHAINING) {
    return failure('trust.chain_invalid', `issuer and subject names do not chain: ${rfc7515Order}`)
  }
  if (code === TOO_SHORT) {
    return failure(
      'trust.chain_invalid',
      'the certification path has no certificate below the anchor',
    )
  }
  if (NO_PATH.has(code)) return explainNoPath(chain, verdict)
  return failure(
    'trust.chain_invalid',
    `RFC 5280 path validation failed: ${verdict.resultMessage} (pkijs code ${code})`,
  )
}

async function explainExpiry(chain: ChainUnderValidation): Promise<PathFailure> {
  const at = `validation time ${isoTime(chain.atMs)}`
  for (const item of chain.rest) {
    const problem = validityProblem(item.cert, chain.atMs)
    if (problem !== undefined)
      return failure('trust.cert_expired', `${describe(item)} ${problem} (${at})`)
  }
  for (const anchor of namedIssuers(chain)) {
    const problem = validityProblem(anchor.cert, chain.atMs)
    if (problem !== undefined) {
      return failure('trust.cert_expired', `${describeAnchor(anchor)} ${problem} (${at})`)
    }
  }
  return failure(
    'trust.cert_expired',
    `a certificate of the path is outside its validity period ${at}`,
  )
}

function explainNotCa(chain: ChainUnderValidation, verdict: PkijsVerdict): PathFailure {
  for (const item of chain.rest.slice(1)) {
    const why = whyNotCa(item.cert)
    if (why !== undefined) {
      return failure(
        'trust.chain_invalid',
        `${describe(item)} is used as an issuing CA, but ${why}`,
      )
    }
  }
  for (const anchor of namedIssuers(chain)) {
    const why = whyNotCa(anchor.cert)
    if (why !== undefined) {
      return failure(
        'trust.chain_invalid',
        `${describeAnchor(anchor)} cannot issue certificates: ${why}`,
      )
    }
  }
  return failure(
    'trust.chain_invalid',
    `a certificate of the path cannot act as a CA: ${verdict.resultMessage}`,
  )
}

async function explainNoPath(
  chain: ChainUnderValidation,
  verdict: PkijsVerdict,
): Promise<PathFailure> {
  for (let index = 0; index + 1 < chain.rest.length; index++) {
    const child = chain.rest[index] as LabelledCertificate
    const parent = chain.rest[index + 1] as LabelledCertificate
    if (!child.cert.pkijs.issuer.isEqual(parent.cert.pkijs.subject)) {
      return failure(
        'trust.chain_invalid',
        `${describe(parent)} is not the issuer of ${child.label}, whose issuer is "${child.cert.certificate.issuer}": ${rfc7515Order}`,
      )
    }
    const signature = await signatureCheck(child.cert, parent.cert)
    if (signature !== true) {
      return failure(
        'trust.chain_invalid',
        `the signature of ${describe(child)} does not verify with the key of ${parent.label}${signature || ''}`,
      )
    }
  }
  const top = chain.rest.at(-1) as LabelledCertificate
  const issuerName = top.cert.certificate.issuer
  if (isSelfIssued(top.cert) && (await signatureCheck(top.cert, top.cert)) === true) {
    return failure(
      'trust.anchor_unknown',
      `${describe(top)} is self-signed and is not a trust anchor of the registry`,
    )
  }
  const named = namedIssuers(chain)
  if (named.length === 0) {
    return failure(
      'trust.anchor_unknown',
      `no trust anchor of the registry is "${issuerName}", the issuer of ${top.label}`,
    )
  }
  const authorityKeyId = top.cert.certificate.getExtension(AuthorityKeyIdentifierExtension)?.keyId
  for (const anchor of named) {
    const signature = await signatureCheck(top.cert, anchor.cert)
    const subjectKeyId = anchor.cert.certificate.getExtension(SubjectKeyIdentifierExtension)?.keyId
    const keyIdsDiffer =
      authorityKeyId !== undefined && subjectKeyId !== undefined && authorityKeyId !== subjectKeyId
    if (signature === true && keyIdsDiffer) {
      return failure(
        'trust.chain_invalid',
        `the authority key identifier of ${top.label} (${authorityKeyId}) does not match the subject key identifier of ${anchorLabel(anchor)} (${subjectKeyId}), although its signature verifies`,
      )
    }
    if (signature === true) {
      return failure('trust.chain_invalid', `no valid certification path: ${verdict.resultMessage}`)
    }
  }
  const sameKeyId = named.find((anchor) => {
    const subjectKeyId = anchor.cert.certificate.getExtension(SubjectKeyIdentifierExtension)?.keyId
    return (
      authorityKeyId === undefined || subjectKeyId === undefined || subjectKeyId === authorityKeyId
    )
  })
  if (sameKeyId === undefined) {
    // Same name, another key: a different CA (or a re-keyed one) that the registry does not hold.
    return failure(
      'trust.anchor_unknown',
      `${top.label} names its issuer "${issuerName}" with key identifier ${authorityKeyId}; the registry holds a CA of that name (${named.map(anchorLabel).join('; ')}) but with another key`,
    )
  }
  return failure(
    'trust.chain_invalid',
    `the signature of ${describe(top)} does not verify with the key of ${anchorLabel(sameKeyId)}`,
  )
}

/** Anchors whose subject is the issuer name of the topmost `x5c` certificate. */
function namedIssuers(chain: ChainUnderValidation): AnchorEntry[] {
  const top = chain.rest.at(-1)
  if (top === undefined) return []
  return chain.anchors.filter((anchor) => top.cert.pkijs.issuer.isEqual(anchor.cert.pkijs.subject))
}

const describeAnchor = (anchor: AnchorEntry): string =>
  `${anchorLabel(anchor)} (${anchor.cert.certificate.subject})`

/** True when `issuer`'s key verifies `cert`'s signature; otherwise a short reason (or ''). */
async function signatureCheck(
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
): Promise<true | string> {
  try {
    const ok = await cert.certificate.verify(
      { publicKey: issuer.certificate.publicKey, signatureOnly: true },
      crypto,
    )
    return ok ? true : ''
  } catch (error) {
    return ` (${error instanceof Error ? error.message : String(error)})`
  }
}
