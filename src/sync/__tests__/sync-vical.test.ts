// `registry sync` of a VICAL read from a file: import, unchanged, every refusal recorded while the last good VICAL stays, and staleness.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { getCheckpoint } from '../../log/read-log.ts'
import { getFramework, getSource, listAuthorisations } from '../../registry/registry-queries.ts'
import {
  buildVical,
  certificateInfo,
  createTestCertificate,
  MDL_DOCTYPE,
  signVical,
  type TestCertificate,
} from '../../sources/vical/__tests__/vical-fixtures.ts'
import { type Clock, fixedClock } from '../../util/clock.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { type SyncReport, syncSources } from '../sync-sources.ts'

const inForce = fixedClock('2026-06-01T00:00:00Z')

describe('sync of a VICAL', () => {
  let fixture: TestStore
  let dir: string
  let signer: TestCertificate
  let other: TestCertificate
  let iacas: TestCertificate[]
  const publish = (issueId: number, by = signer, extra: { nextUpdate?: string } = {}) => {
    const infos = iacas.map((iaca, i) =>
      certificateInfo(iaca, { issuingAuthority: `Authority ${i}`, issuingCountry: 'US-MD' }),
    )
    const bytes = signVical(buildVical({ issueId, infos, ...extra }), by)
    writeFileSync(join(dir, 'vical.cbor'), bytes)
    return bytes
  }
  const sync = async (clock: Clock = inForce): Promise<SyncReport['sources'][number]> => {
    const report = await syncSources({
      store: fixture.store,
      clock,
      actor: 'operator:test',
      allowPrivate: false,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'vical',
              id: 'us.vical',
              uri: 'vical.cbor',
              signers: [signer.pem],
              frameworkId: 'us.mdl',
              jurisdiction: 'US',
            },
          ],
        }),
        dir,
      ),
    })
    assert.equal(report.sources.length, 1)
    return report.sources[0] as SyncReport['sources'][number]
  }
  const stateOf = () => getSource(fixture.store, 'us.vical')

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kakehashi-vical-'))
    fixture = await openTestStore('pglite')
    signer = await createTestCertificate('CN=VICAL Signer, O=Test VICAL Provider', { ca: false })
    other = await createTestCertificate('CN=Someone Else', { ca: false })
    iacas = [
      await createTestCertificate('CN=IACA A, O=Authority 0, C=US'),
      await createTestCertificate('CN=IACA B, O=Authority 1, C=US'),
    ]
  })
  after(async () => {
    await fixture.cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a first sync imports the VICAL: its version, signer, framework, authorities and their IACAs', async () => {
    publish(5)
    const outcome = await sync()
    assert.equal(outcome.outcome, 'imported', JSON.stringify(outcome.failure))
    assert.equal(outcome.kind, 'vical')
    assert.equal(outcome.sequenceNumber, 5)
    assert.equal(outcome.stale, false)
    assert.deepEqual(outcome.counts, { certificates: 2, issuingAuthorities: 2, docTypes: 1 })
    const state = await stateOf()
    assert.equal(state.kind, 'vical')
    assert.equal(state.current?.signature.status, 'valid')
    assert.match(state.current?.signature.signerSubject ?? '', /VICAL Signer/)
    assert.equal((await getFramework(fixture.store, 'us.mdl')).sourceId, 'us.vical')
    const issuers = await listAuthorisations(fixture.store, {
      frameworkId: 'us.mdl',
      role: 'issuer',
    })
    assert.equal(issuers.length, 2)
    assert.deepEqual(issuers[0]?.credentialTypes, [MDL_DOCTYPE])
    assert.equal(issuers[0]?.identityIds?.length, 1)
  })

  it('the same bytes again are unchanged and write nothing', async () => {
    const size = (await getCheckpoint(fixture.store)).size
    assert.equal((await sync()).outcome, 'unchanged')
    assert.equal((await getCheckpoint(fixture.store)).size, size)
  })

  it('a tampered VICAL is refused with vical.signature_invalid and the last good one stays', async () => {
    const bytes = Buffer.from(publish(6))
    const at = bytes.indexOf('Authority 1')
    bytes.write('Forgery 1', at)
    writeFileSync(join(dir, 'vical.cbor'), bytes)
    const outcome = await sync()
    assert.equal(outcome.failure?.code, 'vical.signature_invalid')
    assert.equal(outcome.sequenceNumber, 5, 'the report says which version stays')
    const state = await stateOf()
    assert.equal(state.current?.sequenceNumber, 5)
    assert.equal(state.lastFailure?.code, 'vical.signature_invalid')
    assert.equal((await listAuthorisations(fixture.store, { frameworkId: 'us.mdl' })).length, 2)
  })

  it('a VICAL signed by a certificate that is not configured is refused', async () => {
    publish(6, other)
    assert.equal((await sync()).failure?.code, 'vical.signer_unknown')
  })

  it('bytes that are not CBOR are refused as malformed', async () => {
    writeFileSync(join(dir, 'vical.cbor'), Buffer.from([0x9f, 0x01]))
    assert.equal((await sync()).failure?.code, 'vical.malformed')
  })

  it('an older VICAL, properly signed, is refused as a sequence regression', async () => {
    publish(4)
    assert.equal((await sync()).failure?.code, 'vical.sequence_regressed')
    assert.equal((await stateOf()).current?.sequenceNumber, 5)
  })

  it('a newer genuine VICAL is imported and the failure clears', async () => {
    iacas.pop()
    publish(7)
    const outcome = await sync()
    assert.equal(outcome.outcome, 'imported', JSON.stringify(outcome.failure))
    const state = await stateOf()
    assert.equal(state.current?.sequenceNumber, 7)
    assert.equal(state.lastFailure, undefined)
    assert.equal((await listAuthorisations(fixture.store, { frameworkId: 'us.mdl' })).length, 1)
  })

  it('past nextUpdate the VICAL in force is reported stale, and that is recorded once', async () => {
    const late = fixedClock('2027-01-01T00:00:00Z')
    const outcome = await sync(late)
    assert.equal(outcome.outcome, 'unchanged')
    assert.equal(outcome.stale, true)
    assert.equal((await stateOf()).lastFailure?.code, 'source.stale')
    const size = (await getCheckpoint(fixture.store)).size
    await sync(late)
    assert.equal((await getCheckpoint(fixture.store)).size, size)
  })
})
