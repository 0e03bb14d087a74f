// Reads a Japanese trust list, unsigned JSON or compact JWS, into a checked list: the one way in for trust.
//
// The form decides the path: a document that opens with `{` is the operator's own unsigned file,
// accepted only when the configuration allows it; anything else must be a compact JWS whose x5c
// leaf is a configured signer, byte for byte. Then the schema, the corporate-number check digits
// and the certificates: a list is used whole or not at all.
import { createHash } from 'node:crypto'
import { KakehashiError } from '../../errors.ts'
import type { SignedListJwsFailure } from '../../lib/jws/verify-signed-list-jws.ts'
import { verifySignedListJws } from '../../lib/jws/verify-signed-list-jws.ts'
import { parseJson } from '../../lib/parse-json.ts'
import { isValidCorporateNumber } from './check-corporate-number.ts'
import { readServiceCertificates, type ServiceCertificate } from './read-service-certificates.ts'
import { type JpTrustList, jpTrustListLimits, zJpTrustList } from './z-jp-trust-list.ts'

export interface ReadJpTrustListOptions {
  /** DER of the certificates allowed to sign the list; none means a JWS cannot be accepted. */
  signers: readonly Uint8Array[]
  /** Accept the unsigned JSON form (an operator's own file). */
  allowUnsigned: boolean
  maxBytes?: number
}

export type JpTrustListSignature =
  | { status: 'unsigned' }
  | { status: 'valid'; signerSubject: string; signerFingerprint: string; algorithm: string }

export interface VerifiedJpTrustList {
  list: JpTrustList
  signature: JpTrustListSignature
  /** Every certificate of the list, parsed, by its PEM text as the list gives it. */
  certificates: ReadonlyMap<string, ServiceCertificate>
  /** Lower-case hex SHA-256 of the bytes read. */
  digest: string
}

const jwsFailureCodes: Record<SignedListJwsFailure, KakehashiError['code']> = {
  too_large: 'jp-list.too_large',
  malformed: 'jp-list.malformed',
  algorithm: 'jp-list.algorithm_refused',
  crit: 'jp-list.algorithm_refused',
  type: 'jp-list.algorithm_refused',
  signer_unknown: 'jp-list.signer_unknown',
  signature_invalid: 'jp-list.signature_invalid',
}

export async function readJpTrustList(
  bytes: Uint8Array,
  options: ReadJpTrustListOptions,
): Promise<VerifiedJpTrustList> {
  const maxBytes = Math.min(
    options.maxBytes ?? jpTrustListLimits.maxBytes,
    jpTrustListLimits.maxBytes,
  )
  if (bytes.byteLength > maxBytes) {
    throw new KakehashiError('jp-list.too_large', `${bytes.byteLength} bytes, over ${maxBytes}`, {
      maxBytes,
    })
  }
  const text = decodeUtf8(bytes).replace(/^\uFEFF/, '')
  const { payload, signature } = text.trimStart().startsWith('{')
    ? readUnsigned(text, options)
    : await readSigned(text, options, maxBytes)
  const list = parseList(payload)
  checkCorporateNumbers(list)
  return {
    list,
    signature,
    certificates: readServiceCertificates(list),
    digest: createHash('sha256').update(bytes).digest('hex'),
  }
}

function readUnsigned(
  text: string,
  options: ReadJpTrustListOptions,
): { payload: unknown; signature: JpTrustListSignature } {
  if (!options.allowUnsigned) {
    throw new KakehashiError(
      'jp-list.unsigned_refused',
      'the list is unsigned JSON and the source does not allow unsigned lists (allowUnsigned)',
    )
  }
  const json = parseJson(text, jpTrustListLimits.maxJsonDepth)
  if (!json.ok) throw new KakehashiError('jp-list.malformed', `not JSON: ${json.message}`)
  return { payload: json.value, signature: { status: 'unsigned' } }
}

async function readSigned(
  text: string,
  options: ReadJpTrustListOptions,
  maxBytes: number,
): Promise<{ payload: unknown; signature: JpTrustListSignature }> {
  if (options.signers.length === 0) {
    throw new KakehashiError(
      'jp-list.signer_unknown',
      'the list is signed, but the source configures no signer certificate to check it against',
    )
  }
  const verified = await verifySignedListJws(text, {
    signers: options.signers,
    maxBytes,
    maxJsonDepth: jpTrustListLimits.maxJsonDepth,
  })
  if (!verified.ok) throw new KakehashiError(jwsFailureCodes[verified.reason], verified.message)
  return {
    payload: verified.payload,
    signature: {
      status: 'valid',
      signerSubject: verified.signer.subject.replaceAll('\n', ', ').slice(0, 2000),
      signerFingerprint: verified.signer.fingerprint,
      algorithm: verified.algorithm,
    },
  }
}

function parseList(payload: unknown): JpTrustList {
  const parsed = zJpTrustList.safeParse(payload)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new KakehashiError(
    'jp-list.schema_invalid',
    `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    {
      issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path, message: i.message })),
    },
  )
}

function checkCorporateNumbers(list: JpTrustList): void {
  const numbers: [string, string | undefined][] = [
    ['operator', list.operator.corporateNumber],
    ...list.entities.map((e, i): [string, string | undefined] => [
      `entities.${i}`,
      e.corporateNumber,
    ]),
  ]
  for (const [path, number] of numbers) {
    if (number !== undefined && !isValidCorporateNumber(number)) {
      throw new KakehashiError(
        'jp-list.corporate_number_invalid',
        `${path}.corporateNumber ${number}: the check digit does not match the other 12 digits`,
        { path, corporateNumber: number },
      )
    }
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new KakehashiError('jp-list.malformed', 'the list is not UTF-8 text')
  }
}
