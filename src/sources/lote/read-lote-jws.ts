// Reads a LoTE published as a compact JWS: the signature against the configured signers, then the payload against the schema.
//
// This is the way in for a JSON LoTE Kakehashi will trust. `verifySignedListJws` does the JOSE
// part (the `x5c` leaf must be a configured signer byte for byte; asymmetric algorithms only;
// unknown `crit` refused; jose verifies), and each of its refusals becomes a `lote.*` code.
import type { z } from 'zod'
import { KakehashiError } from '../../errors.ts'
import {
  type SignedListJwsFailure,
  verifySignedListJws,
} from '../../lib/jws/verify-signed-list-jws.ts'
import { LOTE_LIMITS, type LoTEDocument, zLoTEDocument } from './z-lote.ts'

/** The list format this binding reads: `LoTEVersionIdentifier` 1 (TS 119 602 V1.1.1, clause 6.3.1). */
export const SUPPORTED_LOTE_VERSIONS: readonly number[] = [1]

export interface LoteReadLimits {
  /** Largest JWS accepted, in bytes. */
  maxBytes: number
  /** Deepest JSON nesting accepted in the payload. */
  maxJsonDepth: number
}

export const defaultLoteLimits: LoteReadLimits = {
  maxBytes: 16 * 1024 * 1024,
  maxJsonDepth: 32,
}

export interface VerifiedLote {
  document: LoTEDocument
  /** SHA-256 of the JWS as received, lower-case hex. */
  digest: string
  signer: { der: Uint8Array; fingerprint: string; subject: string }
  algorithm: string
}

const codes: Record<SignedListJwsFailure, ConstructorParameters<typeof KakehashiError>[0]> = {
  too_large: 'lote.too_large',
  malformed: 'lote.malformed',
  algorithm: 'lote.algorithm_refused',
  crit: 'lote.crit_refused',
  type: 'lote.type_refused',
  signer_unknown: 'lote.signer_unknown',
  signature_invalid: 'lote.signature_invalid',
}

/**
 * Verifies `jws` against `signers` (DER) and parses its payload. Throws a `lote.*`
 * KakehashiError saying why a list is refused; returns only a list that is signed and conformant.
 */
export async function readLoteJws(
  jws: string,
  signers: readonly Uint8Array[],
  limits: Partial<LoteReadLimits> = {},
): Promise<VerifiedLote> {
  const { maxBytes, maxJsonDepth } = { ...defaultLoteLimits, ...limits }
  const verified = await verifySignedListJws(jws, { signers, maxBytes, maxJsonDepth })
  if (!verified.ok) {
    throw new KakehashiError(codes[verified.reason], `LoTE refused: ${verified.message}`, {
      reason: verified.reason,
    })
  }
  return {
    document: parseLoteDocument(verified.payload),
    digest: verified.digest,
    signer: verified.signer,
    algorithm: verified.algorithm,
  }
}

/**
 * Checks a LoTE payload against the schema and the rules the schema cannot say. Exported for
 * the export's own self-check; a payload read from outside comes through `readLoteJws`.
 */
export function parseLoteDocument(payload: unknown): LoTEDocument {
  const parsed = zLoTEDocument.safeParse(payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const tooMany = parsed.error.issues.find(
      (i): i is z.core.$ZodIssueTooBig => i.code === 'too_big' && i.origin === 'array',
    )
    throw new KakehashiError(
      tooMany ? 'lote.limit_exceeded' : 'lote.not_conformant',
      tooMany
        ? `${tooMany.path.join('.')}: more than ${String(tooMany.maximum)} entries`
        : `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      {
        issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path, message: i.message })),
        limits: LOTE_LIMITS,
      },
    )
  }
  const scheme = parsed.data.LoTE.ListAndSchemeInformation
  if (!SUPPORTED_LOTE_VERSIONS.includes(scheme.LoTEVersionIdentifier)) {
    throw new KakehashiError(
      'lote.not_conformant',
      `LoTEVersionIdentifier ${scheme.LoTEVersionIdentifier} is not one of ${SUPPORTED_LOTE_VERSIONS.join(', ')}`,
    )
  }
  if (Date.parse(scheme.NextUpdate) <= Date.parse(scheme.ListIssueDateTime)) {
    throw new KakehashiError(
      'lote.not_conformant',
      `NextUpdate ${scheme.NextUpdate} is not after ListIssueDateTime ${scheme.ListIssueDateTime}`,
    )
  }
  return parsed.data
}
