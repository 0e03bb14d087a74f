// Test helpers: default options, a runner that returns the checks, and a signer for hand-made SD-JWTs.
import {
  createHash,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign,
  webcrypto,
} from 'node:crypto'
import { defaultLimits, defaultPolicy } from '../../../config.ts'
import { CheckList } from '../../../report/check-list.ts'
import * as x509 from '../../../trust/x509/x509-library.ts'
import { fixedClock } from '../../../util/clock.ts'
import type { SdJwtVcVerification, VerifySdJwtVcOptions } from '../index.ts'
import { verifySdJwtVc } from '../index.ts'

export const b64url = (data: string | Uint8Array): string => Buffer.from(data).toString('base64url')
export const jsonB64url = (value: unknown): string => b64url(JSON.stringify(value))
export const fromB64url = (text: string): unknown =>
  JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))

/** Now, for hand-made tokens: 2026-01-01T00:00:00Z. */
export const NOW_SEC = 1767225600

export function baseOptions(overrides: Partial<VerifySdJwtVcOptions> = {}): VerifySdJwtVcOptions {
  return {
    clock: fixedClock(NOW_SEC * 1000),
    policy: defaultPolicy,
    limits: defaultLimits,
    ...overrides,
  }
}

export interface Run {
  result: SdJwtVcVerification | undefined
  checks: CheckList
  codes: string[]
  statusOf: (name: string) => string[]
}

export async function run(input: string, options: VerifySdJwtVcOptions): Promise<Run> {
  const checks = new CheckList()
  const result = await verifySdJwtVc(input, options, checks)
  return {
    result,
    checks,
    codes: checks.failureCodes,
    statusOf: (name) =>
      checks
        .toArray()
        .filter((c) => c.check === name)
        .map((c) => c.status),
  }
}

export interface TestKey {
  privateKey: KeyObject
  publicJwk: Record<string, unknown>
  privateJwk: Record<string, unknown>
}

export function p256Key(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return {
    privateKey,
    publicJwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
    privateJwk: privateKey.export({ format: 'jwk' }) as Record<string, unknown>,
  }
}

/** Signs any header and payload as an ES256 compact JWS, with no opinion on what they contain. */
export function signEs256(
  header: Record<string, unknown>,
  payload: Record<string, unknown> | string,
  key: KeyObject,
): string {
  const input = `${jsonB64url(header)}.${typeof payload === 'string' ? payload : jsonB64url(payload)}`
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
  return `${input}.${b64url(signature)}`
}

export interface MadeDisclosure {
  encoded: string
  digest: string
}

export function disclosure(...elements: unknown[]): MadeDisclosure {
  const encoded = jsonB64url(elements)
  return { encoded, digest: digestOf(encoded) }
}

export const digestOf = (text: string, alg = 'sha256'): string =>
  createHash(alg).update(text).digest('base64url')

export const salt = (): string => randomBytes(12).toString('base64url')

/** `<jwt>~<d1>~…~` followed by the KB-JWT, if any. */
export const compact = (jwt: string, disclosures: string[], kbJwt = ''): string =>
  `${[jwt, ...disclosures].join('~')}~${kbJwt}`

/** A KB-JWT over `sdJwt` (which must end in `~`), with any header or payload overrides. */
export function keyBindingJwt(
  sdJwt: string,
  holder: KeyObject,
  payload: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): string {
  return signEs256(
    { alg: 'ES256', typ: 'kb+jwt', ...header },
    {
      iat: NOW_SEC,
      nonce: 'n-1',
      aud: 'https://verifier.example',
      sd_hash: digestOf(sdJwt),
      ...payload,
    },
    holder,
  )
}

/** A self-signed P-256 certificate and its key, for `x5c` tests. */
export async function selfSignedCertificate(): Promise<{ der: Uint8Array; privateKey: KeyObject }> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
  const keys = (await webcrypto.subtle.generateKey(alg, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Test Issuer, C=JP',
    notBefore: new Date((NOW_SEC - 86400) * 1000),
    notAfter: new Date((NOW_SEC + 86400) * 1000),
    signingAlgorithm: alg,
    keys,
  })
  return { der: new Uint8Array(cert.rawData), privateKey: KeyObject.from(keys.privateKey) }
}

/** An issuer that signs whatever header and payload a test needs, and the options that trust it. */
export function testIssuer(): {
  key: TestKey
  sign: (payload: Record<string, unknown>, header?: Record<string, unknown>) => string
  issue: (
    payload: Record<string, unknown>,
    disclosures?: string[],
    header?: Record<string, unknown>,
  ) => string
  options: (overrides?: Partial<VerifySdJwtVcOptions>) => VerifySdJwtVcOptions
} {
  const key = p256Key()
  const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    signEs256({ alg: 'ES256', typ: 'dc+sd-jwt', ...header }, payload, key.privateKey)
  return {
    key,
    sign,
    issue: (payload, disclosures = [], header = {}) => compact(sign(payload, header), disclosures),
    options: (overrides = {}) => baseOptions({ issuerKey: key.publicJwk, ...overrides }),
  }
}

/** The claims every hand-made SD-JWT VC carries unless a test says otherwise. */
export const vcClaims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  iss: 'https://issuer.example.jp',
  vct: 'urn:example:test:1',
  iat: NOW_SEC - 60,
  exp: NOW_SEC + 3600,
  ...extra,
})
