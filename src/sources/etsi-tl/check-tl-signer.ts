// Decides whether a verified list was signed by the right party, is newer than the last one, and is still current.
//
// A national list's signing certificate must equal, byte for byte, one of the certificates that the
// LOTL's pointer for its territory announces (no PKIX path building: the LOTL is the trust anchor
// list, and certificates are compared as they are). The LOTL's own signer must be one of a signer
// set the caller configures (from the Official Journal and the pivot LOTLs). Sequence numbers never
// go backwards, which DSS does not check; and data past NextUpdate is stale, never current.
import { KakehashiError } from '../../errors.ts'
import { TSL_XML_MIME_TYPE } from './namespaces.ts'
import type { OtherTSLPointer, SchemeInformation, TrustedList } from './trusted-list-types.ts'
import type { TrustedListSignature } from './verify-trusted-list-signature.ts'

export interface CheckNationalListSignerOptions {
  /** Where the list was fetched from; when given, the matching pointer must name that location. */
  tslLocation?: string
}

/**
 * The LOTL pointers to the XML form of `territory`'s list (a LOTL also points to PDF forms, whose
 * announced signers do not sign the XML one).
 */
export function findTerritoryPointers(lotl: TrustedList, territory: string): OtherTSLPointer[] {
  return lotl.schemeInformation.pointersToOtherTSL.filter(
    (pointer) =>
      pointer.schemeTerritory === territory &&
      (pointer.mimeType === undefined || pointer.mimeType === TSL_XML_MIME_TYPE),
  )
}

/** Every certificate a pointer announces, as DER. */
export const announcedCertificates = (pointer: OtherTSLPointer): Uint8Array[] =>
  pointer.serviceDigitalIdentities.flatMap((identity) => identity.x509Certificates)

/**
 * Checks that `signature` (of `list`) was made with a certificate the LOTL announces for the list's
 * territory and type. Returns the pointer that announced it; throws `tl.signer_unknown` otherwise.
 */
export function checkNationalListSigner(
  verified: { list: TrustedList; signature: TrustedListSignature },
  lotl: TrustedList,
  options: CheckNationalListSignerOptions = {},
): OtherTSLPointer {
  const { schemeTerritory, tslType } = verified.list.schemeInformation
  if (schemeTerritory === undefined) {
    throw new KakehashiError('tl.signer_unknown', 'the list names no SchemeTerritory')
  }
  const pointers = findTerritoryPointers(lotl, schemeTerritory).filter(
    (pointer) =>
      (pointer.tslType === undefined || pointer.tslType === tslType) &&
      (options.tslLocation === undefined || pointer.tslLocation === options.tslLocation),
  )
  if (pointers.length === 0) {
    throw new KakehashiError(
      'tl.signer_unknown',
      `LOTL ${lotl.schemeInformation.tslSequenceNumber} has no pointer to a ${schemeTerritory} list of this type`,
      { territory: schemeTerritory },
    )
  }
  const signer = verified.signature.signingCertificate
  const pointer = pointers.find((candidate) =>
    announcedCertificates(candidate).some((announced) => sameBytes(announced, signer)),
  )
  if (pointer === undefined) {
    throw new KakehashiError(
      'tl.signer_unknown',
      `the ${schemeTerritory} list is signed by a certificate its LOTL pointer does not announce`,
      {
        territory: schemeTerritory,
        fingerprint: verified.signature.signingCertificateFingerprint,
      },
    )
  }
  return pointer
}

/** Checks that the LOTL's signer is one of the configured certificates (DER), byte for byte. */
export function checkLotlSigner(
  signature: TrustedListSignature,
  configuredSigners: readonly Uint8Array[],
): void {
  if (!configuredSigners.some((signer) => sameBytes(signer, signature.signingCertificate))) {
    throw new KakehashiError('tl.signer_unknown', 'the LOTL is not signed by a configured signer', {
      fingerprint: signature.signingCertificateFingerprint,
    })
  }
}

/**
 * Compares the list last accepted for a scheme with a new one: `advanced` when the sequence number
 * grew, `unchanged` when it is the same; `tl.sequence_regressed` when it went backwards, as a
 * replayed older list would. Both must be the same scheme (territory and type).
 */
export function checkSequence(
  previous: TrustedList | undefined,
  next: TrustedList,
): 'first' | 'advanced' | 'unchanged' {
  if (previous === undefined) return 'first'
  const before = previous.schemeInformation
  const after = next.schemeInformation
  if (before.schemeTerritory !== after.schemeTerritory || before.tslType !== after.tslType) {
    throw new KakehashiError('usage.invalid', 'sequence numbers of different schemes compared', {
      previous: describe(before),
      next: describe(after),
    })
  }
  if (after.tslSequenceNumber < before.tslSequenceNumber) {
    throw new KakehashiError(
      'tl.sequence_regressed',
      `sequence number ${after.tslSequenceNumber} follows ${before.tslSequenceNumber}`,
      { previous: before.tslSequenceNumber, next: after.tslSequenceNumber },
    )
  }
  return after.tslSequenceNumber > before.tslSequenceNumber ? 'advanced' : 'unchanged'
}

/**
 * `current` until NextUpdate, `stale` from then on; `closed` when the list has no NextUpdate (the
 * scheme ceased). A list is never "trusted" past its NextUpdate: policy may still let a stale list
 * count, but it says so.
 */
export function trustedListFreshness(
  list: TrustedList,
  atMs: number,
): 'current' | 'stale' | 'closed' {
  const { nextUpdate } = list.schemeInformation
  if (nextUpdate === undefined) return 'closed'
  return atMs < Date.parse(nextUpdate) ? 'current' : 'stale'
}

/** True unless the list is current at `atMs`: past its NextUpdate, or closed. */
export const isStale = (list: TrustedList, atMs: number): boolean =>
  trustedListFreshness(list, atMs) !== 'current'

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return a.byteLength === b.byteLength && view(a).equals(view(b))
}

const describe = (scheme: SchemeInformation): string =>
  `${scheme.schemeTerritory ?? '?'} ${scheme.tslType}`
