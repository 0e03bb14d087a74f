// A verified LoTE becomes entities, identities and authorisations whose role, status and history follow the list exactly.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import { loteToSourceImport } from '../lote-to-source-import.ts'
import { PID_CREDENTIAL_TYPES, SERVICE_STATUSES, SERVICE_TYPES } from '../lote-uris.ts'
import { readLoteJws } from '../read-lote-jws.ts'
import type { LoTEDocument } from '../z-lote.ts'
import { buildLote, createTestKey, signPayload } from './lote-fixtures.ts'

describe('loteToSourceImport', async () => {
  const operator = await createTestKey('Scheme Operator')
  const pidCa = await createTestKey('PID CA', true)
  const wallet = await createTestKey('Wallet Provider')
  const importOf = async (document: LoTEDocument, extra: { credentialTypes?: string[] } = {}) =>
    loteToSourceImport(
      await readLoteJws(await signPayload(document, operator), [operator.certificate]),
      {
        sourceId: 'eu.lote.pid',
        fetchedAt: '2026-02-01T00:00:00Z',
        frameworkId: 'eu.eudi.pid',
        ...extra,
      },
    )

  it('maps entities with their names, registration identifiers and countries', async () => {
    const { content, source } = await importOf(buildLote({ pidCa, wallet }))
    assert.equal(source.kind, 'lote')
    assert.equal(source.territory, 'EU')
    assert.equal(content.entities.length, 2)
    const [pid, walletEntity] = content.entities
    assert.deepEqual(pid?.names, [
      { value: 'Bundesdruckerei Testanbieter', lang: 'de' },
      { value: 'Test PID Provider', lang: 'en' },
    ])
    assert.deepEqual(pid?.identifiers, [{ scheme: 'vat', value: 'VATDE-123456789' }])
    assert.equal(pid?.country, 'DE')
    assert.equal(walletEntity?.country, 'FR')
    assert.ok(content.entities.every((e) => e.id.startsWith('eu.lote.pid:te:')))
  })

  it('keeps each certificate as an identity with its SHA-256 fingerprint, a CA as a trust anchor', async () => {
    const { content } = await importOf(buildLote({ pidCa, wallet }))
    const fingerprint = (der: Uint8Array) => createHash('sha256').update(der).digest('hex')
    assert.deepEqual(
      content.identities.map((i) => [i.kind, i.fingerprint]),
      [
        ['x509.trust_anchor', fingerprint(pidCa.certificate)],
        ['x509.certificate', fingerprint(wallet.certificate)],
      ],
      'the PID CA appears once although its history repeats it',
    )
  })

  it('makes a PID provider an issuer of the PID types and a wallet provider a wallet_provider', async () => {
    const { content } = await importOf(buildLote({ pidCa, wallet }))
    const [pid, walletService] = content.authorisations
    assert.equal(pid?.role, 'issuer')
    assert.deepEqual(pid?.credentialTypes, [...PID_CREDENTIAL_TYPES])
    assert.equal(pid?.frameworkId, 'eu.eudi.pid')
    assert.equal(pid?.status, 'granted', 'no ServiceStatus: being listed is the status')
    assert.equal(pid?.validFrom, '2025-06-01T00:00:00Z', 'from the oldest history instance')
    assert.equal(pid?.trustService?.serviceType, SERVICE_TYPES.pidIssuance)
    assert.equal(pid?.trustService?.history?.[0]?.status, SERVICE_STATUSES.granted)
    assert.equal(walletService?.role, 'wallet_provider')
    assert.deepEqual(walletService?.credentialTypes, [])
  })

  it('records the version: digest, sequence number, dates and the signer', async () => {
    const { version } = await importOf(buildLote({ pidCa, wallet, sequence: 12 }))
    assert.equal(version.sequenceNumber, 12)
    assert.equal(version.issuedAt, '2026-01-01T00:00:00Z')
    assert.equal(version.nextUpdate, '2026-12-01T00:00:00Z')
    assert.equal(version.signature.status, 'valid')
    assert.equal(version.signature.algorithm, 'ES256')
    assert.equal(
      version.signature.signerFingerprint,
      createHash('sha256').update(operator.certificate).digest('hex'),
    )
  })

  it('withdraws a service whose status is withdrawn or not one Kakehashi knows', async () => {
    for (const status of [SERVICE_STATUSES.withdrawn, 'http://uri.etsi.org/19602/SvcStatus/odd']) {
      const { content } = await importOf(buildLote({ pidCa, wallet, pidStatus: status }))
      const [pid] = content.authorisations
      assert.equal(pid?.status, 'withdrawn', status)
      assert.equal(pid?.validUntil, '2026-03-01T00:00:00Z')
    }
  })

  it('matches service types exactly: a near miss authorises no issuance', async () => {
    const document = buildLote({ pidCa, wallet })
    const service = document.LoTE.TrustedEntitiesList?.[0]?.TrustedEntityServices[0]
    assert.ok(service)
    service.ServiceInformation.ServiceTypeIdentifier = `${SERVICE_TYPES.pidIssuance}/`
    const { content } = await importOf(document)
    const [pid] = content.authorisations
    assert.equal(pid?.role, 'trust_service_provider')
    assert.deepEqual(pid?.credentialTypes, [])
  })

  it('gives the configured credential types to a public-sector EAA issuer', async () => {
    const document = buildLote({ pidCa, wallet })
    const service = document.LoTE.TrustedEntitiesList?.[0]?.TrustedEntityServices[0]
    assert.ok(service)
    service.ServiceInformation.ServiceTypeIdentifier = SERVICE_TYPES.pubEaaIssuance
    const { content } = await importOf(document, { credentialTypes: ['urn:eu:diploma:1'] })
    assert.deepEqual(content.authorisations[0]?.credentialTypes, ['urn:eu:diploma:1'])
    assert.deepEqual(content.authorisations[1]?.credentialTypes, [], 'not for a wallet provider')
  })

  it('gives the same ids to the same entities and services in the next version', async () => {
    const first = await importOf(buildLote({ pidCa, wallet, sequence: 1 }))
    const second = await importOf(buildLote({ pidCa, wallet, sequence: 2 }))
    assert.deepEqual(
      second.content.authorisations.map((a) => a.id),
      first.content.authorisations.map((a) => a.id),
    )
    assert.deepEqual(
      second.content.entities.map((e) => e.id),
      first.content.entities.map((e) => e.id),
    )
  })
})
