// The W3C vc-di-eddsa and vc-di-ecdsa test vectors: every signed document verifies, intermediate values match.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { computeHashData } from '../compute-hash-data.ts'
import { cryptosuites } from '../cryptosuites.ts'
import { parseProof } from '../parse-proof.ts'
import { verifyDataIntegrity } from '../verify-data-integrity.ts'
import {
  documentLoader,
  ecdsaDir,
  eddsaDir,
  readJson,
  readText,
  resolveDidKey,
  skipWithout,
  vectorOptions,
} from './support.ts'

const signed: [string, string, string][] = [
  // [label, folder, file]
  ['eddsa-rdfc-2022', `${eddsaDir}/eddsa-rdfc-2022`, 'signedDataInt.json'],
  ['eddsa-rdfc-2022 employ', `${eddsaDir}/eddsa-rdfc-2022/employ`, 'signedDataInt.json'],
  ['eddsa-jcs-2022', `${eddsaDir}/eddsa-jcs-2022`, 'signedJCS.json'],
  ['ecdsa-rdfc-2019 P-256', `${ecdsaDir}/ecdsa-rdfc-2019-p256`, 'signedECDSAP256.json'],
  [
    'ecdsa-rdfc-2019 P-256 employ',
    `${ecdsaDir}/ecdsa-rdfc-2019-p256/employ`,
    'signedECDSAP256.json',
  ],
  ['ecdsa-rdfc-2019 P-384', `${ecdsaDir}/ecdsa-rdfc-2019-p384`, 'signedECDSAP384.json'],
  [
    'ecdsa-rdfc-2019 P-384 employ',
    `${ecdsaDir}/ecdsa-rdfc-2019-p384/employ`,
    'signedECDSAP384.json',
  ],
  ['ecdsa-jcs-2019 P-256', `${ecdsaDir}/ecdsa-jcs-2019-p256`, 'signedJCSECDSAP256.json'],
  ['ecdsa-jcs-2019 P-384', `${ecdsaDir}/ecdsa-jcs-2019-p384`, 'signedJCSECDSAP384.json'],
  ['w3c-di eddsa-rdfc-2022', 'w3c-di/eddsa', 'eddsa-rdfc-2022-signedDataInt.json'],
  ['w3c-di eddsa-rdfc-2022 employ', 'w3c-di/eddsa', 'eddsa-rdfc-2022-employ-signedDataInt.json'],
  ['w3c-di eddsa-jcs-2022', 'w3c-di/eddsa', 'eddsa-jcs-2022-signedJCS.json'],
  ['w3c-di ecdsa-rdfc-2019 P-256', 'w3c-di/ecdsa', 'ecdsa-rdfc-2019-p256-signedECDSAP256.json'],
  [
    'w3c-di ecdsa-rdfc-2019 P-256 employ',
    'w3c-di/ecdsa',
    'ecdsa-rdfc-2019-p256-employ-signedECDSAP256.json',
  ],
  ['w3c-di ecdsa-rdfc-2019 P-384', 'w3c-di/ecdsa', 'ecdsa-rdfc-2019-p384-signedECDSAP384.json'],
  ['w3c-di ecdsa-jcs-2019 P-256', 'w3c-di/ecdsa', 'ecdsa-jcs-2019-p256-signedJCSECDSAP256.json'],
]

describe('signed W3C vectors verify', () => {
  for (const [label, folder, file] of signed) {
    test(label, skipWithout(folder, file), async () => {
      const document = readJson(folder, file)
      const result = await verifyDataIntegrity(document, vectorOptions())
      assert.equal(result.ok, true, result.ok ? '' : `${result.code}: ${result.message}`)
      if (!result.ok) return
      const proof = document.proof as Record<string, unknown>
      assert.equal(result.proof.cryptosuite, proof.cryptosuite)
      assert.equal(result.proof.verificationMethod, proof.verificationMethod)
      assert.equal(result.proof.created, proof.created)
      assert.equal(result.method.id, proof.verificationMethod)
      assert.equal('proof' in result.unsecuredDocument, false)
    })
  }
})

describe('proof sets and chains (vc-data-integrity §4.5)', () => {
  const dir = `${eddsaDir}/proof-set-chain`
  for (const [file, count] of [
    ['signedProofSet1.json', 1],
    ['signedProofSet2.json', 2],
    ['signedProofChain1.json', 3],
    ['signedProofChain2.json', 4],
  ] as const) {
    test(`${file} verifies with all ${count} proofs`, skipWithout(dir, file), async () => {
      const result = await verifyDataIntegrity(readJson(dir, file), vectorOptions())
      assert.equal(result.ok, true, result.ok ? '' : `${result.code}: ${result.message}`)
      if (result.ok) assert.equal(result.proofs.length, count)
    })
  }

  test('one altered proof of a set fails the whole set', skipWithout(dir), async () => {
    const document = readJson(dir, 'signedProofSet2.json')
    const proofs = document.proof as Record<string, unknown>[]
    const second = proofs[1] as Record<string, unknown>
    second.created = '2023-02-24T23:36:39Z'
    const result = await verifyDataIntegrity(document, vectorOptions())
    assert.equal(result.ok, false)
    if (!result.ok) {
      assert.equal(result.code, 'w3c.proof_invalid')
      assert.match(result.message, /^proof 2:/)
    }
  })

  test('a chained proof verifies only over the proofs it names', skipWithout(dir), async () => {
    const document = readJson(dir, 'signedProofChain2.json')
    const proofs = document.proof as Record<string, unknown>[]
    // The fourth proof names the third; pointing it at the first breaks its signature.
    ;(proofs[3] as Record<string, unknown>).previousProof =
      'urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544'
    const result = await verifyDataIntegrity(document, vectorOptions())
    assert.equal(result.ok, false)
    if (!result.ok) assert.equal(result.code, 'w3c.proof_invalid')
  })

  test(
    'a previousProof that names no proof of the document is refused',
    skipWithout(dir),
    async () => {
      const document = readJson(dir, 'signedProofChain2.json')
      const proofs = document.proof as Record<string, unknown>[]
      proofs.splice(2, 1)
      const result = await verifyDataIntegrity(document, vectorOptions())
      assert.equal(result.ok, false)
      if (!result.ok) assert.equal(result.code, 'w3c.proof_chain_invalid')
    },
  )
})

/** The published intermediate values: canonical document and proof, their hashes, the combined hash. */
const intermediate: [string, string, string, string][] = [
  // [label, folder, signed file, suffix of the intermediate files]
  ['eddsa-rdfc-2022', `${eddsaDir}/eddsa-rdfc-2022`, 'signedDataInt.json', 'DataInt'],
  ['eddsa-rdfc-2022 employ', `${eddsaDir}/eddsa-rdfc-2022/employ`, 'signedDataInt.json', 'DataInt'],
  ['eddsa-jcs-2022', `${eddsaDir}/eddsa-jcs-2022`, 'signedJCS.json', 'JCS'],
  [
    'ecdsa-rdfc-2019 P-256',
    `${ecdsaDir}/ecdsa-rdfc-2019-p256`,
    'signedECDSAP256.json',
    'ECDSAP256',
  ],
  [
    'ecdsa-rdfc-2019 P-384',
    `${ecdsaDir}/ecdsa-rdfc-2019-p384`,
    'signedECDSAP384.json',
    'ECDSAP384',
  ],
  [
    'ecdsa-jcs-2019 P-384',
    `${ecdsaDir}/ecdsa-jcs-2019-p384`,
    'signedJCSECDSAP384.json',
    'JCSECDSAP384',
  ],
]

describe('intermediate values match the published ones', () => {
  for (const [label, folder, file, suffix] of intermediate) {
    test(label, skipWithout(folder, file), async () => {
      const { proof, ...unsecured } = readJson(folder, file)
      const parsed = parseProof(proof)
      assert.ok('options' in parsed)
      const suite = cryptosuites.get(parsed.cryptosuite ?? '')
      assert.ok(suite)
      const method = await resolveDidKey(parsed.verificationMethod)
      const key = suite.keyUse(method.publicKey)
      assert.ok(key)
      const values = await computeHashData(suite, key, unsecured, parsed.options, documentLoader)
      assert.equal(values.canonicalDocument, readText(folder, `canonDoc${suffix}.txt`))
      assert.equal(values.canonicalProofConfig, readText(folder, `proofCanon${suffix}.txt`))
      assert.equal(
        values.documentHash.toString('hex'),
        readText(folder, `docHash${suffix}.txt`).trim(),
      )
      assert.equal(
        values.proofConfigHash.toString('hex'),
        readText(folder, `proofHash${suffix}.txt`).trim(),
      )
      assert.equal(
        values.hashData.toString('hex'),
        readText(folder, `combinedHash${suffix}.txt`).trim(),
      )
    })
  }
})

test(
  'the legacy Ed25519Signature2020 vector is refused as an unsupported proof type',
  skipWithout(`${eddsaDir}/Ed25519Signature2020`),
  async () => {
    const document = readJson(`${eddsaDir}/Ed25519Signature2020`, 'signedEdSig.json')
    const result = await verifyDataIntegrity(document, vectorOptions())
    assert.equal(result.ok, false)
    if (!result.ok) assert.equal(result.code, 'w3c.proof_type_unsupported')
  },
)
