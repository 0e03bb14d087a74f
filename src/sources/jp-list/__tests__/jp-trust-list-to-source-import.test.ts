// A verified Japanese list becomes registry content: entities with their 法人番号, certificates as identities, services with status history.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { decodePemCertificates } from '../../../trust/x509/parse-certificate.ts'
import { createTestSigner } from '../../etsi-tl/__tests__/list-fixtures.ts'
import {
  CORPORATE_NUMBER_SCHEME,
  countJpTrustList,
  jpTrustListToSourceImport,
} from '../jp-trust-list-to-source-import.ts'
import { readJpTrustList } from '../read-jp-trust-list.ts'
import {
  buildJpTrustList,
  corporateNumber,
  createJpTestCertificates,
  type JpTestCertificates,
  signJpTrustList,
  utf8,
} from './jp-list-fixtures.ts'

const options = { sourceId: 'jp.test', fetchedAt: '2026-06-01T00:00:00.000Z', uri: 'list.json' }

describe('jpTrustListToSourceImport', () => {
  let certificates: JpTestCertificates
  before(async () => {
    certificates = await createJpTestCertificates()
  })
  const read = (list = buildJpTrustList(certificates)) =>
    readJpTrustList(utf8(JSON.stringify(list)), { signers: [], allowUnsigned: true })

  it('puts every object under the source, with ids from the operator’s own ids', async () => {
    const { source, content } = jpTrustListToSourceImport(await read(), options)
    assert.equal(source.kind, 'jp-list')
    assert.equal(source.territory, 'JP')
    assert.match(
      source.description,
      /試験トラストリスト運営者 \/ Test Trust List Operator: test-jp-list/,
    )
    assert.deepEqual(
      content.entities.map((e) => e.id),
      ['jp.test:entity:accredited-ca', 'jp.test:entity:jpki'],
    )
    assert.deepEqual(
      content.authorisations.map((a) => a.id),
      [
        'jp.test:svc:accredited-ca.signing',
        'jp.test:svc:jpki.signature',
        'jp.test:svc:jpki.gpki-server',
      ],
    )
    const all = [
      ...content.frameworks,
      ...content.entities,
      ...content.identities,
      ...content.authorisations,
    ]
    assert.ok(all.every((o) => o.sourceId === 'jp.test'))
  })

  it('keeps names in kanji, kana and Latin with their tags, and the corporate number as an identifier', async () => {
    const { content } = jpTrustListToSourceImport(await read(), options)
    const [entity] = content.entities
    assert.deepEqual(entity?.names, [
      { lang: 'ja-Jpan', value: '試験認証株式会社' },
      { lang: 'ja-Kana', value: 'シケンニンショウカブシキガイシャ' },
      { lang: 'ja-Latn', value: 'Shiken Ninshō Kabushiki-gaisha' },
      { lang: 'en', value: 'Test Certification Co., Ltd.' },
    ])
    assert.deepEqual(entity?.identifiers, [
      { scheme: CORPORATE_NUMBER_SCHEME, value: corporateNumber('011001098993') },
    ])
    assert.equal(entity?.country, 'JP')
    assert.deepEqual(content.entities[1]?.identifiers, [], 'no number given, none invented')
  })

  it('makes a CA certificate a trust anchor and an end-entity certificate a certificate, by SHA-256 of the DER', async () => {
    const { content } = jpTrustListToSourceImport(await read(), options)
    const fingerprint = (pem: string) =>
      createHash('sha256')
        .update(decodePemCertificates(pem)[0] as Uint8Array)
        .digest('hex')
    const byFingerprint = new Map(content.identities.map((i) => [i.fingerprint, i]))
    const anchor = byFingerprint.get(fingerprint(certificates.accreditedCa.certPem))
    assert.equal(anchor?.kind, 'x509.trust_anchor')
    assert.equal(anchor?.entityId, 'jp.test:entity:accredited-ca')
    assert.equal(
      byFingerprint.get(fingerprint(certificates.jpkiSignatureCa.certPem))?.kind,
      'x509.trust_anchor',
    )
    const leaf = byFingerprint.get(fingerprint(certificates.gpkiServer.certPem))
    assert.equal(leaf?.kind, 'x509.certificate')
    assert.equal(leaf?.entityId, 'jp.test:entity:jpki')
    assert.deepEqual(
      decodePemCertificates(leaf?.value ?? ''),
      decodePemCertificates(certificates.gpkiServer.certPem),
    )
  })

  it('turns services into authorisations with their framework, role, levels and status history', async () => {
    const { content } = jpTrustListToSourceImport(await read(), options)
    const [accredited, jpki, gpki] = content.authorisations
    assert.equal(accredited?.frameworkId, 'jp.test.esig')
    assert.equal(accredited?.role, 'issuer')
    assert.equal(accredited?.status, 'granted')
    assert.equal(accredited?.validFrom, '2021-04-01T00:00:00+09:00', 'from the first listing')
    assert.equal(accredited?.validUntil, undefined)
    assert.equal(accredited?.trustService?.serviceType, 'jp.esig.accredited')
    assert.equal(accredited?.trustService?.serviceName, '試験認証サービス')
    assert.deepEqual(
      accredited?.trustService?.history?.map((h) => [h.status, h.statusStartingTime]),
      [
        ['suspended', '2023-10-01T00:00:00Z'],
        ['granted', '2021-04-01T00:00:00+09:00'],
      ],
    )
    assert.deepEqual(jpki?.credentialTypes, ['urn:kakehashi:test:jp.mynumber-identity:1'])
    assert.equal(jpki?.assuranceLevel, 'IAL3')
    assert.equal(gpki?.role, 'trust_service_provider')
  })

  it('ends a withdrawn service when its withdrawal took effect', async () => {
    const list = buildJpTrustList(certificates, { accreditedStatus: 'withdrawn' })
    const { content } = jpTrustListToSourceImport(await read(list), options)
    const [accredited] = content.authorisations
    assert.equal(accredited?.status, 'withdrawn')
    assert.equal(accredited?.validUntil, '2026-04-01T00:00:00Z')
    assert.equal(accredited?.validFrom, '2021-04-01T00:00:00+09:00')
  })

  it('frameworks are Japanese, named in every language given', async () => {
    const { content } = jpTrustListToSourceImport(await read(), options)
    assert.deepEqual(
      content.frameworks.map((f) => [f.id, f.jurisdiction, f.name]),
      [
        [
          'jp.test.esig',
          'JP',
          '電子署名法 認定認証業務（試験） / Accredited certification services (test)',
        ],
        ['jp.test.mynumber', 'JP', 'My Number Card (test)'],
      ],
    )
    assert.deepEqual(content.frameworks[1]?.assuranceLevels, ['IAL2', 'IAL3'])
  })

  it('records the version: sequence, dates, and the signature as unsigned or as signed by whom', async () => {
    const unsigned = jpTrustListToSourceImport(await read(), { ...options, etag: '"x"' })
    assert.equal(unsigned.version.sequenceNumber, 5)
    assert.equal(unsigned.version.issuedAt, '2026-05-01T00:00:00Z')
    assert.equal(unsigned.version.nextUpdate, '2026-11-01T00:00:00Z')
    assert.deepEqual(unsigned.version.signature, { status: 'unsigned' })
    assert.equal(unsigned.version.etag, '"x"')
    const signer = await createTestSigner('JP Signer', 'ecdsa')
    const jws = await signJpTrustList(buildJpTrustList(certificates), signer)
    const verified = await readJpTrustList(utf8(jws), {
      signers: [signer.certificate],
      allowUnsigned: false,
    })
    const signed = jpTrustListToSourceImport(verified, options)
    assert.equal(signed.version.signature.status, 'valid')
    assert.match(signed.version.signature.signerSubject ?? '', /JP Signer/)
    assert.equal(signed.version.digest, createHash('sha256').update(jws).digest('hex'))
    assert.deepEqual(countJpTrustList(verified), {
      entities: 2,
      services: 3,
      grantedServices: 3,
      certificates: 3,
    })
  })

  it('refuses ids that would not fit the registry', async () => {
    await assert.rejects(
      async () =>
        jpTrustListToSourceImport(await read(), { ...options, sourceId: `jp.${'x'.repeat(110)}` }),
      { code: 'jp-list.schema_invalid' },
    )
  })
})
