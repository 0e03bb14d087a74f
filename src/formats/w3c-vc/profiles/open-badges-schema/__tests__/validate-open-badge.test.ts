// The Open Badges 3.0 schema: what it accepts, what it refuses and where, and how many lines it reports.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA_ID,
  ENDORSEMENT_CREDENTIAL_SCHEMA_ID,
} from '../open-badges-3-schema.ts'
import {
  formatViolation,
  isOpenBadgeCredential,
  MAX_SCHEMA_VIOLATIONS,
  type SchemaViolation,
  validateOpenBadgeCredential,
} from '../validate-open-badge.ts'

type Json = Record<string, unknown>

/** A minimal OB 3.0.3 credential: every required member, nothing more. */
const badge = (): Json => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:7c4a3f2e-1d8b-4f6a-9e2c-5b0d8a1f3e77',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Diploma',
  issuer: { id: 'did:key:z6MkexampleIssuer', type: ['Profile'], name: 'A University' },
  validFrom: '2026-03-25T00:00:00Z',
  credentialSubject: {
    id: 'did:example:learner',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://university.example/achievements/msc',
      type: ['Achievement'],
      name: 'Master of Science',
      description: 'A two-year master programme.',
      criteria: { narrative: 'A thesis and 120 credits.' },
    },
  },
})

const endorsement = (): Json => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:0b6f5c1e-3a2d-4e8f-9c7b-1d2e3f4a5b6c',
  type: ['VerifiableCredential', 'EndorsementCredential'],
  name: 'Accreditation',
  issuer: { id: 'https://accreditor.example', type: ['Profile'] },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: {
    id: 'https://university.example',
    type: ['EndorsementSubject'],
    endorsementComment: 'In good standing.',
  },
})

const subject = (c: Json) => c.credentialSubject as Json
const achievement = (c: Json) => subject(c).achievement as Json

function violations(credential: Json): SchemaViolation[] {
  const result = validateOpenBadgeCredential(credential)
  assert.equal(result.ok, false, 'the credential should not conform')
  return result.ok ? [] : result.violations
}

/** Asserts a violation at `path` whose message contains `message`. */
function assertViolation(credential: Json, path: string, message: string): void {
  const found = violations(credential)
  assert.ok(
    found.some((v) => v.path === path && v.message.includes(message)),
    `expected "${path}: …${message}…", got:\n${found.map(formatViolation).join('\n')}`,
  )
}

describe('validateOpenBadgeCredential accepts', () => {
  test('a minimal OB 3.0.3 credential, under the AchievementCredential schema', () => {
    assert.deepEqual(validateOpenBadgeCredential(badge()), {
      ok: true,
      schema: ACHIEVEMENT_CREDENTIAL_SCHEMA_ID,
    })
  })

  test('the AchievementCredential alias as the credential type', () => {
    const c = { ...badge(), type: ['VerifiableCredential', 'AchievementCredential'] }
    assert.equal(validateOpenBadgeCredential(c).ok, true)
  })

  test('a VCDM 1.1 credential with issuanceDate and expirationDate', () => {
    const { validFrom: _, ...c } = badge()
    c['@context'] = [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
    ]
    c.issuanceDate = '2026-03-25T00:00:00Z'
    c.expirationDate = '2031-03-25T00:00:00+09:00'
    assert.equal(validateOpenBadgeCredential(c).ok, true)
  })

  test('single-string types where the model allows one value', () => {
    const c = badge()
    c.issuer = { id: 'https://university.example', type: 'Profile' }
    subject(c).type = 'AchievementSubject'
    achievement(c).type = 'Achievement'
    assert.equal(validateOpenBadgeCredential(c).ok, true)
  })

  test('an issuer given as a URI (ProfileRef)', () => {
    const c = { ...badge(), issuer: 'did:web:university.example' }
    assert.equal(validateOpenBadgeCredential(c).ok, true)
  })

  test('a subject named by an IdentityObject instead of an id, with an ext: identity type', () => {
    const c = badge()
    delete subject(c).id
    subject(c).identifier = [
      {
        type: 'IdentityObject',
        identityType: 'ext:nameKana',
        hashed: false,
        identityHash: 'サトウ',
      },
    ]
    assert.equal(validateOpenBadgeCredential(c).ok, true)
  })

  test('an ext: achievementType and an embedded proof, one object or several', () => {
    const c = badge()
    achievement(c).achievementType = 'ext:Micro-Masters'
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }
    assert.equal(validateOpenBadgeCredential({ ...c, proof }).ok, true)
    assert.equal(validateOpenBadgeCredential({ ...c, proof: [proof, proof] }).ok, true)
  })

  test('members the model does not define (OB 3.0 is extensible)', () => {
    const c = { ...badge(), 'ext:grade': { any: 'thing' } }
    achievement(c).customField = 42
    assert.equal(validateOpenBadgeCredential(c).ok, true)
  })

  test('an EndorsementCredential, under the EndorsementCredential schema', () => {
    assert.deepEqual(validateOpenBadgeCredential(endorsement()), {
      ok: true,
      schema: ENDORSEMENT_CREDENTIAL_SCHEMA_ID,
    })
  })
})

describe('validateOpenBadgeCredential refuses', () => {
  test('a credential without an issuer, at /issuer', () => {
    const { issuer: _, ...c } = badge()
    assertViolation(c, '/issuer', 'is required')
  })

  test('an issuer Profile whose type lacks "Profile"', () => {
    const c = { ...badge(), issuer: { id: 'https://u.example', type: ['Organisation'] } }
    assertViolation(c, '/issuer/type', 'must contain "Profile"')
  })

  test('an issuer Profile with a single wrong type string', () => {
    const c = { ...badge(), issuer: { id: 'https://u.example', type: 'Issuer' } }
    assertViolation(c, '/issuer/type', 'must be "Profile"')
  })

  test('an issuer string that is not a URI', () => {
    assertViolation({ ...badge(), issuer: 'A University' }, '/issuer', 'must be a URI')
  })

  test('a subject without an achievement', () => {
    const c = badge()
    delete subject(c).achievement
    assertViolation(c, '/credentialSubject/achievement', 'is required')
  })

  test('an achievement without criteria', () => {
    const c = badge()
    delete achievement(c).criteria
    assertViolation(c, '/credentialSubject/achievement/criteria', 'is required')
  })

  test('an achievement without a name', () => {
    const c = badge()
    delete achievement(c).name
    assertViolation(c, '/credentialSubject/achievement/name', 'is required')
  })

  test('a subject type without "AchievementSubject"', () => {
    const c = badge()
    subject(c).type = ['CredentialSubject']
    assertViolation(c, '/credentialSubject/type', 'must contain "AchievementSubject"')
  })

  test('a credential type naming no Open Badges class', () => {
    const c = { ...badge(), type: ['VerifiableCredential', 'UniversityDegree'] }
    assertViolation(
      c,
      '/type',
      'must contain one of "AchievementCredential", "OpenBadgeCredential"',
    )
  })

  test('a credential type without "VerifiableCredential"', () => {
    assertViolation({ ...badge(), type: ['OpenBadgeCredential'] }, '/type', 'must contain "Verif')
  })

  test('an IdentityObject whose type is not "IdentityObject"', () => {
    const c = badge()
    subject(c).identifier = [
      {
        type: 'Identity',
        identityType: 'emailAddress',
        hashed: false,
        identityHash: 'a@b.example',
      },
    ]
    assertViolation(c, '/credentialSubject/identifier/0/type', 'must be "IdentityObject"')
  })

  test('a subject with neither id nor identifier', () => {
    const c = badge()
    delete subject(c).id
    assertViolation(c, '/credentialSubject/identifier', 'is required when "id" is absent')
  })

  test('a validFrom that is not an RFC 3339 date-time', () => {
    assertViolation({ ...badge(), validFrom: '25/03/2026' }, '/validFrom', 'must be a date-time')
  })

  test('a validFrom without its time zone (DateTimeZ)', () => {
    const c = { ...badge(), validFrom: '2026-03-25T00:00:00' }
    assertViolation(c, '/validFrom', 'with a time zone')
  })

  test('a VCDM 2.0 credential without validFrom', () => {
    const { validFrom: _, ...c } = badge()
    assertViolation({ ...c, issuanceDate: '2026-03-25T00:00:00Z' }, '/validFrom', 'is required')
  })

  test('a VCDM 1.1 credential without issuanceDate', () => {
    const c = badge()
    c['@context'] = [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
    ]
    assertViolation(c, '/issuanceDate', 'is required')
  })

  test('an achievement id that is not a URI', () => {
    const c = badge()
    achievement(c).id = 'master of science'
    assertViolation(c, '/credentialSubject/achievement/id', 'must be a URI')
  })

  test('an alignment targetUrl that is not a URI', () => {
    const c = badge()
    achievement(c).alignment = [{ type: ['Alignment'], targetName: 'EQF 7', targetUrl: 'EQF 7' }]
    assertViolation(c, '/credentialSubject/achievement/alignment/0/targetUrl', 'must be a URI')
  })

  test('an achievementType outside the vocabulary without the ext: prefix', () => {
    const c = badge()
    achievement(c).achievementType = 'Masters'
    assertViolation(c, '/credentialSubject/achievement/achievementType', 'AchievementType terms')
  })

  test('a result status outside the closed ResultStatusType enumeration', () => {
    const c = badge()
    subject(c).result = [{ type: ['Result'], status: 'ext:Passed' }]
    assertViolation(c, '/credentialSubject/result/0/status', 'must be one of "Completed"')
  })

  test('evidence given as one object where the model wants an array', () => {
    const c = { ...badge(), evidence: { type: ['Evidence'], name: 'Thesis' } }
    assertViolation(c, '/evidence', 'must be an array')
  })

  test('an embedded proof without a type', () => {
    assertViolation({ ...badge(), proof: { proofValue: 'z1' } }, '/proof/type', 'is required')
  })

  test('a first @context that is not the VC context', () => {
    const c = badge()
    c['@context'] = ['https://example.org/ctx', 'https://example.org/ob']
    assertViolation(c, '/@context/0', 'must be one of "https://www.w3.org/2018/credentials/v1"')
    assertViolation(c, '/@context/1', 'must be the Open Badges 3.0 context URL')
  })

  test('an EndorsementSubject without its type, under the endorsement schema', () => {
    const c = endorsement()
    subject(c).type = ['AchievementSubject']
    const result = validateOpenBadgeCredential(c)
    assert.equal(result.schema, ENDORSEMENT_CREDENTIAL_SCHEMA_ID)
    assertViolation(c, '/credentialSubject/type', 'must contain "EndorsementSubject"')
  })

  test('a bad Profile nested in an embedded endorsement', () => {
    const bad = { ...endorsement(), issuer: { id: 'https://a.example', type: ['Person'] } }
    const c = { ...badge(), endorsement: [bad] }
    assertViolation(c, '/endorsement/0/issuer/type', 'must contain "Profile"')
  })
})

describe('violation reports', () => {
  test('name the keyword, and one line per problem, not one per schema branch tried', () => {
    const c = { ...badge(), issuer: { id: 'https://u.example', type: ['InvalidProfile'] } }
    assert.deepEqual(violations(c), [
      { path: '/issuer/type', message: 'must contain "Profile"', keyword: 'contains' },
    ])
  })

  test(`stop at MAX_SCHEMA_VIOLATIONS (${MAX_SCHEMA_VIOLATIONS})`, () => {
    const evidence = Array.from({ length: 30 }, () => ({ type: ['Other'] }))
    const found = violations({ ...badge(), evidence })
    assert.equal(MAX_SCHEMA_VIOLATIONS, 20)
    assert.equal(found.length, MAX_SCHEMA_VIOLATIONS)
    assert.deepEqual(found[19], {
      path: '/evidence/19/type',
      message: 'must contain "Evidence"',
      keyword: 'contains',
    })
  })

  test('read as "path: message", the root as "/"', () => {
    assert.equal(
      formatViolation({
        path: '/credentialSubject/type',
        message: 'must be "X"',
        keyword: 'const',
      }),
      '/credentialSubject/type: must be "X"',
    )
    assert.equal(
      formatViolation({ path: '', message: 'must be an object', keyword: 'type' }),
      '/: must be an object',
    )
  })
})

describe('isOpenBadgeCredential', () => {
  test('is true for OpenBadgeCredential, AchievementCredential and EndorsementCredential', () => {
    for (const kind of ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'])
      assert.equal(isOpenBadgeCredential({ type: ['VerifiableCredential', kind] }), true, kind)
    assert.equal(isOpenBadgeCredential({ type: 'OpenBadgeCredential' }), true)
  })

  test('is false for other credentials and for a missing or malformed type', () => {
    assert.equal(
      isOpenBadgeCredential({ type: ['VerifiableCredential', 'EuropeanDigitalCredential'] }),
      false,
    )
    assert.equal(isOpenBadgeCredential({}), false)
    assert.equal(isOpenBadgeCredential({ type: { OpenBadgeCredential: true } }), false)
  })
})
