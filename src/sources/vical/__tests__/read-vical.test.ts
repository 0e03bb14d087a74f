// readVical: a VICAL signed by a configured signer is read whole; every other one, however changed, is refused with its code.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import fc from 'fast-check'
import { byteEdits, editBytes, mutationSeed } from '../../../../test/support/mutations.ts'
import { KakehashiError } from '../../../errors.ts'
import { decodeCbor, encodeCbor, Tag } from '../../../lib/cbor/index.ts'
import { signCoseSign1 } from '../../../lib/cose/index.ts'
import { readVical } from '../read-vical.ts'
import { VICAL_LIMITS } from '../z-vical.ts'
import {
  buildVical,
  certificateInfo,
  createTestCertificate,
  MDL_DOCTYPE,
  PID_DOCTYPE,
  signVical,
  type TestCertificate,
} from './vical-fixtures.ts'

describe('readVical', () => {
  let signer: TestCertificate
  let other: TestCertificate
  let mdlIaca: TestCertificate
  let pidIaca: TestCertificate
  let signers: Uint8Array[]
  const good = () =>
    buildVical({
      issueId: 7,
      infos: [
        certificateInfo(mdlIaca, { issuingAuthority: 'Test DMV', issuingCountry: 'US-MD' }),
        certificateInfo(pidIaca, { docType: [PID_DOCTYPE, MDL_DOCTYPE] }),
      ],
    })
  const refusal = (bytes: Uint8Array, code: string, message?: RegExp) =>
    assert.throws(
      () => readVical(bytes, { signers }),
      (error: { code: string; message: string }) => {
        assert.equal(error.code, code, error.message)
        if (message) assert.match(error.message, message)
        return true
      },
    )

  before(async () => {
    signer = await createTestCertificate('CN=VICAL Signer, O=Test VICAL Provider, C=US', {
      ca: false,
    })
    other = await createTestCertificate('CN=Someone Else, C=US', { ca: false })
    mdlIaca = await createTestCertificate('CN=Test DMV IACA, O=Test DMV, C=US, ST=US-MD')
    pidIaca = await createTestCertificate('CN=Test PID IACA, O=Test PID Authority, C=DE', {
      serialNumber: '00ff0a',
    })
    signers = [other.der, signer.der]
  })

  it('refuses a VICAL changed at random with a vical.* code, or reads the very same list', () => {
    // A plain Uint8Array, as the mutations are: cbor-x returns byte strings as views of the
    // input's own type, and a Buffer's would not compare equal to a Uint8Array's.
    const bytes = Uint8Array.from(signVical(good(), signer))
    const original = readVical(bytes, { signers }).vical
    fc.assert(
      fc.property(byteEdits, (list) => {
        try {
          assert.deepEqual(readVical(editBytes(bytes, list), { signers }).vical, original)
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error
          assert.ok(error instanceof KakehashiError, `not a coded refusal: ${String(error)}`)
          assert.match(error.code, /^vical\./)
        }
      }),
      { numRuns: 400, seed: mutationSeed },
    )
  })

  it('reads a signed VICAL: its fields, every IACA certificate, the signer and the digest', () => {
    const verified = readVical(signVical(good(), signer), { signers })
    assert.equal(verified.vical.vicalProvider, 'Test VICAL Provider')
    assert.equal(verified.vical.vicalIssueID, 7)
    assert.equal(verified.vical.date.toISOString(), '2026-01-01T00:00:00.000Z')
    assert.equal(verified.vical.certificateInfos.length, 2)
    assert.deepEqual(verified.vical.certificateInfos[1]?.docType, [PID_DOCTYPE, MDL_DOCTYPE])
    assert.equal(verified.certificates.length, 2)
    assert.equal(verified.certificates[0]?.organisation, 'Test DMV')
    assert.equal(verified.certificates[1]?.country, 'DE')
    assert.equal(verified.algorithm, 'ES256')
    assert.match(verified.signer.subject, /VICAL Signer/)
    assert.match(verified.signer.fingerprint, /^[0-9a-f]{64}$/)
    assert.match(verified.digest, /^[0-9a-f]{64}$/)
  })

  it('reads the COSE_Sign1 tagged 18 as well as untagged, and a serialNumber written as a uint', () => {
    const untagged = signVical(good(), signer)
    const tagged = encodeCbor(new Tag(decodeCbor(untagged), 18))
    assert.equal(readVical(tagged, { signers }).vical.certificateInfos.length, 2)
    const small = buildVical({
      infos: [certificateInfo(mdlIaca, { serialNumber: 0x01a2b3 })],
    })
    assert.equal(readVical(signVical(small, signer), { signers }).certificates.length, 1)
  })

  it('reads a VICAL signed with ES384 by a P-384 signer', async () => {
    const signer384 = await createTestCertificate('CN=VICAL Signer 384', {
      alg: 'ES384',
      ca: false,
    })
    const bytes = signVical(good(), signer384, { alg: 'ES384' })
    assert.equal(readVical(bytes, { signers: [signer384.der] }).algorithm, 'ES384')
  })

  it('refuses a VICAL whose x5chain leaf is not a configured signer, or that has none', () => {
    refusal(signVical(good(), other, { x5chain: [signer.der] }), 'vical.signature_invalid')
    const unknown = signVical(good(), mdlIaca)
    refusal(unknown, 'vical.signer_unknown', /not one of the configured/)
    refusal(signVical(good(), signer, { x5chain: [] }), 'vical.signer_unknown', /no x5chain/)
    assert.throws(() => readVical(signVical(good(), signer), { signers: [] }), {
      code: 'vical.signer_unknown',
    })
  })

  it('refuses a tampered payload: the signature does not verify', () => {
    const message = decodeCbor(signVical(good(), signer)) as unknown[]
    const payload = Buffer.from(message[2] as Uint8Array)
    const at = payload.indexOf('Test VICAL Provider')
    payload.write('Evil', at)
    const forged = encodeCbor([message[0], message[1], payload, message[3]])
    refusal(forged, 'vical.signature_invalid', /does not verify/)
  })

  it('refuses algorithms outside the allow-list, and an alg that is not protected', () => {
    const forge = (alg: number | undefined, unprotectedAlg?: number) => {
      const protectedBytes = encodeCbor(new Map(alg === undefined ? [] : [[1, alg]]))
      const unprotected = new Map<number, unknown>([[33, signer.der]])
      if (unprotectedAlg !== undefined) unprotected.set(1, unprotectedAlg)
      return encodeCbor([protectedBytes, unprotected, encodeCbor(good()), new Uint8Array(64)])
    }
    refusal(forge(-37), 'vical.algorithm_refused', /PS256/) // RSASSA-PSS: not for a VICAL
    refusal(forge(5), 'vical.algorithm_refused') // HMAC
    refusal(forge(-999), 'vical.algorithm_refused')
    refusal(forge(undefined, -7), 'vical.algorithm_refused', /unprotected/)
  })

  it('refuses what is not CBOR, not a COSE_Sign1, or signs a payload that is not CBOR', () => {
    refusal(new Uint8Array([0xff, 0x00, 0x01]), 'vical.malformed')
    refusal(signVical(good(), signer).subarray(0, 100), 'vical.malformed', /end of the input/)
    refusal(encodeCbor(new Map([['version', '1.0']])), 'vical.malformed', /COSE_Sign1/)
    const signed = decodeCbor(signVical(good(), signer)) as unknown[]
    refusal(encodeCbor([signed[0], signed[1], null, signed[3]]), 'vical.malformed', /detached/)
    const bytes = signCoseSign1({
      payload: new Uint8Array([0x1c]),
      alg: 'ES256',
      privateKey: signer.privateKey,
      x5chain: [signer.der],
    })
    refusal(bytes, 'vical.malformed', /payload/)
    const duplicate = Buffer.concat([
      Buffer.from([0xa2]),
      encodeCbor('a'),
      encodeCbor(1),
      encodeCbor('a'),
      encodeCbor(2),
    ])
    refusal(
      signCoseSign1({
        payload: duplicate,
        alg: 'ES256',
        privateKey: signer.privateKey,
        x5chain: [signer.der],
      }),
      'vical.malformed',
      /duplicate/,
    )
  })

  it('refuses a VICAL over the size limit, and CBOR past the depth limit', () => {
    const bytes = signVical(good(), signer)
    assert.throws(() => readVical(bytes, { signers, maxBytes: bytes.byteLength - 1 }), {
      code: 'vical.too_large',
    })
    // A configured limit above the reader's own is held to the reader's.
    assert.equal(
      readVical(bytes, { signers, maxBytes: VICAL_LIMITS.maxBytes * 2 }).digest.length,
      64,
    )
    let deep: unknown = 1
    for (let i = 0; i < VICAL_LIMITS.maxCborDepth + 2; i++) deep = [deep]
    const nested = buildVical({
      infos: [certificateInfo(mdlIaca, { extensions: new Map([['x', deep]]) })],
    })
    refusal(signVical(nested, signer), 'vical.limit_exceeded')
  })

  it('refuses a VICAL missing a required member, or with one of the wrong type, naming it', () => {
    const without = (key: string) =>
      buildVical({ infos: [certificateInfo(mdlIaca)], overrides: { [key]: undefined } })
    for (const key of ['version', 'vicalProvider', 'date', 'certificateInfos']) {
      refusal(signVical(without(key), signer), 'vical.schema_invalid', new RegExp(`^${key}`))
    }
    for (const key of ['certificate', 'serialNumber', 'ski', 'docType']) {
      const vical = buildVical({ infos: [certificateInfo(mdlIaca, { [key]: undefined })] })
      refusal(
        signVical(vical, signer),
        'vical.schema_invalid',
        new RegExp(`certificateInfos\\.0\\.${key}`),
      )
    }
    const emptyDocType = buildVical({ infos: [certificateInfo(mdlIaca, { docType: [] })] })
    refusal(signVical(emptyDocType, signer), 'vical.schema_invalid', /docType/)
    // tdate is tag 0 around the text; bare text is not one.
    const untaggedDate = buildVical({ infos: [], overrides: { date: '2026-01-01T00:00:00Z' } })
    refusal(signVical(untaggedDate, signer), 'vical.schema_invalid', /^date/)
    const intKeys = new Map<unknown, unknown>([...good(), [1, 'one']])
    refusal(signVical(intKeys, signer), 'vical.schema_invalid', /text string/)
    refusal(signVical(['not', 'a', 'map'], signer), 'vical.schema_invalid')
  })

  it('refuses a nextUpdate or notAfter not after its date, and a VICAL past its notAfter', () => {
    const early = buildVical({ infos: [], nextUpdate: '2025-12-01T00:00:00Z' })
    refusal(signVical(early, signer), 'vical.schema_invalid', /nextUpdate/)
    const ending = buildVical({
      infos: [],
      overrides: { notAfter: new Tag('2026-03-01T00:00:00Z', 0) },
    })
    const bytes = signVical(ending, signer)
    assert.equal(
      readVical(bytes, {
        signers,
        now: Date.parse('2026-02-01T00:00:00Z'),
      }).vical.notAfter?.toISOString(),
      '2026-03-01T00:00:00.000Z',
    )
    assert.throws(() => readVical(bytes, { signers, now: Date.parse('2026-03-01T00:00:00Z') }), {
      code: 'vical.expired',
    })
  })

  it('refuses a CertificateInfo that does not describe its certificate, or a certificate that is no IACA', async () => {
    const with_ = (overrides: Record<string, unknown>, iaca = mdlIaca) =>
      signVical(
        buildVical({ infos: [certificateInfo(pidIaca), certificateInfo(iaca, overrides)] }),
        signer,
      )
    refusal(
      with_({ serialNumber: 42 }),
      'vical.certificate_invalid',
      /certificateInfos\.1: serialNumber/,
    )
    refusal(with_({ ski: new Uint8Array(20) }), 'vical.certificate_invalid', /ski/)
    refusal(with_({ issuer: new Uint8Array([0x30, 0x00]) }), 'vical.certificate_invalid', /issuer/)
    refusal(
      with_({ notAfter: new Tag('2035-01-01T00:00:00Z', 0) }),
      'vical.certificate_invalid',
      /notAfter/,
    )
    refusal(
      with_({ certificate: new Uint8Array([0x30, 0x03, 1, 2, 3]) }),
      'vical.certificate_invalid',
      /cannot be read/,
    )
    const endEntity = await createTestCertificate('CN=Not a CA', { ca: false })
    refusal(with_({}, endEntity), 'vical.certificate_invalid', /not a CA/)
    const noSki = await createTestCertificate('CN=No SKI', { ski: false })
    refusal(
      with_({ ski: new Uint8Array(20) }, noSki),
      'vical.certificate_invalid',
      /no subject key identifier/,
    )
    // Issuer and subject, when given, are the certificate's own Names, byte for byte.
    const issuer = new Uint8Array(mdlIaca.certificate.issuerName.toArrayBuffer())
    assert.equal(readVical(with_({ issuer, subject: issuer }), { signers }).certificates.length, 2)
  })
})
