// The VICAL payload (ISO/IEC 18013-5 Annex C, VICAL CDDL) as a schema over decoded CBOR, with the bounds a reader holds it to.
//
// CBOR maps arrive as `Map`s; the maps of the CDDL are keyed by text strings only, so each one is
// turned into a plain record first (a map with any other key is not a VICAL and fails the schema).
// `tdate` is `#6.0(tstr)`, which the decoder gives as a `Date`; `biguint` is `#6.2(bstr)`, a
// `bigint`. Members the CDDL leaves open (`* tstr => any`, `extensions`) are allowed and not read.
import { z } from 'zod'

export const VICAL_LIMITS = {
  /** Largest signed VICAL accepted, in bytes. */
  maxBytes: 16 * 1024 * 1024,
  /** CBOR nesting and item bounds, for the COSE_Sign1 and for its payload. */
  maxCborDepth: 16,
  maxCborItems: 500_000,
  maxCertificateInfos: 10_000,
  maxDocTypes: 64,
  /** Largest IACA certificate, in bytes. */
  maxCertificateBytes: 16 * 1024,
} as const

/** The text-keyed CBOR map as a plain record; a map with another kind of key is an issue. */
function asRecord(value: unknown, context: z.core.ParsePayload): unknown {
  if (!(value instanceof Map)) return value
  const entries = [...value.entries()]
  if (entries.every(([key]) => typeof key === 'string')) {
    // fromEntries defines own properties, so a `__proto__` key is data, not a prototype.
    return Object.fromEntries(entries)
  }
  context.issues.push({ code: 'custom', message: 'a map key is not a text string', input: value })
  return value
}

const record = <T extends z.ZodRawShape>(shape: T) => z.preprocess(asRecord, z.looseObject(shape))

const zTdate = z.date({ error: 'expected a tdate (tag 0 date-time text)' })
const zText = (max: number) => z.string().min(1).max(max)
const zUint = z.union([z.number().int().nonnegative(), z.bigint().nonnegative()])
const zBytes = (max: number) =>
  z.instanceof(Uint8Array, { error: 'expected a byte string' }).refine((b) => b.byteLength <= max, {
    error: `longer than ${max} bytes`,
  })
const zExtensions = z.preprocess(asRecord, z.record(z.string(), z.unknown()))

export const zVicalCertificateInfo = record({
  /** The IACA certificate, DER. */
  certificate: zBytes(VICAL_LIMITS.maxCertificateBytes),
  serialNumber: zUint,
  /** The certificate's subject key identifier. */
  ski: zBytes(64),
  docType: z.array(zText(512)).min(1).max(VICAL_LIMITS.maxDocTypes),
  certificateProfile: z.array(zText(512)).min(1).max(16).optional(),
  issuingAuthority: zText(300).optional(),
  /** ISO 3166-1 alpha-2, or ISO 3166-2 (`US-MD`) for a state's authority. */
  issuingCountry: z
    .string()
    .regex(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, 'expected an ISO 3166-1 or 3166-2 code')
    .optional(),
  stateOrProvinceName: zText(300).optional(),
  /** DER of the certificate's issuer and subject Names. */
  issuer: zBytes(4096).optional(),
  subject: zBytes(4096).optional(),
  notBefore: zTdate.optional(),
  notAfter: zTdate.optional(),
  extensions: zExtensions.optional(),
})
export type VicalCertificateInfo = z.infer<typeof zVicalCertificateInfo>

export const zVical = record({
  version: zText(64),
  vicalProvider: zText(300),
  /** When the VICAL was issued. */
  date: zTdate,
  /** Unique and monotonically increasing: the list's sequence number. */
  vicalIssueID: zUint.optional(),
  nextUpdate: zTdate.optional(),
  /** Past this the VICAL is not valid (second edition of ISO/IEC 18013-5). */
  notAfter: zTdate.optional(),
  certificateInfos: z.array(zVicalCertificateInfo).max(VICAL_LIMITS.maxCertificateInfos),
  vicalUrl: zText(2048).optional(),
  extensions: zExtensions.optional(),
})
export type Vical = z.infer<typeof zVical>
