// Mapping a verified trusted list onto the registry: entities, identities and authorisations with stable ids and the full status history.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { corpusPath, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { readTrustedList, type VerifiedTrustedList } from '../read-trusted-list.ts'
import {
  EIDAS_QUALIFIED_FRAMEWORK,
  isQualifiedServiceType,
  trustedListToSourceImport,
} from '../trusted-list-to-source-import.ts'
import {
  buildTrustedListXml,
  CA_QC,
  createTestSigner,
  GRANTED,
  signXml,
  WITHDRAWN,
} from './list-fixtures.ts'

const options = { sourceId: 'eu.tl.zz', fetchedAt: '2026-06-01T00:00:00Z' }

async function verifiedList(fixture: Parameters<typeof buildTrustedListXml>[0]) {
  const signer = await createTestSigner('ZZ operator', 'ecdsa')
  return readTrustedList(await signXml(buildTrustedListXml(fixture), signer))
}

describe('trustedListToSourceImport', () => {
  it('records the version: digest, sequence number, dates and the signer', async () => {
    const verified = await verifiedList({ sequence: 12 })
    const { version, source } = trustedListToSourceImport(verified, options)
    assert.equal(version.digest, verified.sha256)
    assert.equal(version.sequenceNumber, 12)
    assert.equal(version.issuedAt, verified.list.schemeInformation.listIssueDateTime)
    assert.equal(version.nextUpdate, verified.list.schemeInformation.nextUpdate)
    assert.equal(version.signature.status, 'valid')
    assert.equal(
      version.signature.signerFingerprint,
      verified.signature.signingCertificateFingerprint,
    )
    assert.match(version.signature.signerSubject ?? '', /ZZ operator/)
    assert.equal(source.kind, 'etsi-tl')
    assert.equal(source.territory, 'ZZ')
  })

  it('maps the TSP to an entity with its registration identifier, and the service with its history', async () => {
    const { content } = trustedListToSourceImport(await verifiedList({}), options)
    const [entity] = content.entities
    assert.ok(entity)
    assert.deepEqual(entity.identifiers, [{ scheme: 'vat', value: 'VATZZ-12345' }])
    assert.deepEqual(
      entity.names.map((n) => n.lang),
      ['en', 'ja'],
    )
    const [service] = content.authorisations
    assert.ok(service)
    assert.equal(service.frameworkId, EIDAS_QUALIFIED_FRAMEWORK)
    assert.equal(service.role, 'issuer')
    assert.equal(service.status, 'granted')
    assert.equal(service.entityId, entity.id)
    // Listed first (as accredited) in 2016: that is when the authorisation begins.
    assert.equal(service.validFrom, '2016-06-30T22:00:00.000Z')
    assert.equal(service.trustService?.serviceType, CA_QC)
    assert.equal(service.trustService?.status, GRANTED)
    assert.deepEqual(
      service.trustService?.history?.map((h) => h.status),
      ['http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited'],
    )
    assert.deepEqual(service.trustService?.qualifiers, [
      'http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCWithQSCD',
    ])
    assert.deepEqual(service.trustService?.additionalServiceInformation, [
      'http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures',
    ])
    assert.ok(
      [...content.entities, ...content.authorisations].every((o) => o.sourceId === 'eu.tl.zz'),
    )
  })

  it('keeps ids when a new version changes only the status, and withdraws from the status date', async () => {
    const granted = trustedListToSourceImport(await verifiedList({ sequence: 1 }), options)
    const withdrawn = trustedListToSourceImport(
      await verifiedList({ sequence: 2, serviceStatus: WITHDRAWN }),
      options,
    )
    assert.deepEqual(
      withdrawn.content.authorisations.map((a) => a.id),
      granted.content.authorisations.map((a) => a.id),
    )
    assert.deepEqual(
      withdrawn.content.entities.map((e) => e.id),
      granted.content.entities.map((e) => e.id),
    )
    const [service] = withdrawn.content.authorisations
    assert.equal(service?.status, 'withdrawn')
    assert.equal(service?.validUntil, service?.trustService?.statusStartingTime)
  })

  it('treats an unknown status as withdrawn: nothing is trusted by accident', async () => {
    const { content } = trustedListToSourceImport(
      await verifiedList({ serviceStatus: 'http://example.org/Svcstatus/maybe' }),
      options,
    )
    assert.equal(content.authorisations[0]?.status, 'withdrawn')
  })

  it('names qualified service types exactly', () => {
    assert.equal(isQualifiedServiceType(CA_QC), true)
    assert.equal(isQualifiedServiceType('http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST'), true)
    assert.equal(isQualifiedServiceType('http://uri.etsi.org/TrstSvc/Svctype/EDS/REM/Q'), true)
    assert.equal(isQualifiedServiceType('http://uri.etsi.org/TrstSvc/Svctype/CA/PKC'), false)
    assert.equal(isQualifiedServiceType('http://example.org/Svctype/CA/QC'), false)
  })
})

describe(
  'the real Spanish list (2026, sequence 187)',
  skipWithoutCorpus('eu', 'trusted-lists', 'eu-lotl-2026', 'es-tl-seq187.xml'),
  () => {
    let verified: VerifiedTrustedList
    it('maps 71 TSPs and 429 services; CA certificates become trust anchors, with unique ids', async () => {
      verified = await readTrustedList(
        readFileSync(
          corpusPath('eu', 'trusted-lists', 'eu-lotl-2026', 'es-tl-seq187.xml') as string,
        ),
      )
      const { content } = trustedListToSourceImport(verified, { ...options, sourceId: 'eu.tl.es' })
      assert.equal(content.entities.length, 71)
      assert.equal(content.authorisations.length, 429)
      assert.equal(new Set(content.authorisations.map((a) => a.id)).size, 429)
      assert.equal(new Set(content.identities.map((i) => i.id)).size, content.identities.length)
      assert.ok(content.identities.some((i) => i.kind === 'x509.trust_anchor'))
      assert.ok(content.identities.every((i) => /^[0-9a-f]{64}$/.test(i.fingerprint ?? '')))
      assert.ok(content.entities.every((e) => e.country === 'ES'))
      const statuses = content.authorisations.map((a) => a.status)
      assert.equal(statuses.filter((s) => s === 'granted').length, 238)
      assert.equal(statuses.filter((s) => s === 'withdrawn').length, 191)
    })

    it('binds each service to its own digital identities, not to every certificate of its provider', () => {
      const { content } = trustedListToSourceImport(verified, { ...options, sourceId: 'eu.tl.es' })
      const identityById = new Map(content.identities.map((i) => [i.id, i]))
      for (const authorisation of content.authorisations) {
        for (const id of authorisation.identityIds ?? []) {
          assert.equal(identityById.get(id)?.entityId, authorisation.entityId, id)
        }
      }
      // A provider with several services (a QC CA and a time-stamping unit) binds each to its own keys.
      const bindings = new Map<string, Set<string>>()
      for (const a of content.authorisations) {
        const seen = bindings.get(a.entityId) ?? new Set()
        seen.add((a.identityIds ?? []).join(','))
        bindings.set(a.entityId, seen)
      }
      const split = [...bindings.values()].some((seen) => seen.size > 1)
      assert.ok(split, 'some provider binds its services to different identities')
    })
  },
)
