// vicalToSourceImport: issuing authorities become entities, each IACA certificate a trust anchor with its own authorisation.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { zAuthorisation, zDigitalIdentity, zTrustedEntity } from '../../../model/index.ts'
import { readVical } from '../read-vical.ts'
import { countVical, vicalToSourceImport } from '../vical-to-source-import.ts'
import {
  buildVical,
  certificateInfo,
  createTestCertificate,
  MDL_DOCTYPE,
  PID_DOCTYPE,
  signVical,
  type TestCertificate,
} from './vical-fixtures.ts'

const options = {
  sourceId: 'aamva.vical',
  uri: 'https://vical.example/vical.cbor',
  fetchedAt: '2026-06-01T00:00:00.000Z',
  frameworkId: 'us.aamva.mdl',
}

describe('vicalToSourceImport', () => {
  let signer: TestCertificate
  let mdMdl: TestCertificate
  let mdPid: TestCertificate
  let vaMdl: TestCertificate
  let unnamed: TestCertificate
  const read = (infos: Map<string, unknown>[], issueId = 3) =>
    readVical(signVical(buildVical({ issueId, infos }), signer), { signers: [signer.der] })

  before(async () => {
    signer = await createTestCertificate('CN=VICAL Signer', { ca: false })
    mdMdl = await createTestCertificate('CN=MD mDL IACA, O=Maryland MVA, C=US')
    mdPid = await createTestCertificate('CN=MD second IACA, O=Maryland MVA, C=US')
    vaMdl = await createTestCertificate('CN=VA IACA, O=Virginia DMV, C=US')
    unnamed = await createTestCertificate('CN=Kantonsamt IACA, O=Strassenverkehrsamt, C=CH')
  })

  const md = { issuingAuthority: 'Maryland MVA', issuingCountry: 'US-MD' }
  const infos = () => [
    certificateInfo(mdMdl, md),
    certificateInfo(mdPid, { ...md, docType: [PID_DOCTYPE, MDL_DOCTYPE, PID_DOCTYPE] }),
    certificateInfo(vaMdl, { issuingAuthority: 'Virginia DMV', issuingCountry: 'US-VA' }),
    certificateInfo(unnamed, {}),
  ]

  it('makes one entity per issuing authority and country, one trust anchor and one authorisation per certificate', () => {
    const verified = read(infos())
    const imported = vicalToSourceImport(verified, options)
    const { entities, identities, authorisations, frameworks } = imported.content
    assert.equal(frameworks.length, 0, 'the framework is asserted only when asked')
    assert.deepEqual(
      entities.map((e) => [e.names[0]?.value, e.country]),
      [
        ['Maryland MVA', 'US'],
        ['Virginia DMV', 'US'],
        ['Strassenverkehrsamt', 'CH'],
      ],
    )
    for (const entity of entities) zTrustedEntity.parse(entity)
    assert.equal(identities.length, 4)
    for (const identity of identities) {
      zDigitalIdentity.parse(identity)
      assert.equal(identity.kind, 'x509.trust_anchor')
      assert.match(identity.value, /^-----BEGIN CERTIFICATE-----/)
    }
    assert.equal(authorisations.length, 4)
    const [first, second] = authorisations.map((a) => zAuthorisation.parse(a))
    assert.ok(first && second)
    assert.equal(first.entityId, second.entityId)
    assert.equal(first.frameworkId, 'us.aamva.mdl')
    assert.equal(first.role, 'issuer')
    assert.deepEqual(first.credentialTypes, [MDL_DOCTYPE])
    assert.deepEqual(second.credentialTypes, [PID_DOCTYPE, MDL_DOCTYPE])
    assert.deepEqual(first.identityIds, [identities[0]?.id])
    assert.deepEqual(second.identityIds, [identities[1]?.id], 'each type through its own anchor')
    assert.equal(first.validFrom, '2025-01-01T00:00:00.000Z')
    assert.equal(first.validUntil, '2034-01-01T00:00:00.000Z')
    assert.deepEqual(countVical(verified, imported), {
      certificates: 4,
      issuingAuthorities: 3,
      docTypes: 2,
    })
  })

  it('records the version: digest, vicalIssueID, date, nextUpdate and signer', () => {
    const verified = read(infos(), 9)
    const { source, version } = vicalToSourceImport(verified, { ...options, jurisdiction: 'US' })
    assert.equal(source.kind, 'vical')
    assert.equal(source.territory, 'US')
    assert.match(source.description, /Test VICAL Provider/)
    assert.equal(version.digest, verified.digest)
    assert.equal(version.sequenceNumber, 9)
    assert.equal(version.issuedAt, '2026-01-01T00:00:00.000Z')
    assert.equal(version.nextUpdate, '2026-12-01T00:00:00.000Z')
    assert.equal(version.signature.status, 'valid')
    assert.equal(version.signature.algorithm, 'ES256')
    assert.equal(version.signature.signerFingerprint, verified.signer.fingerprint)
  })

  it('asserts the framework, named after the provider, when asked', () => {
    const { content } = vicalToSourceImport(read(infos()), {
      ...options,
      assertFramework: true,
      jurisdiction: 'US',
    })
    assert.deepEqual(
      content.frameworks.map((f) => [f.id, f.jurisdiction, f.name]),
      [['us.aamva.mdl', 'US', 'VICAL of Test VICAL Provider']],
    )
  })

  it('keeps ids when the VICAL lists the same certificates in another order', () => {
    const ids = (list: Map<string, unknown>[]) => {
      const { content } = vicalToSourceImport(read(list), options)
      return [content.entities, content.identities, content.authorisations].flatMap((objects) =>
        objects.map((o) => o.id).sort(),
      )
    }
    assert.deepEqual(ids(infos()), ids(infos().reverse()))
  })

  it('refuses one certificate listed for two issuing authorities', () => {
    const verified = read([
      certificateInfo(mdMdl, md),
      certificateInfo(mdMdl, { issuingAuthority: 'Someone else', issuingCountry: 'US-MD' }),
    ])
    assert.throws(() => vicalToSourceImport(verified, options), {
      code: 'vical.certificate_invalid',
    })
  })

  it('gives the same certificate listed twice for one authority one identity and two authorisations', () => {
    const { content } = vicalToSourceImport(
      read([certificateInfo(mdMdl, md), certificateInfo(mdMdl, { ...md, docType: [PID_DOCTYPE] })]),
      options,
    )
    assert.equal(content.identities.length, 1)
    assert.equal(new Set(content.authorisations.map((a) => a.id)).size, 2)
  })
})
