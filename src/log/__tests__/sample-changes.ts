// A small EU–Japan registry as changes, shared by the log and registry tests.
import type { Authorisation, Change, ChangeContext, RecognitionRule } from '../../model/index.ts'
import { fixedClock } from '../../util/clock.ts'

export const clock = fixedClock('2026-05-01T09:00:00.000Z')

export const operator: ChangeContext = { actor: 'operator:test', reason: 'test fixture' }

export const frameworks: Change[] = [
  {
    type: 'framework.put',
    framework: {
      id: 'eu.academic',
      jurisdiction: 'EU',
      name: 'European academic credentials',
      assuranceLevels: ['low', 'substantial', 'high'],
    },
  },
  {
    type: 'framework.put',
    framework: {
      id: 'jp.academic',
      jurisdiction: 'JP',
      name: '日本の学位記',
      assuranceLevels: ['level1', 'level2'],
    },
  },
]

export const keioIssuer: Authorisation = {
  id: 'jp.keio.issuer',
  entityId: 'jp.keio',
  frameworkId: 'jp.academic',
  role: 'issuer',
  credentialTypes: ['urn:jp:academic:diploma'],
  status: 'granted',
  validFrom: '2026-01-01T00:00:00Z',
}

export const keio: Change[] = [
  {
    type: 'entity.put',
    entity: {
      id: 'jp.keio',
      names: [
        { value: '慶應義塾大学', lang: 'ja-Jpan' },
        { value: 'Keio University', lang: 'en' },
      ],
      identifiers: [{ scheme: 'jp.corporate-number', value: '4010405001654' }],
      country: 'JP',
    },
  },
  {
    type: 'identity.put',
    identity: {
      id: 'jp.keio.key1',
      entityId: 'jp.keio',
      kind: 'jwk.thumbprint',
      value: 'NzbLsXh8',
    },
  },
  { type: 'authorisation.put', authorisation: keioIssuer },
]

export const recognitionRule: RecognitionRule = {
  id: 'eu-recognises-jp-diplomas',
  recognisingFrameworkId: 'eu.academic',
  recognisedFrameworkId: 'jp.academic',
  credentialTypes: ['urn:jp:academic:diploma'],
  levelMapping: { level2: 'substantial' },
  legalBasis: 'EU–Japan academic recognition arrangement (test)',
  validFrom: '2026-01-01T00:00:00Z',
}

export const recognition: Change = { type: 'recognition.put', rule: recognitionRule }

export const source: Change = {
  type: 'source.put',
  source: { id: 'jp.mext.list', kind: 'jp-list', description: 'test list' },
}

/** Every kind of change, in an order that satisfies referential integrity. */
export const sampleRegistry: Change[] = [source, ...frameworks, ...keio, recognition]
