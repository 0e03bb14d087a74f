// Credentials signed by an independent stack (@digitalbazaar/vc + data-integrity + the four cryptosuites) verify here.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { createSignCryptosuite as createEcdsaJcs } from '@digitalbazaar/ecdsa-jcs-2019-cryptosuite'
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey'
import { cryptosuite as ecdsaRdfc } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { createSignCryptosuite as createEddsaJcs } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite'
import { cryptosuite as eddsaRdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { createDocumentLoader } from '../../../../lib/jsonld/index.ts'
import { verifyDataIntegrity } from '../verify-data-integrity.ts'
import { resolveDidKey } from './support.ts'

const documentLoader = createDocumentLoader()

/** What the tests use of a Digital Bazaar Multikey key pair. */
interface MultikeyPair {
  id?: string
  controller?: string
  publicKeyMultibase: string
  signer(): unknown
}

async function keyPair(kind: 'Ed25519' | 'P-256' | 'P-384'): Promise<MultikeyPair> {
  const pair = (
    kind === 'Ed25519'
      ? await Ed25519Multikey.generate()
      : await EcdsaMultikey.generate({ curve: kind })
  ) as MultikeyPair
  pair.controller = `did:key:${pair.publicKeyMultibase}`
  pair.id = `${pair.controller}#${pair.publicKeyMultibase}`
  return pair
}

function credential(issuer: string): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/ns/credentials/examples/v2',
    ],
    id: 'urn:uuid:3f0b8c2e-6d8a-4c39-9d53-0c4a5f1b2e77',
    type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    issuer,
    validFrom: '2025-04-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      degree: { type: 'ExampleBachelorDegree', name: '学士（工学）' },
    },
  }
}

const cases = [
  ['eddsa-rdfc-2022', 'Ed25519', () => eddsaRdfc],
  ['eddsa-jcs-2022', 'Ed25519', () => createEddsaJcs()],
  ['ecdsa-rdfc-2019', 'P-256', () => ecdsaRdfc],
  ['ecdsa-rdfc-2019', 'P-384', () => ecdsaRdfc],
  ['ecdsa-jcs-2019', 'P-256', () => createEcdsaJcs()],
  ['ecdsa-jcs-2019', 'P-384', () => createEcdsaJcs()],
] as const

describe('independently signed credentials', () => {
  for (const [name, curve, cryptosuite] of cases) {
    test(`${name} with ${curve} verifies, and fails once altered`, async () => {
      const pair = await keyPair(curve)
      const suite = new DataIntegrityProof({
        signer: pair.signer(),
        cryptosuite: cryptosuite(),
        date: '2025-04-01T00:00:00Z',
      })
      const signed = await vc.issue({
        credential: credential(pair.controller as string),
        suite,
        documentLoader,
      })
      const options = {
        documentLoader,
        resolveVerificationMethod: resolveDidKey,
        expectedProofPurpose: 'assertionMethod' as const,
        nowMs: Date.parse('2025-05-01T00:00:00Z'),
      }
      const result = await verifyDataIntegrity(signed, options)
      assert.equal(result.ok, true, result.ok ? '' : `${result.code}: ${result.message}`)
      if (result.ok) assert.equal(result.proof.cryptosuite, name)

      const subject = signed.credentialSubject as { degree: { name: string } }
      subject.degree.name = '修士（工学）'
      const altered = await verifyDataIntegrity(signed, options)
      assert.equal(altered.ok, false)
      if (!altered.ok) assert.equal(altered.code, 'w3c.proof_invalid')
    })
  }
})
