// The stale-source policy where verification finds the issuer's authorisation: refused, or accepted and said.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Authorisation, SourceState } from '../../model/index.ts'
import type { RegistrySnapshot } from '../../registry/registry-snapshot.ts'
import { CheckList } from '../../report/check-list.ts'
import { findIssuerAuthorisation } from '../find-issuer-authorisation.ts'

const vct = 'urn:example:diploma:1'
const at = Date.parse('2027-01-01T00:00:00Z')

const listed = (overrides: Partial<Authorisation> = {}): Authorisation => ({
  id: 'jp.list.uni.issuer',
  entityId: 'jp.uni',
  frameworkId: 'jp.academic',
  role: 'issuer',
  credentialTypes: [vct],
  status: 'granted',
  validFrom: '2026-01-01T00:00:00Z',
  sourceId: 'jp.list',
  ...overrides,
})

const source = (kind: SourceState['kind'], nextUpdate: string): SourceState => ({
  id: 'jp.list',
  kind,
  description: 'a list',
  current: {
    digest: 'cd'.repeat(32),
    fetchedAt: '2026-12-01T00:00:00Z',
    sequenceNumber: 3,
    nextUpdate,
    signature: { status: 'valid' },
  },
})

function snapshot(authorisations: Authorisation[], state: SourceState): RegistrySnapshot {
  return {
    checkpoint: { size: 0, headHash: '0'.repeat(64) },
    frameworks: new Map(),
    entities: new Map(),
    identities: [],
    trustAnchors: [],
    authorisationsByEntity: new Map([['jp.uni', authorisations]]),
    recognitionRules: [],
    sources: new Map([[state.id, state]]),
    statusHistory: new Map(),
    logPositions: {
      frameworks: new Map(),
      entities: new Map(),
      identities: new Map(),
      authorisations: new Map(),
      recognitionRules: new Map(),
      sources: new Map(),
    },
  }
}

const find = (
  authorisations: Authorisation[],
  state: SourceState,
  staleSources?: 'refuse' | 'accept',
) => {
  const checks = new CheckList()
  const found = findIssuerAuthorisation(
    snapshot(authorisations, state),
    {
      entityId: 'jp.uni',
      credentialType: vct,
      atMs: at,
      ...(staleSources ? { staleSources } : {}),
    },
    checks,
  )
  return { found, check: checks.toArray()[0] }
}

describe('issuer authorisation from a stale source', () => {
  const past = '2026-12-31T00:00:00Z'
  const future = '2027-02-01T00:00:00Z'

  test('trust.source_stale: past NextUpdate, refused by default and by `refuse`', () => {
    for (const policy of [undefined, 'refuse'] as const) {
      const { found, check } = find([listed()], source('jp-list', past), policy)
      assert.equal(found, undefined)
      assert.equal(check?.status, 'failed')
      assert.equal(check?.code, 'trust.source_stale')
      assert.match(check?.message ?? '', /jp\.list is stale \(past its next update 2026-12-31/)
      assert.deepEqual(check?.detail, {
        authorisationId: 'jp.list.uni.issuer',
        sourceId: 'jp.list',
        nextUpdate: past,
        staleSources: 'refuse',
      })
    }
  })

  test('accepted by policy: passes, and the report says the source was stale', () => {
    const { found, check } = find([listed()], source('jp-list', past), 'accept')
    assert.equal(found?.id, 'jp.list.uni.issuer')
    assert.equal(check?.status, 'passed')
    assert.match(check?.message ?? '', /stale .*accepted by policy/)
    assert.equal(check?.detail?.staleSources, 'accept')
  })

  test('a current source passes as before; a fresh authorisation is preferred to a stale one', () => {
    const current = find([listed()], source('jp-list', future))
    assert.equal(current.check?.status, 'passed')
    assert.equal(current.check?.detail, undefined)
    const operator = listed({ id: 'jp.operator.uni.issuer' })
    delete operator.sourceId
    const both = find([operator, listed({ id: 'jp.a.issuer' })], source('jp-list', past))
    assert.equal(both.found?.id, 'jp.operator.uni.issuer')
    assert.equal(both.check?.status, 'passed')
  })

  test('operator, governance and sandbox sources have no freshness to lose', () => {
    for (const kind of ['operator', 'governance', 'sandbox'] as const) {
      const { found, check } = find([listed()], source(kind, past))
      assert.equal(found?.id, 'jp.list.uni.issuer', kind)
      assert.equal(check?.status, 'passed', kind)
    }
  })

  test('a suspended authorisation is inactive whatever its source', () => {
    const { check } = find([listed({ status: 'suspended' })], source('jp-list', past))
    assert.equal(check?.code, 'trust.authorisation_inactive')
  })
})
