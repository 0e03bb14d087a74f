// The 1EdTech validator's and the DCC verifier's Open Badges 3.0 fixtures against Kakehashi's schema.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { readCorpusJson, skipWithoutCorpus } from '../../../../../../test/support/corpus.ts'
import {
  formatViolation,
  isOpenBadgeCredential,
  type OpenBadgeValidation,
  validateOpenBadgeCredential,
} from '../validate-open-badge.ts'

const EDTECH = ['vectors', 'openbadges-1edtech'] as const
const DCC = ['vectors', 'openbadges-dcc'] as const

const validate = (...parts: string[]): OpenBadgeValidation => {
  const credential = readCorpusJson<Record<string, unknown>>(...parts)
  assert.ok(credential !== undefined, parts.join('/'))
  return validateOpenBadgeCredential(credential)
}

const lines = (result: OpenBadgeValidation): string =>
  result.ok ? 'conforms' : result.violations.map(formatViolation).join('\n')

function assertConforms(...parts: string[]): void {
  const credential = readCorpusJson<Record<string, unknown>>(...parts) ?? {}
  assert.equal(isOpenBadgeCredential(credential), true, 'an Open Badges credential by its type')
  const result = validate(...parts)
  assert.equal(result.ok, true, lines(result))
}

/** Fails the schema, with (at least) a violation at each of `paths`. */
function assertViolatesAt(parts: readonly string[], paths: string[]): void {
  const result = validate(...parts)
  assert.equal(result.ok, false, 'should not conform')
  const found = result.ok ? [] : result.violations.map((v) => v.path)
  for (const path of paths)
    assert.ok(found.includes(path), `no violation at ${path}:\n${lines(result)}`)
}

describe('1EdTech validator fixtures that conform', () => {
  // Valid for 1EdTech, or refused there for a reason outside the data model: the proof, the
  // validity window, the status list, an unreachable inline schema (complete.json) or refresh
  // service (endorsement-err-schema-status-refresh.json, whose members all fit the tables).
  const conforming = [
    'simple.json',
    'simple_v1.json',
    'simple-multiple-proofs.json',
    'complete.json',
    'endorsement-valid.json',
    'endorsement-err-schema-status-refresh.json',
    'simple-context-alias.json',
    'simple-context-version.json',
    'simple-did-key-method.json',
    'simple-did-web-method.json',
    'simple-eddsa-2022.json',
    'simple-err-expired.json',
    'simple-err-proof-method.json',
    'simple-err-proof-method-no-scheme.json',
    'simple-err-proof-method-unknown-scheme.json',
    'simple-err-proof-method-unknown-did-method.json',
    'simple-err-proof-value.json',
    'credential-status-revoked.json',
    'bit-string-list/credential-status-revoked.json',
    'bit-string-list/credential-status-revoked-blank-nodes.json',
  ]
  for (const file of conforming)
    test(file, skipWithoutCorpus(...EDTECH, file), () => assertConforms(...EDTECH, file))
})

describe('1EdTech validator fixtures that violate the data model', () => {
  const violating: [file: string, paths: string[]][] = [
    ['simple-err-issuer.json', ['/issuer']],
    ['simple-err-issuer-type.json', ['/issuer/type']],
    ['simple-err-issuer-parentorg-type.json', ['/issuer/parentOrg/type']],
    ['simple-err-issuer-otheridentifier-type.json', ['/issuer/otherIdentifier/1/type']],
    ['simple-err-credential-subject-type.json', ['/credentialSubject/type']],
    [
      'simple-err-credential-subject-identifier-type.json',
      ['/credentialSubject/identifier/0/type'],
    ],
    ['simple-err-credential-subject-profile-type.json', ['/credentialSubject/source/type']],
    ['simple-err-credential-subject-result-type.json', ['/credentialSubject/result/1/type']],
    [
      'simple-err-credential-subject-achievement-result-description-type.json',
      ['/credentialSubject/achievement/resultDescription/2/type'],
    ],
    ['simple-err-evidence-type.json', ['/evidence/1/type']],
    ['simple-err-context.json', ['/@context/0']],
    // The VCDM 1.1 twin of complete.json: identityType "email" is no IdentifierTypeEnum term, and
    // its embedded endorsements lack their `id`.
    [
      'complete_v1.json',
      [
        '/credentialSubject/identifier/0/identityType',
        '/endorsement/0/id',
        '/issuer/endorsement/0/id',
      ],
    ],
    // No achievement in the subject, which the model requires ([1]).
    ['simple-err-issued.json', ['/credentialSubject/achievement']],
    ['simple-noproof.json', ['/credentialSubject/achievement']],
    // A selectively disclosed (ecdsa-sd-2023) credential that withheld the required `name`.
    ['sd/derivedcredential.json', ['/name']],
  ]
  for (const [file, paths] of violating)
    test(`${file} at ${paths.join(', ')}`, skipWithoutCorpus(...EDTECH, file), () =>
      assertViolatesAt([...EDTECH, file], paths),
    )
})

test(
  'simple-err-type.json is no Open Badge by its type, and fails at /type when checked anyway',
  skipWithoutCorpus(...EDTECH, 'simple-err-type.json'),
  () => {
    const credential = readCorpusJson<Record<string, unknown>>(...EDTECH, 'simple-err-type.json')
    assert.equal(isOpenBadgeCredential(credential ?? {}), false)
    assertViolatesAt([...EDTECH, 'simple-err-type.json'], ['/type'])
  },
)

describe('DCC verifier-core fixtures', () => {
  const conforming = [
    'v2__v2NoStatus.json',
    'v2__v2Expired.json',
    'v2__v2SimpleIssuerId.json',
    'v2__v2OBv3SpecExample.json',
    'v1__v1OBv3SpecExample.json',
    'eddsa__v2__safeModeBreaker.json',
  ]
  for (const file of conforming)
    test(`${file} conforms`, skipWithoutCorpus(...DCC, file), () => assertConforms(...DCC, file))

  // DCC signs these and its verifier accepts them, but their subject has a `name` and neither
  // `id` nor an `identifier`, which AchievementSubject requires one of.
  const anonymous = [
    'v2__v2WithValidStatus.json',
    'v2__v2Revoked.json',
    'v2__v2ExpiredWithValidStatus.json',
    'eddsa__v2__v2EddsaWithValidStatus.json',
    'v1__v1WithValidStatus.json',
    'v1__v1SimpleIssuerId.json',
  ]
  for (const file of anonymous)
    test(`${file} names no subject id or identifier`, skipWithoutCorpus(...DCC, file), () =>
      assertViolatesAt([...DCC, file], ['/credentialSubject/identifier']),
    )

  test(
    'v1__testVC.json gives the issuer image as a bare URL, not an Image',
    skipWithoutCorpus(...DCC, 'v1__testVC.json'),
    () => assertViolatesAt([...DCC, 'v1__testVC.json'], ['/issuer/image']),
  )

  test(
    'the status list credential is no Open Badge',
    skipWithoutCorpus(...DCC, 'status__e5WK8CbZ1GjycuPombrj.json'),
    () => {
      const list = readCorpusJson<Record<string, unknown>>(
        ...DCC,
        'status__e5WK8CbZ1GjycuPombrj.json',
      )
      assert.equal(isOpenBadgeCredential(list ?? {}), false)
    },
  )
})
