// Runs RFC 5280 path validation through pkijs for one parsed `x5c` chain and checks what it returns.
import { webcrypto } from 'node:crypto'
import * as pkijs from 'pkijs'
import {
  type AnchorEntry,
  anchorLabel,
  describe,
  isSelfIssued,
  type LabelledCertificate,
  unknownCriticalExtensions,
} from './describe-certificate.ts'
import { type ChainUnderValidation, explainPathFailure } from './explain-path-failure.ts'
import type { PathFailure, PathResult } from './path-result.ts'
import { BasicConstraintsExtension } from './x509-library.ts'

/** The chain to validate: `rest` is `x5c` less a trailing anchor copy, which `strippedAnchor` names. */
export interface ChainToValidate extends ChainUnderValidation {
  strippedAnchor?: AnchorEntry
}

const crypto = webcrypto
// Passed to every call rather than installed with pkijs.setEngine, so no global state is changed.
const engine = new pkijs.CryptoEngine({ name: 'node', crypto })

const invalid = (message: string): PathFailure => ({
  ok: false,
  code: 'trust.chain_invalid',
  message,
})

/**
 * Validates with pkijs' CertificateChainValidationEngine (signatures, validity at `atMs`, name
 * chaining, basicConstraints and keyCertSign for every CA, name constraints, policies), then
 * applies what pkijs 3.x leaves out: the path must be `x5c` itself in RFC 7515 order, basicConstraints
 * pathLenConstraint, and no unrecognised critical extension in the leaf.
 */
export async function runPathValidation(chain: ChainToValidate): Promise<PathResult> {
  const validation = new pkijs.CertificateChainValidationEngine({
    trustedCerts: chain.anchors.map((anchor) => anchor.cert.pkijs),
    // pkijs takes the last certificate of `certs` as the one to validate.
    certs: chain.rest.map((item) => item.cert.pkijs).reverse(),
    checkDate: new Date(chain.atMs),
  })
  let verdict: pkijs.CertificateChainValidationEngineVerifyResult
  try {
    verdict = await validation.verify({}, engine)
  } catch (error) {
    return invalid(
      `path validation failed: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (!verdict.result) return explainPathFailure(verdict, chain)
  return acceptPath(verdict.certificatePath ?? [], chain)
}

async function acceptPath(found: pkijs.Certificate[], chain: ChainToValidate): Promise<PathResult> {
  const byObject = new Map<pkijs.Certificate, LabelledCertificate>()
  const anchorByObject = new Map<pkijs.Certificate, AnchorEntry>()
  for (const item of chain.rest) byObject.set(item.cert.pkijs, item)
  for (const anchor of chain.anchors) anchorByObject.set(anchor.cert.pkijs, anchor)

  const anchorObject = found.at(-1)
  // pkijs may end the path on the `x5c` copy of an anchor rather than on the registry's copy.
  const anchor =
    anchorObject === undefined
      ? undefined
      : (anchorByObject.get(anchorObject) ??
        chain.anchors.find(
          (entry) => entry.cert.fingerprint === byObject.get(anchorObject)?.cert.fingerprint,
        ))
  if (found.length < 2 || anchor === undefined) {
    return invalid('path validation returned no path from the leaf to a trust anchor')
  }
  const below = found.slice(0, -1).map((cert) => byObject.get(cert))
  const leaf = chain.rest[0] as LabelledCertificate
  if (below[0] !== leaf) return invalid(`the validated path does not start at ${describe(leaf)}`)

  // The path must be `x5c` itself: each certificate followed by its issuer, then (optionally) the
  // anchor; whatever follows the anchor takes no part in trust.
  for (const [index, item] of chain.rest.entries()) {
    if (index < below.length) {
      if (below[index] !== item) return outOfOrder(item, anchor)
    } else {
      if (item.cert.fingerprint !== anchor.cert.fingerprint) return outOfOrder(item, anchor)
      break
    }
  }
  if (chain.strippedAnchor !== undefined && chain.rest.length === below.length) {
    if (chain.strippedAnchor !== anchor) {
      return invalid(
        `\`x5c\` ends with ${anchorLabel(chain.strippedAnchor)}, but the path leads to ${anchorLabel(anchor)}`,
      )
    }
  }

  const path = [
    ...(below as LabelledCertificate[]),
    { cert: anchor.cert, label: anchorLabel(anchor) },
  ]
  const pathLength = checkPathLength(path)
  if (pathLength !== undefined) return invalid(pathLength)
  const unknown = unknownCriticalExtensions(leaf.cert)
  if (unknown.length > 0) {
    return invalid(
      `${describe(leaf)} carries critical extension(s) ${unknown.join(', ')} that are not understood`,
    )
  }

  let leafPublicKey: webcrypto.CryptoKey
  try {
    leafPublicKey = await leaf.cert.certificate.publicKey.export(crypto)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return invalid(`the public key of ${describe(leaf)} cannot be imported: ${reason}`)
  }
  return {
    ok: true,
    anchorId: anchor.ids[0] as string,
    anchorIds: [...anchor.ids],
    path: path.map((item) => item.cert.certificate),
    fingerprints: path.map((item) => item.cert.fingerprint),
    leafPublicKey,
    validFromMs: Math.max(...path.map((item) => item.cert.certificate.notBefore.getTime())),
    validUntilMs: Math.min(...path.map((item) => item.cert.certificate.notAfter.getTime())),
  }
}

const outOfOrder = (item: LabelledCertificate, anchor: AnchorEntry): PathFailure =>
  invalid(
    `${describe(item)} is not on the certification path from x5c[0] to ${anchorLabel(anchor)}: \`x5c\` must list each certificate followed by the one that certifies it (RFC 7515 §4.1.6)`,
  )

/**
 * RFC 5280 §6.1.4 (l)–(m), which pkijs 3.x does not apply: a CA's pathLenConstraint bounds the
 * number of non-self-issued intermediate CA certificates that follow it towards the leaf.
 */
function checkPathLength(path: LabelledCertificate[]): string | undefined {
  for (let index = 1; index < path.length; index++) {
    const item = path[index] as LabelledCertificate
    const limit = item.cert.certificate.getExtension(BasicConstraintsExtension)?.pathLength
    if (limit === undefined) continue
    const intermediates = path.slice(1, index).filter((below) => !isSelfIssued(below.cert)).length
    if (intermediates > limit) {
      return `${describe(item)} allows ${limit} intermediate CA(s) below it (pathLenConstraint), but the path has ${intermediates}`
    }
  }
  return undefined
}
