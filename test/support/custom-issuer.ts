// An issuer outside the sandbox, for tests: its own CA, certificate and SD-JWT VCs made with @sd-jwt/*.
import type { webcrypto } from 'node:crypto'

type JsonWebKey = webcrypto.JsonWebKey

import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { createIssuerCertificate, createTrustAnchor } from '../../src/sandbox/sandbox-pki.ts'

export interface CustomIssuer {
  caCertPem: string
  issuerCertBase64: string
  issuerPrivateJwk: JsonWebKey
  iss: string
  issue(
    payload: Record<string, unknown>,
    options?: {
      nonce?: string
      aud?: string
      holderPrivateJwk?: JsonWebKey
      keyBinding?: boolean
      iat?: number
    },
  ): Promise<string>
}

export async function createCustomIssuer(
  options: { name?: string; iss?: string; sanUris?: string[]; country?: string } = {},
): Promise<CustomIssuer> {
  const name = options.name ?? 'Test University Osaka'
  const iss = options.iss ?? 'https://issuer.test.example'
  const ca = await createTrustAnchor({
    commonName: `${name} Root`,
    organisation: name,
    country: options.country ?? 'JP',
    validityDays: 3650,
  })
  const leaf = await createIssuerCertificate({
    ca,
    commonName: `${name} Issuer`,
    organisation: name,
    country: options.country ?? 'JP',
    subjectAltNameUris: options.sanUris ?? [iss],
    validityDays: 365,
  })
  const issuerCertBase64 = Buffer.from(leaf.certDer).toString('base64')
  return {
    caCertPem: ca.certPem,
    issuerCertBase64,
    issuerPrivateJwk: leaf.privateJwk,
    iss,
    async issue(payload, opts = {}) {
      const holder = opts.holderPrivateJwk ?? (await ES256.generateKeyPair()).privateKey
      const { kty, crv, x, y } = holder
      const sdjwt = new SDJwtVcInstance({
        signer: await ES256.getSigner(leaf.privateJwk),
        signAlg: 'ES256',
        kbSigner: await ES256.getSigner(holder),
        kbSignAlg: 'ES256',
        hasher: digest,
        hashAlg: 'sha-256',
        saltGenerator: generateSalt,
      })
      const iat = opts.iat ?? Math.floor(Date.now() / 1000)
      const claims = { iss, iat, cnf: { jwk: { kty, crv, x, y } }, ...payload } as Record<
        string,
        unknown
      >
      const disclosable = Object.keys(payload).filter(
        (k) => !['iss', 'vct', 'cnf', 'status', 'exp', 'nbf', 'iat'].includes(k),
      )
      const issued = await sdjwt.issue(claims as never, { _sd: disclosable } as never, {
        header: { typ: 'dc+sd-jwt', x5c: [issuerCertBase64] },
      })
      if (opts.keyBinding === false) return issued
      return sdjwt.present(issued, undefined, {
        kb: {
          payload: { iat, aud: opts.aud ?? 'https://rp.example', nonce: opts.nonce ?? 'nonce-1' },
        },
      })
    },
  }
}
