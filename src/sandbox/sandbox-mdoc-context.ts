// The callbacks @animo-id/mdoc signs a DeviceResponse with, on Node's native crypto.
import { createPrivateKey, hash, randomBytes, sign } from 'node:crypto'
import type { MdocContext } from '@animo-id/mdoc'
import { KakehashiError } from '../errors.ts'
import { mdocDigestAlgorithms } from '../formats/mdoc/parse-mso.ts'

/** The part of an `MdocContext` that building and signing needs; verifying (x509) is not done here. */
export type SandboxMdocContext = Pick<MdocContext, 'crypto' | 'cose'>

const signingDigests: Record<string, string> = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512' }

// The sandbox holder proves possession by signature; MAC authentication needs a reader key it never has.
const noMac = (): never => {
  throw new KakehashiError(
    'usage.invalid',
    'the sandbox signs device responses; it does not compute device MACs',
  )
}

const noVerify = (): never => {
  throw new KakehashiError('usage.invalid', 'the sandbox issuer context does not verify')
}

export const sandboxMdocContext: SandboxMdocContext = {
  crypto: {
    random: (length) => new Uint8Array(randomBytes(length)),
    digest: ({ digestAlgorithm, bytes }) =>
      new Uint8Array(hash(mdocDigestAlgorithms.get(digestAlgorithm) as string, bytes, 'buffer')),
    calculateEphemeralMacKeyJwk: noMac,
  },
  cose: {
    sign1: {
      sign: ({ sign1, jwk }) => {
        const { data, alg } = sign1.getRawSigningData()
        const digest = signingDigests[alg]
        if (digest === undefined)
          throw new KakehashiError('usage.invalid', `the sandbox does not sign with ${alg}`)
        const key = createPrivateKey({ key: jwk as Record<string, string>, format: 'jwk' })
        // COSE carries ECDSA signatures as r || s (RFC 9053 §2.1), not DER.
        return new Uint8Array(sign(digest, data, { key, dsaEncoding: 'ieee-p1363' }))
      },
      verify: noVerify,
    },
    mac0: { sign: noMac, verify: noMac },
  },
}
