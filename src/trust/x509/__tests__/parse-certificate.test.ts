// Certificate parsing: DER, PEM and x5c base64 in, a result code (never a throw) for anything else.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { corpusPath, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { decodeX5c } from '../decode-x5c.ts'
import { decodePemCertificates, fingerprintSha256, parseCertificate } from '../parse-certificate.ts'
import { makePki, type TestPki } from './pki-fixtures.ts'

describe('parseCertificate', () => {
  let pki: TestPki

  before(async () => {
    pki = await makePki()
  })

  it('reads DER, PEM and standard base64 into the same certificate', () => {
    const base64 = Buffer.from(pki.leaf.certDer).toString('base64')
    const results = [
      parseCertificate(pki.leaf.certDer),
      parseCertificate(pki.leaf.certPem),
      parseCertificate(base64),
    ]
    for (const result of results) {
      assert.equal(result.ok, true)
      if (!result.ok) continue
      assert.match(result.certificate.subject, /CN=Test University Credential Issuer/)
      assert.equal(result.fingerprint, createHash('sha256').update(pki.leaf.certDer).digest('hex'))
      assert.deepEqual(result.der, pki.leaf.certDer)
    }
  })

  it('computes the lower-case hex SHA-256 fingerprint of the DER', () => {
    assert.equal(
      fingerprintSha256(new Uint8Array([0x61, 0x62, 0x63])),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('returns trust.chain_invalid instead of throwing', () => {
    const cases: (Uint8Array | string)[] = [
      new Uint8Array(0),
      new Uint8Array([1, 2, 3]),
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]),
      new Uint8Array([...pki.leaf.certDer, 0x00]),
      pki.leaf.certDer.subarray(0, pki.leaf.certDer.length - 1),
      'not a certificate',
      Buffer.from(pki.leaf.certDer).toString('base64url').replace(/[-_]/g, '-'),
      `${pki.leaf.certPem}\n${pki.ca.certPem}`,
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    ]
    for (const input of cases) {
      const result = parseCertificate(input)
      assert.equal(result.ok, false, `accepted ${String(input).slice(0, 40)}`)
      if (!result.ok) assert.equal(result.code, 'trust.chain_invalid')
    }
  })

  it('reads every certificate of a PEM bundle', () => {
    assert.equal(decodePemCertificates(`${pki.leaf.certPem}\n${pki.ca.certPem}`).length, 2)
  })

  it(
    'reads the EUDI reference PID issuer CA bundle',
    skipWithoutCorpus('eu', 'eudi-pid', 'eudi-ref-impl-pid-issuer-cas.pem'),
    () => {
      const path = corpusPath('eu', 'eudi-pid', 'eudi-ref-impl-pid-issuer-cas.pem') as string
      const ders = decodePemCertificates(readFileSync(path, 'utf8'))
      assert.ok(ders.length > 1)
      for (const der of ders) assert.equal(parseCertificate(der).ok, true)
    },
  )
})

describe('decodeX5c', () => {
  it('decodes standard base64 entries, leaf first', async () => {
    const { leaf, ca } = await makePki()
    const value = [
      Buffer.from(leaf.certDer).toString('base64'),
      Buffer.from(ca.certDer).toString('base64'),
    ]
    const result = decodeX5c(value, 8)
    assert.equal(result.ok, true)
    if (result.ok) assert.deepEqual(result.certificates, [leaf.certDer, ca.certDer])
  })

  it('refuses what is not a short array of base64 strings', () => {
    for (const value of [undefined, 'MIIB', [], [1], ['a-b_'], ['MIIB', 'MIIB', 'MIIB']]) {
      const result = decodeX5c(value, 2)
      assert.equal(result.ok, false, JSON.stringify(value))
      if (!result.ok) assert.equal(result.code, 'trust.chain_invalid')
    }
  })
})
