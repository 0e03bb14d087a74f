import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Authorisation, RecognitionRule, TrustFramework } from '../../model/index.ts'
import type { RegistrySnapshot } from '../../registry/registry-snapshot.ts'
import { checkCodes } from '../../report/check-codes.ts'
import { CheckList } from '../../report/check-list.ts'
import { evaluateRecognition } from '../evaluate-recognition.ts'
import { findIssuerAuthorisation } from '../find-issuer-authorisation.ts'

const framework = (id: string, jurisdiction: string, levels: string[]): TrustFramework => ({
  id,
  jurisdiction,
  name: id,
  assuranceLevels: levels,
})

const vct = 'urn:example:diploma:1'
const at = Date.parse('2027-01-01T00:00:00Z')

const authorisation = (overrides: Partial<Authorisation> = {}): Authorisation => ({
  id: 'jp.uni.issuer',
  entityId: 'jp.uni',
  frameworkId: 'jp.academic',
  role: 'issuer',
  credentialTypes: [vct],
  assuranceLevel: 'mext-accredited',
  status: 'granted',
  validFrom: '2026-01-01T00:00:00Z',
  ...overrides,
})

const rule = (overrides: Partial<RecognitionRule> = {}): RecognitionRule => ({
  id: 'eu-recognises-jp',
  recognisingFrameworkId: 'eu.academic',
  recognisedFrameworkId: 'jp.academic',
  credentialTypes: [vct],
  levelMapping: { 'mext-accredited': 'accredited' },
  legalBasis: 'test agreement',
  validFrom: '2026-06-01T00:00:00Z',
  ...overrides,
})

function snapshot(
  rules: RecognitionRule[],
  authorisations: Authorisation[] = [authorisation()],
): RegistrySnapshot {
  return {
    checkpoint: { size: 0, headHash: '0'.repeat(64) },
    frameworks: new Map([
      ['eu.academic', framework('eu.academic', 'EU', ['accredited'])],
      ['jp.academic', framework('jp.academic', 'JP', ['mext-accredited', 'other'])],
    ]),
    entities: new Map(),
    identities: [],
    trustAnchors: [],
    authorisationsByEntity: new Map([['jp.uni', authorisations]]),
    recognitionRules: rules,
    sources: new Map(),
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

const recognise = (rules: RecognitionRule[], rp: string | undefined, auth = authorisation()) => {
  const checks = new CheckList()
  const path = evaluateRecognition(
    snapshot(rules),
    { relyingPartyFramework: rp, authorisation: auth, credentialType: vct, atMs: at },
    checks,
  )
  return { path, checks: checks.toArray() }
}

describe('recognition between frameworks', () => {
  test('a rule in force maps the issuer level to the relying party level', () => {
    const { path, checks } = recognise([rule()], 'eu.academic')
    assert.deepEqual(
      path && path.kind === 'rule' && [path.rule.id, path.issuerLevel, path.recognisedLevel],
      ['eu-recognises-jp', 'mext-accredited', 'accredited'],
    )
    assert.equal(checks[0]?.status, 'passed')
  })
  test('recognition.none: no rule, a rule for other types, a rule the other way round, a rule expired or not yet in force', () => {
    for (const rules of [
      [],
      [rule({ credentialTypes: ['urn:other'] })],
      [rule({ recognisingFrameworkId: 'jp.academic', recognisedFrameworkId: 'eu.academic' })],
      [rule({ validUntil: '2026-12-31T00:00:00Z' })],
      [rule({ validFrom: '2027-06-01T00:00:00Z' })],
    ]) {
      assert.equal(
        recognise(rules, 'eu.academic').checks[0]?.code,
        'recognition.none',
        JSON.stringify(rules),
      )
    }
  })
  test('recognition.level_unmapped: the rule maps no level for the issuer level', () => {
    const { checks } = recognise(
      [rule()],
      'eu.academic',
      authorisation({ assuranceLevel: 'other' }),
    )
    assert.equal(checks[0]?.code, 'recognition.level_unmapped')
  })
  test('recognition.framework_unknown: the relying party framework is not in the registry', () => {
    assert.equal(recognise([rule()], 'xx.nothing').checks[0]?.code, 'recognition.framework_unknown')
  })
  test('same framework passes without a rule; no relying party framework is skipped, not passed', () => {
    assert.deepEqual(recognise([], 'jp.academic').path, {
      kind: 'same_framework',
      frameworkId: 'jp.academic',
    })
    const none = recognise([rule()], undefined)
    assert.deepEqual(none.path, { kind: 'not_requested' })
    assert.equal(none.checks[0]?.status, 'skipped')
  })
})

describe('issuer authorisation', () => {
  const find = (authorisations: Authorisation[], type = vct) => {
    const checks = new CheckList()
    const found = findIssuerAuthorisation(
      snapshot([], authorisations),
      { entityId: 'jp.uni', credentialType: type, atMs: at },
      checks,
    )
    return { found, code: checks.toArray()[0]?.code }
  }
  test('granted, in its window, for the type: found', () => {
    assert.equal(find([authorisation()]).found?.id, 'jp.uni.issuer')
  })
  test('trust.not_authorised: another type, or another role', () => {
    assert.equal(find([authorisation()], 'urn:other').code, 'trust.not_authorised')
    assert.equal(find([authorisation({ role: 'relying_party' })]).code, 'trust.not_authorised')
  })
  test('trust.authorisation_inactive: suspended, withdrawn, expired, not yet valid', () => {
    for (const overrides of [
      { status: 'suspended' as const },
      { status: 'withdrawn' as const },
      { validUntil: '2026-12-31T00:00:00Z' },
      { validFrom: '2027-06-01T00:00:00Z' },
    ]) {
      assert.equal(
        find([authorisation(overrides)]).code,
        'trust.authorisation_inactive',
        JSON.stringify(overrides),
      )
    }
  })
})

test('every check code in the table is asserted somewhere in the tests', async () => {
  const { readFile, readdir } = await import('node:fs/promises')
  let text = ''
  for (const dir of ['src', 'test']) {
    const root = new URL(`../../../${dir}/`, import.meta.url)
    for (const file of await readdir(root, { recursive: true })) {
      if (file.endsWith('.test.ts')) text += await readFile(new URL(file, root), 'utf8')
    }
  }
  const missing = Object.keys(checkCodes).filter(
    (code) => !text.includes(`'${code}'`) && !text.includes(`"${code}"`),
  )
  assert.deepEqual(missing, [])
})
