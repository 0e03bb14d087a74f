// issuerAuth (ISO/IEC 18013-5 §9.1.2.4): the issuer's COSE_Sign1 over the MSO, checked with the x5chain leaf key.
import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import { CborError, type CborLimits } from '../../lib/cbor/index.ts'
import { CoseError, type CoseSign1, parseCoseSign1, verifyCoseSign1 } from '../../lib/cose/index.ts'
import { isAllowedAlgorithm } from '../../lib/jws/is-allowed-algorithm.ts'
import { type CertificateFacts, factsOfCertificate } from '../../lib/jws/public-key-cache.ts'
import type { CheckList } from '../../report/check-list.ts'
import { MdocError } from './mdoc-error.ts'
import { type MobileSecurityObject, parseMso } from './parse-mso.ts'

export interface IssuerAuthResult {
  sign1: CoseSign1
  mso: MobileSecurityObject
  /** The document signer certificate's key and validity. */
  signer: CertificateFacts
}

const fail = (checks: CheckList, error: MdocError): undefined => {
  checks.fail(error.check, error.code, error.message)
  return undefined
}

/**
 * The signature is checked before anything the MSO says is read: an MSO whose signature does not
 * verify is not evidence of anything, not even of its own doc type.
 */
export function verifyIssuerAuth(
  issuerAuth: unknown,
  docType: string | undefined,
  options: {
    policy: Pick<VerifyPolicy, 'allowedAlgorithms'>
    limits: Pick<VerifyLimits, 'maxX5cCertificates'>
    cbor: CborLimits
  },
  checks: CheckList,
): IssuerAuthResult | undefined {
  let sign1: CoseSign1
  try {
    sign1 = parseCoseSign1(issuerAuth)
  } catch (error) {
    if (!(error instanceof CoseError)) throw error
    const code =
      error.code === 'cose.algorithm_refused'
        ? 'mdoc.alg_not_allowed'
        : 'mdoc.issuer_auth_malformed'
    return fail(checks, new MdocError('mdoc.issuer_auth', code, `issuerAuth: ${error.message}`))
  }
  if (!isAllowedAlgorithm(sign1.alg, options.policy))
    return fail(
      checks,
      new MdocError(
        'mdoc.issuer_auth',
        'mdoc.alg_not_allowed',
        `issuerAuth alg ${sign1.alg} is not allowed`,
      ),
    )
  if (sign1.payload === null)
    return fail(
      checks,
      new MdocError(
        'mdoc.issuer_auth',
        'mdoc.issuer_auth_malformed',
        'issuerAuth has a detached payload; the MSO must be carried',
      ),
    )
  const leaf = sign1.x5chain[0]
  if (leaf === undefined)
    return fail(
      checks,
      new MdocError(
        'mdoc.issuer_auth',
        'mdoc.signer_certificate_missing',
        'issuerAuth has no x5chain, so no document signer certificate',
      ),
    )
  if (sign1.x5chain.length > options.limits.maxX5cCertificates)
    return fail(
      checks,
      new MdocError(
        'mdoc.issuer_auth',
        'input.too_large',
        `x5chain holds more than ${options.limits.maxX5cCertificates} certificates`,
      ),
    )
  let valid: boolean
  let signer: CertificateFacts
  try {
    signer = factsOfCertificate(leaf)
    valid = verifyCoseSign1(sign1, signer.publicKey)
  } catch (error) {
    return fail(
      checks,
      new MdocError(
        'mdoc.issuer_auth',
        'mdoc.issuer_signature_invalid',
        `issuerAuth cannot be verified with the x5chain leaf: ${(error as Error).message}`,
      ),
    )
  }
  if (!valid)
    return fail(
      checks,
      new MdocError(
        'mdoc.issuer_auth',
        'mdoc.issuer_signature_invalid',
        'the issuerAuth signature does not verify with the document signer certificate',
      ),
    )
  let mso: MobileSecurityObject
  try {
    mso = parseMso(sign1.payload, options.cbor)
  } catch (error) {
    if (error instanceof MdocError) return fail(checks, error)
    if (error instanceof CborError)
      return fail(
        checks,
        new MdocError(
          'mdoc.issuer_auth',
          'mdoc.mso_malformed',
          `the MSO is not well-formed CBOR: ${error.message}`,
        ),
      )
    throw error
  }
  if (docType !== undefined && mso.docType !== docType)
    return fail(
      checks,
      new MdocError(
        'mdoc.issuer_auth',
        'mdoc.doctype_mismatch',
        `the document says docType ${docType}, its MSO signs ${mso.docType}`,
      ),
    )
  checks.pass(
    'mdoc.issuer_auth',
    `issuerAuth (${sign1.alg}) verifies with the document signer certificate; the MSO signs docType ${mso.docType}`,
  )
  return { sign1, mso, signer }
}
