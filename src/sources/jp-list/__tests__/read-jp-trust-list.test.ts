// A Japanese trust list is read only when its signature (or the leave to go unsigned), schema, check digits and certificates hold.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { createTestSigner, type TestSigner } from '../../etsi-tl/__tests__/list-fixtures.ts'
import { readJpTrustList } from '../read-jp-trust-list.ts'
import {
  buildJpTrustList,
  createJpTestCertificates,
  type JpTestCertificates,
  signJpTrustList,
  utf8,
  wrongCheckDigit,
} from './jp-list-fixtures.ts'

// biome-ignore lint/suspicious/noExplicitAny: the cases write deliberately invalid values into the list
type List = Record<string, any>

describe('readJpTrustList', () => {
  let certificates: JpTestCertificates
  let signer: TestSigner
  let other: TestSigner
  const unsigned = { signers: [], allowUnsigned: true }
  const signedBy = (s: TestSigner) => ({ signers: [s.certificate], allowUnsigned: false })
  const list = (options = {}): List => buildJpTrustList(certificates, options) as List
  const json = (value: unknown) => utf8(JSON.stringify(value))
  const refuses = (bytes: Uint8Array, options: object, code: string) =>
    assert.rejects(readJpTrustList(bytes, { signers: [], allowUnsigned: true, ...options }), {
      code,
    })

  before(async () => {
    certificates = await createJpTestCertificates()
    signer = await createTestSigner('JP List Operator', 'ecdsa')
    other = await createTestSigner('Someone Else', 'ecdsa')
  })

  it('reads an unsigned list when allowed, names in kanji, kana and Latin kept as given', async () => {
    const read = await readJpTrustList(json(list()), unsigned)
    assert.deepEqual(read.signature, { status: 'unsigned' })
    assert.equal(read.list.sequenceNumber, 5)
    assert.deepEqual(
      read.list.entities[0]?.names.map((n) => n.value),
      [
        '試験認証株式会社',
        'シケンニンショウカブシキガイシャ',
        'Shiken Ninshō Kabushiki-gaisha',
        'Test Certification Co., Ltd.',
      ],
    )
    assert.equal(read.certificates.size, 3)
    const ca = read.certificates.get(certificates.accreditedCa.certPem)
    assert.equal(ca?.ca, true)
    assert.equal(read.certificates.get(certificates.gpkiServer.certPem)?.ca, false)
    assert.match(read.digest, /^[0-9a-f]{64}$/)
  })

  it('refuses an unsigned list when the source does not allow it', async () => {
    await refuses(json(list()), { allowUnsigned: false }, 'jp-list.unsigned_refused')
    // Signers configured do not make an unsigned file acceptable either.
    await refuses(json(list()), { ...signedBy(signer) }, 'jp-list.unsigned_refused')
  })

  it('reads a list signed by a configured signer, and says who signed it', async () => {
    const jws = await signJpTrustList(list(), signer)
    const read = await readJpTrustList(utf8(jws), signedBy(signer))
    assert.equal(read.signature.status, 'valid')
    assert.ok(read.signature.status === 'valid')
    assert.match(read.signature.signerSubject, /JP List Operator/)
    assert.equal(read.signature.algorithm, 'ES256')
    assert.match(read.signature.signerFingerprint, /^[0-9a-f]{64}$/)
  })

  it('refuses a list signed by a key that is not configured', async () => {
    const jws = await signJpTrustList(list(), other)
    await refuses(utf8(jws), signedBy(signer), 'jp-list.signer_unknown')
  })

  it('refuses a signed list when no signer is configured, even with allowUnsigned', async () => {
    const jws = await signJpTrustList(list(), signer)
    await refuses(utf8(jws), { signers: [], allowUnsigned: true }, 'jp-list.signer_unknown')
  })

  it('refuses a payload changed after signing', async () => {
    const [header, , signature] = (await signJpTrustList(list(), signer)).split('.')
    const forged = list()
    forged.entities[0].names[0].value = '偽装認証株式会社'
    const payload = Buffer.from(JSON.stringify(forged)).toString('base64url')
    await refuses(
      utf8(`${header}.${payload}.${signature}`),
      signedBy(signer),
      'jp-list.signature_invalid',
    )
  })

  it('refuses a configured x5c whose key did not make the signature', async () => {
    const jws = await signJpTrustList(list(), {
      certificateBase64: signer.certificateBase64,
      privateKey: other.privateKey,
    })
    await refuses(utf8(jws), signedBy(signer), 'jp-list.signature_invalid')
  })

  it('refuses alg none and MACs', async () => {
    for (const alg of ['none', 'HS256']) {
      const header = Buffer.from(JSON.stringify({ alg, x5c: [signer.certificateBase64] }))
      const body = Buffer.from(JSON.stringify(list()))
      const jws = `${header.toString('base64url')}.${body.toString('base64url')}.AAAA`
      await refuses(utf8(jws), signedBy(signer), 'jp-list.algorithm_refused')
    }
  })

  it('refuses a corporate number whose check digit is wrong, for an entity or the operator', async () => {
    const entity = list({ entityCorporateNumber: wrongCheckDigit('011001098993') })
    await refuses(json(entity), unsigned, 'jp-list.corporate_number_invalid')
    const operator = list()
    operator.operator.corporateNumber = wrongCheckDigit('123456789012')
    await refuses(json(operator), unsigned, 'jp-list.corporate_number_invalid')
    // Signed or not, the check is the same.
    const jws = await signJpTrustList(entity, signer)
    await refuses(utf8(jws), signedBy(signer), 'jp-list.corporate_number_invalid')
  })

  it('refuses schema violations, each with the path that is wrong', async () => {
    const cases: Array<[string, (l: List) => void, RegExp]> = [
      ['unknown field', (l) => (l.entities[0].website = 'https://x'), /entities\.0/],
      ['wrong format version', (l) => (l.kakehashiJpTrustList = 2), /kakehashiJpTrustList/],
      [
        'corporate number of 12 digits',
        (l) => (l.entities[0].corporateNumber = '123456789012'),
        /corporateNumber/,
      ],
      [
        'undeclared framework',
        (l) => (l.entities[0].services[0].framework = 'jp.other'),
        /framework/,
      ],
      [
        'framework outside jp.',
        (l) => (l.frameworks[0].id = 'eu.eidas.qualified'),
        /frameworks\.0\.id/,
      ],
      ['unknown service type', (l) => (l.entities[0].services[0].type = 'jp.esig.bogus'), /type/],
      ['unknown status', (l) => (l.entities[0].services[0].status = 'accredited'), /status/],
      [
        'history out of order',
        (l) => l.entities[0].services[0].statusHistory.reverse(),
        /statusHistory/,
      ],
      ['repeated entity id', (l) => (l.entities[1].id = l.entities[0].id), /entities\.1\.id/],
      ['blank name', (l) => (l.entities[0].names[0].value = '   '), /names/],
      ['bad language tag', (l) => (l.entities[0].names[0].lang = 'japanese language'), /lang/],
      [
        'not a PEM certificate',
        (l) => (l.entities[0].services[0].certificates = ['MIIB']),
        /certificates/,
      ],
      [
        'too many certificates',
        (l) =>
          (l.entities[0].services[0].certificates = Array(33).fill(
            l.entities[0].services[0].certificates[0],
          )),
        /certificates/,
      ],
      ['next update before issue', (l) => (l.nextUpdate = '2026-04-01T00:00:00Z'), /nextUpdate/],
      ['negative sequence number', (l) => (l.sequenceNumber = -1), /sequenceNumber/],
      [
        'too many names',
        (l) => (l.entities[0].names = Array(17).fill({ lang: 'en', value: 'x' })),
        /names/,
      ],
    ]
    for (const [what, change, path] of cases) {
      const bad = list()
      change(bad)
      await assert.rejects(readJpTrustList(json(bad), unsigned), (error: unknown) => {
        const { code, message } = error as { code: string; message: string }
        assert.equal(code, 'jp-list.schema_invalid', what)
        assert.match(message, path, what)
        return true
      })
    }
  })

  it('refuses certificates that do not parse, and one certificate for two entities', async () => {
    const garbage = list()
    garbage.entities[0].services[0].certificates = [
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    ]
    await refuses(json(garbage), unsigned, 'jp-list.certificate_invalid')
    const shared = list()
    shared.entities[1].services[0].certificates = [certificates.accreditedCa.certPem]
    await refuses(json(shared), unsigned, 'jp-list.certificate_invalid')
  })

  it('refuses oversize, deep, non-UTF-8 and non-JSON input', async () => {
    const bytes = json(list())
    await refuses(bytes, { maxBytes: bytes.byteLength - 1 }, 'jp-list.too_large')
    const jws = utf8(await signJpTrustList(list(), signer))
    await refuses(jws, { ...signedBy(signer), maxBytes: jws.byteLength - 1 }, 'jp-list.too_large')
    await refuses(utf8(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`), unsigned, 'jp-list.malformed')
    await refuses(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), unsigned, 'jp-list.malformed')
    await refuses(utf8('{"kakehashiJpTrustList": 1,'), unsigned, 'jp-list.malformed')
    await refuses(utf8('not a list'), signedBy(signer), 'jp-list.malformed')
  })
})
