// Credentials and presentations secured by independent producers (jose, @auth0/cose) verify; the suite's issuance inputs among them.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Sign1 } from '@auth0/cose'
import { CompactSign, importJWK } from 'jose'
import { type VcJoseResult, verifyVcCose, verifyVcJose } from '../index.ts'
import {
  assertOutcome,
  baseOptions,
  readSuite,
  readSuiteKey,
  suiteCases,
  suiteResolver,
  suiteSdJwtVerifier,
  suiteSkip,
} from './support.ts'

const cases = suiteCases()

const algOf: Record<string, { jose: string; cose: number }> = {
  'P-256': { jose: 'ES256', cose: -7 },
  'P-384': { jose: 'ES384', cose: -35 },
  'P-521': { jose: 'ES512', cose: -36 },
  Ed25519: { jose: 'EdDSA', cose: -8 },
}

/**
 * @auth0/cose registers a cbor-x extension for tag 18 in the process that loads it, which turns
 * every tagged COSE_Sign1 cbor-x decodes into its own class. Its messages are therefore verified
 * untagged (RFC 9052 §2 allows that where the type is known from context); the tagged suite
 * vectors are verified in a process without it (vc-jose-cose-suite.test.ts).
 */
const untagged = (bytes: Uint8Array): Uint8Array => (bytes[0] === 0xd2 ? bytes.subarray(1) : bytes)

async function secure(
  document: Record<string, unknown>,
  keyFile: string,
  mechanism: 'jose' | 'cose',
): Promise<{ jose?: string; cose?: Uint8Array }> {
  const key = readSuiteKey(keyFile)
  const alg = algOf[String(key.secretKeyJwk.crv)] as { jose: string; cose: number }
  const kind = (Array.isArray(document.type) ? document.type : [document.type]).includes(
    'VerifiablePresentation',
  )
    ? 'vp'
    : 'vc'
  const privateKey = await importJWK(key.secretKeyJwk as never, alg.jose)
  const kid = String(key.publicKeyJwk.kid)
  const payload = Buffer.from(JSON.stringify(document))
  if (mechanism === 'cose') {
    const protectedHeader = new Map<number, unknown>([
      [1, alg.cose],
      [3, `application/${kind}`],
      [4, Buffer.from(kid)],
      [16, `application/${kind}+cose`],
    ])
    const sign1 = await Sign1.sign(
      protectedHeader as never,
      new Map(),
      payload,
      privateKey as never,
    )
    return { cose: untagged(new Uint8Array(sign1.encode())) }
  }
  const jose = await new CompactSign(payload)
    .setProtectedHeader({ alg: alg.jose, typ: `${kind}+jwt`, cty: kind, kid })
    .sign(privateKey)
  return { jose }
}

async function verify(secured: { jose?: string; cose?: Uint8Array }): Promise<VcJoseResult> {
  const options = {
    ...baseOptions(await suiteResolver(), Date.parse('2025-06-01T00:00:00Z')),
    verifyEnvelopedCredential: suiteSdJwtVerifier,
  }
  return secured.cose !== undefined
    ? verifyVcCose(secured.cose, options)
    : verifyVcJose(secured.jose as string, options)
}

describe('the suite COSE issuance inputs, and others, secured by @auth0/cose', {
  skip: suiteSkip,
}, () => {
  // presentation-single.json carries a truncated credential (`yJraWQ…`), so a presentation of it is refused.
  const expected: Record<number, string | undefined> = {
    3: 'w3c.enveloped_invalid',
    28: 'w3c.enveloped_invalid',
  }
  for (const [name, c] of cases) {
    // The JOSE inputs are secured in vc-jose-cose-suite.test.ts: presentation-multiple.json carries
    // a tagged vc+cose, which cbor-x cannot decode as a Tag once @auth0/cose is loaded.
    if (c.fn !== 'issue' || !c.feature.endsWith('_cose')) continue
    const code = expected[c.number]
    test(`${name}: ${code === undefined ? 'verifies' : `fails with ${code}`}`, async () => {
      const document = JSON.parse(readSuite(c.input_file)) as Record<string, unknown>
      const secured = await secure(
        document,
        c.key_file,
        c.feature.endsWith('_cose') ? 'cose' : 'jose',
      )
      assertOutcome(await verify(secured), code)
    })
  }

  test('a COSE credential signed by @auth0/cose with Ed25519 verifies under the did:example key', async () => {
    const document = {
      ...(JSON.parse(readSuite('credential-minimal.json')) as Record<string, unknown>),
      issuer: 'did:example:vc-jose-cose',
    }
    const result = await verify(await secure(document, 'vm-did-ed25519.json', 'cose'))
    assertOutcome(result, undefined)
    if (result.ok) assert.equal(result.mechanism, 'vc+cose')
  })

  test('a tampered @auth0/cose payload fails with w3c.signature_invalid', async () => {
    const document = JSON.parse(readSuite('credential-minimal.json')) as Record<string, unknown>
    const { cose } = await secure(document, 'vm-p256.json', 'cose')
    const bytes = Buffer.from(cose as Uint8Array)
    const at = bytes.indexOf('Bachelor')
    bytes[at] = 'b'.charCodeAt(0)
    assertOutcome(await verify({ cose: new Uint8Array(bytes) }), 'w3c.signature_invalid')
  })
})
