// The stale-source policy where verification applies a recognition rule: a rule read from a stale list is refused, or accepted and said.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Authorisation, RecognitionRule, SourceState } from '../../model/index.ts'
import type { RegistrySnapshot } from '../../registry/registry-snapshot.ts'
import { CheckList } from '../../report/check-list.ts'
import { evaluateRecognition } from '../evaluate-recognition.ts'

const vct = 'urn:example:diploma:1'
const at = Date.parse('2027-01-01T00:00:00Z')

const authorisation: Authorisation = {
  id: 'jp.uni.issuer',
  entityId: 'jp.uni',
  frameworkId: 'jp.academic',
  role: 'issuer',
  credentialTypes: [vct],
  status: 'granted',
  validFrom: '2026-01-01T00:00:00Z',
}

const rule = (sourceId?: string): RecognitionRule => ({
  id: 'eu-recognises-jp',
  recognisingFrameworkId: 'eu.academic',
  recognisedFrameworkId: 'jp.academic',
  credentialTypes: [vct],
  levelMapping: {},
  legalBasis: 'test agreement',
  validFrom: '2026-01-01T00:00:00Z',
  ...(sourceId === undefined ? {} : { sourceId }),
})

const mraList = (nextUpdate: string): SourceState => ({
  id: 'eu.lotl',
  kind: 'etsi-tl',
  description: 'a LOTL with a mutual-recognition pointer',
  current: {
    digest: 'ab'.repeat(32),
    fetchedAt: '2026-12-01T00:00:00Z',
    sequenceNumber: 400,
    nextUpdate,
    signature: { status: 'valid' },
  },
})

function snapshot(rules: RecognitionRule[], state: SourceState): RegistrySnapshot {
  const frameworks = new Map(
    ['eu.academic', 'jp.academic'].map((id) => [id, { id, jurisdiction: 'EU', name: id }]),
  )
  return {
    checkpoint: { size: 0, headHash: '0'.repeat(64) },
    frameworks: frameworks as unknown as RegistrySnapshot['frameworks'],
    entities: new Map(),
    identities: [],
    trustAnchors: [],
    authorisationsByEntity: new Map(),
    recognitionRules: rules,
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

const evaluate = (
  rules: RecognitionRule[],
  state: SourceState,
  staleSources?: 'refuse' | 'accept',
) => {
  const checks = new CheckList()
  evaluateRecognition(
    snapshot(rules, state),
    {
      relyingPartyFramework: 'eu.academic',
      authorisation,
      credentialType: vct,
      atMs: at,
      ...(staleSources ? { staleSources } : {}),
    },
    checks,
  )
  return checks.toArray()[0]
}

describe('recognition rule from a stale source', () => {
  const past = '2026-12-31T00:00:00Z'
  const future = '2027-02-01T00:00:00Z'

  test('recognition.source_stale: refused by default and by `refuse`', () => {
    for (const policy of [undefined, 'refuse'] as const) {
      const check = evaluate([rule('eu.lotl')], mraList(past), policy)
      assert.equal(check?.status, 'failed')
      assert.equal(check?.code, 'recognition.source_stale')
      assert.match(check?.message ?? '', /eu\.lotl is stale \(past its next update 2026-12-31/)
    }
  })

  test('accepted by policy: passes, and says the source was stale', () => {
    const check = evaluate([rule('eu.lotl')], mraList(past), 'accept')
    assert.equal(check?.status, 'passed')
    assert.match(check?.message ?? '', /stale .*accepted by policy/)
  })

  test('a stale rule never hides a usable one for the same pair and type', () => {
    const governance = { ...rule(), id: 'zz-governance-rule' }
    const check = evaluate([rule('eu.lotl'), governance], mraList(past))
    assert.equal(check?.status, 'passed')
    assert.match(check?.message ?? '', /zz-governance-rule/)
  })

  test('a rule from a current source, or entered by governance, passes without a note', () => {
    for (const candidate of [rule('eu.lotl'), rule()]) {
      const check = evaluate([candidate], mraList(candidate.sourceId ? future : past))
      assert.equal(check?.status, 'passed')
      assert.doesNotMatch(check?.message ?? '', /stale/)
    }
  })
})
