// Decodes a JOSE `x5c` header value (RFC 7515 §4.1.6) into DER certificates, leaf first.

export type DecodeX5cResult =
  | { ok: true; certificates: Uint8Array[] }
  | { ok: false; code: 'trust.chain_invalid'; message: string }

const base64Text = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * Checks the shape only: a non-empty array of at most `maxCertificates` standard-base64 strings
 * (base64url is not what RFC 7515 specifies, so it is refused). Whether each entry is a
 * certificate, and whether they form a path, is for path validation to say.
 */
export function decodeX5c(value: unknown, maxCertificates: number): DecodeX5cResult {
  if (!Array.isArray(value)) return fail('`x5c` is not an array')
  if (value.length === 0) return fail('`x5c` is empty')
  if (value.length > maxCertificates) {
    return fail(
      `\`x5c\` holds ${value.length} certificates; at most ${maxCertificates} are accepted`,
    )
  }
  const certificates: Uint8Array[] = []
  for (const [index, entry] of value.entries()) {
    if (typeof entry !== 'string' || entry.length % 4 !== 0 || !base64Text.test(entry)) {
      return fail(`\`x5c[${index}]\` is not standard base64`)
    }
    certificates.push(new Uint8Array(Buffer.from(entry, 'base64')))
  }
  return { ok: true, certificates }
}

const fail = (message: string) => ({ ok: false, code: 'trust.chain_invalid', message }) as const
