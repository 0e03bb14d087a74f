// Kakehashi's own JSON Schema (draft 2019-09) for Open Badges 3.0 AchievementCredential and EndorsementCredential.
/**
 * Written for Kakehashi from the normative data model tables of Open Badges Specification 3.0,
 * Appendix B "Data Models", as revised for 3.0.3 (VCDM 2.0, context `context-3.0.3.json`); one
 * `$defs` entry per class: required properties from the multiplicities, value types from the
 * property types, the fixed `type` IRIs, and the enumerations. It is not 1EdTech's
 * published schema and shares none of its text; operators who must apply the official 1EdTech
 * JSON Schemas can pin and run those separately, beside this one.
 *
 * Choices the tables leave open, made here:
 * - `[1..*]` properties the specification marks as compactable (every `type`, `proof`,
 *   `credentialSchema`, `termsOfUse`) take one value or an array; other `[0..*]` properties are
 *   arrays, as in the specification's own serialisation.
 * - A VCDM 1.1 credential (first `@context` `…/2018/credentials/v1`, as OB 3.0 before 3.0.3) needs
 *   `issuanceDate`; any other needs `validFrom`. `expirationDate` and `validUntil` are typed when
 *   present.
 * - `issuer` is a ProfileRef: a URI or a Profile, as 3.0.3 allows.
 * - `credentialStatus` and `refreshService` need only a `type`, and may be arrays: VCDM 2.0, which
 *   3.0.3 builds on, makes their `id` optional and allows several.
 * - `proof` is not required and is checked only for its shape (objects with a `type`): the proof
 *   itself is verified by the securing mechanism, not here.
 * - Every class accepts further properties (OB 3.0 §Extending the Data Model); known ones are
 *   type-checked.
 */

import type { SchemaObject } from 'ajv'
import { VCDM1_CONTEXT, VCDM2_CONTEXT } from '../../data-model.ts'
import {
  achievementTypes,
  alignmentTargetTypes,
  EXTENSION_TERM,
  identifierTypes,
  resultStatusTypes,
  resultTypes,
} from './open-badges-3-vocabularies.ts'

export const ACHIEVEMENT_CREDENTIAL_SCHEMA_ID =
  'urn:kakehashi:schema:open-badges-3.0:achievement-credential'
export const ENDORSEMENT_CREDENTIAL_SCHEMA_ID =
  'urn:kakehashi:schema:open-badges-3.0:endorsement-credential'

/** `context.json` and the versioned `context-3.0.N.json` the OB 3.0 revisions published. */
const OB3_CONTEXT_PATTERN =
  '^https://purl\\.imsglobal\\.org/spec/ob/v3p0/context(-3\\.0\\.[0-9]+)?\\.json$'

// A `description` on a schema object is the violation message for its own keywords (see
// validate-open-badge.ts); it is set only where it reads better than the generic one.

const ref = (name: string) => ({ $ref: `#/$defs/${name}` })

/** JSON Schema `if`/`then`/`else`: `otherwise` applies when `condition` fails. */
const when = (condition: object, then: object, otherwise?: object) => ({
  if: condition,
  then,
  ...(otherwise === undefined ? {} : { else: otherwise }),
})

const text = { type: 'string' }
const number = { type: 'number' }
const uri = { type: 'string', format: 'uri' }
/** DateTimeZ: a date-time with its time zone (RFC 3339). */
const dateTimeZ = { type: 'string', format: 'date-time' }
/** DateTime: ISO 8601, the zone optional. */
const dateTime = { type: 'string', format: 'iso-date-time' }
const arrayOf = (items: object) => ({ type: 'array', items })
const oneOrMany = (item: object) => when({ type: 'array' }, { type: 'array', items: item }, item)

/** A `type` of multiplicity [1..*]: one IRI or an array of them, `iri` among them. */
const typeIncluding = (iri: string) => ({
  type: ['string', 'array'],
  ...when(
    { type: 'string' },
    { const: iri },
    { type: 'array', minItems: 1, items: text, contains: { const: iri } },
  ),
})

/** A `type` of multiplicity [1]: exactly this IRI. */
const typeIs = (iri: string) => ({ type: 'string', const: iri })

/** A credential's `type`: `VerifiableCredential` and one of `kinds`. */
const credentialType = (kinds: readonly string[]) => ({
  type: 'array',
  minItems: 1,
  items: text,
  allOf: [
    { contains: { const: 'VerifiableCredential' } },
    { contains: kinds.length === 1 ? { const: kinds[0] } : { enum: kinds } },
  ],
})

/** An EnumExt vocabulary: one of its terms or an `ext:` extension term. */
const extensible = (name: string, terms: readonly string[]) => ({
  description: `must be one of the ${name} terms or an "ext:" extension term`,
  type: 'string',
  anyOf: [{ enum: terms }, { pattern: EXTENSION_TERM }],
})

const object = (properties: Record<string, object>, required: string[], more: object = {}) => ({
  type: 'object',
  properties,
  required,
  ...more,
})

/** `required` in a subschema; the member is named in its `properties` too, as ajv's strictRequired wants. */
const requires = (name: string) => ({ required: [name], properties: { [name]: true } })

/** VCDM 1.1 dates for a v1 credential, VCDM 2.0 (OB 3.0.3) dates otherwise. */
const validityDates = when(
  {
    required: ['@context'],
    properties: { '@context': { type: 'array', contains: { const: VCDM1_CONTEXT } } },
  },
  requires('issuanceDate'),
  requires('validFrom'),
)

/** The VerifiableCredential members both credential classes inherit. */
const verifiableCredential = {
  '@context': ref('CredentialContext'),
  id: uri,
  name: text,
  description: text,
  issuer: ref('ProfileRef'),
  validFrom: dateTimeZ,
  validUntil: dateTimeZ,
  issuanceDate: dateTimeZ,
  expirationDate: dateTimeZ,
  awardedDate: dateTimeZ,
  proof: oneOrMany(ref('Proof')),
  credentialSchema: oneOrMany(ref('CredentialSchema')),
  credentialStatus: oneOrMany(ref('CredentialStatus')),
  refreshService: oneOrMany(ref('RefreshService')),
  termsOfUse: oneOrMany(ref('TermsOfUse')),
}

const credentialRequired = ['@context', 'id', 'type', 'name', 'issuer', 'credentialSubject']

const endorsements = {
  endorsement: arrayOf(ref('EndorsementCredential')),
  endorsementJwt: arrayOf(ref('CompactJws')),
}

const $defs = {
  AchievementCredential: object(
    {
      ...verifiableCredential,
      type: credentialType(['AchievementCredential', 'OpenBadgeCredential']),
      image: ref('Image'),
      credentialSubject: ref('AchievementSubject'),
      evidence: arrayOf(ref('Evidence')),
      ...endorsements,
    },
    credentialRequired,
    { allOf: [validityDates] },
  ),
  EndorsementCredential: object(
    {
      ...verifiableCredential,
      type: credentialType(['EndorsementCredential']),
      credentialSubject: ref('EndorsementSubject'),
    },
    credentialRequired,
    { allOf: [validityDates] },
  ),
  CredentialContext: {
    type: 'array',
    minItems: 2,
    items: [
      { enum: [VCDM1_CONTEXT, VCDM2_CONTEXT] },
      {
        description: 'must be the Open Badges 3.0 context URL',
        type: 'string',
        pattern: OB3_CONTEXT_PATTERN,
      },
    ],
    additionalItems: ref('Context'),
  },
  Context: {
    description: 'must be a context URI or an embedded context object',
    type: ['string', 'object'],
    ...when({ type: 'string' }, { format: 'uri' }),
  },
  AchievementSubject: object(
    {
      id: uri,
      type: typeIncluding('AchievementSubject'),
      activityEndDate: dateTime,
      activityStartDate: dateTime,
      creditsEarned: number,
      achievement: ref('Achievement'),
      identifier: arrayOf(ref('IdentityObject')),
      image: ref('Image'),
      licenseNumber: text,
      narrative: text,
      result: arrayOf(ref('Result')),
      role: text,
      source: ref('Profile'),
      term: text,
    },
    ['type', 'achievement'],
    // "Either `id` or at least one `identifier` MUST be supplied."
    when(
      { not: requires('id') },
      {
        description: 'is required when "id" is absent',
        required: ['identifier'],
        properties: {
          identifier: {
            description: 'must hold at least one IdentityObject when "id" is absent',
            type: 'array',
            minItems: 1,
          },
        },
      },
    ),
  ),
  Achievement: object(
    {
      id: uri,
      type: typeIncluding('Achievement'),
      alignment: arrayOf(ref('Alignment')),
      achievementType: extensible('AchievementType', achievementTypes),
      creator: ref('Profile'),
      creditsAvailable: number,
      criteria: ref('Criteria'),
      description: text,
      fieldOfStudy: text,
      humanCode: text,
      image: ref('Image'),
      inLanguage: ref('LanguageCode'),
      name: text,
      otherIdentifier: arrayOf(ref('IdentifierEntry')),
      related: arrayOf(ref('Related')),
      resultDescription: arrayOf(ref('ResultDescription')),
      specialization: text,
      tag: arrayOf(text),
      version: text,
      ...endorsements,
    },
    ['id', 'type', 'criteria', 'description', 'name'],
  ),
  Criteria: object({ id: uri, narrative: text }, []),
  Alignment: object(
    {
      type: typeIncluding('Alignment'),
      targetCode: text,
      targetDescription: text,
      targetName: text,
      targetFramework: text,
      targetType: extensible('AlignmentTargetType', alignmentTargetTypes),
      targetUrl: uri,
    },
    ['type', 'targetName', 'targetUrl'],
  ),
  Related: object(
    { id: uri, type: typeIncluding('Related'), inLanguage: ref('LanguageCode'), version: text },
    ['id', 'type'],
  ),
  ResultDescription: object(
    {
      id: uri,
      type: typeIncluding('ResultDescription'),
      alignment: arrayOf(ref('Alignment')),
      allowedValue: arrayOf(text),
      name: text,
      requiredLevel: uri,
      requiredValue: text,
      resultType: extensible('ResultType', resultTypes),
      rubricCriterionLevel: arrayOf(ref('RubricCriterionLevel')),
      valueMax: text,
      valueMin: text,
    },
    ['id', 'type', 'name', 'resultType'],
  ),
  RubricCriterionLevel: object(
    {
      id: uri,
      type: typeIncluding('RubricCriterionLevel'),
      alignment: arrayOf(ref('Alignment')),
      description: text,
      level: text,
      name: text,
      points: text,
    },
    ['id', 'type', 'name'],
  ),
  Result: object(
    {
      type: typeIncluding('Result'),
      achievedLevel: uri,
      alignment: arrayOf(ref('Alignment')),
      resultDescription: uri,
      status: { type: 'string', enum: resultStatusTypes },
      value: text,
    },
    ['type'],
  ),
  Evidence: object(
    {
      id: uri,
      type: typeIncluding('Evidence'),
      narrative: text,
      name: text,
      description: text,
      genre: text,
      audience: text,
    },
    ['type'],
  ),
  EndorsementSubject: object(
    // The table's "VerifiableCredential" in this type is a slip of the specification: its
    // examples and 1EdTech's own test credentials carry `EndorsementSubject` alone.
    { id: uri, type: typeIncluding('EndorsementSubject'), endorsementComment: text },
    ['id', 'type'],
  ),
  ProfileRef: when({ type: 'string' }, uri, ref('Profile')),
  Profile: object(
    {
      id: uri,
      type: typeIncluding('Profile'),
      name: text,
      url: uri,
      phone: text,
      description: text,
      image: ref('Image'),
      email: { type: 'string', format: 'email' },
      address: ref('Address'),
      otherIdentifier: arrayOf(ref('IdentifierEntry')),
      official: text,
      parentOrg: ref('Profile'),
      familyName: text,
      givenName: text,
      additionalName: text,
      patronymicName: text,
      honorificPrefix: text,
      honorificSuffix: text,
      familyNamePrefix: text,
      dateOfBirth: { type: 'string', format: 'date' },
      ...endorsements,
    },
    ['id', 'type'],
  ),
  Address: object(
    {
      type: typeIncluding('Address'),
      addressCountry: text,
      addressCountryCode: text,
      addressRegion: text,
      addressLocality: text,
      streetAddress: text,
      postOfficeBoxNumber: text,
      postalCode: text,
      geo: ref('GeoCoordinates'),
    },
    ['type'],
  ),
  GeoCoordinates: object({ type: typeIs('GeoCoordinates'), latitude: number, longitude: number }, [
    'type',
    'latitude',
    'longitude',
  ]),
  IdentityObject: object(
    {
      type: typeIs('IdentityObject'),
      hashed: { type: 'boolean' },
      identityHash: text,
      identityType: extensible('IdentifierTypeEnum', identifierTypes),
      salt: text,
    },
    ['type', 'hashed', 'identityHash', 'identityType'],
  ),
  IdentifierEntry: object(
    {
      type: typeIs('IdentifierEntry'),
      identifier: text,
      identifierType: extensible('IdentifierTypeEnum', identifierTypes),
    },
    ['type', 'identifier', 'identifierType'],
  ),
  Image: object({ id: uri, type: typeIs('Image'), caption: text }, ['id', 'type']),
  Proof: object({ type: text }, ['type']),
  CredentialSchema: object({ id: uri, type: text }, ['id', 'type']),
  CredentialStatus: object({ id: uri, type: text }, ['type']),
  RefreshService: object({ id: uri, type: text }, ['type']),
  TermsOfUse: object({ id: uri, type: text }, ['type']),
  CompactJws: {
    description: 'must be a compact JWS',
    type: 'string',
    pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+$',
  },
  LanguageCode: {
    description: 'must be a BCP 47 language tag',
    type: 'string',
    pattern: '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$',
  },
}

const DIALECT = 'https://json-schema.org/draft/2019-09/schema'

/** An OpenBadgeCredential (alias AchievementCredential), with every class it holds. */
export const achievementCredentialSchema = {
  $schema: DIALECT,
  $id: ACHIEVEMENT_CREDENTIAL_SCHEMA_ID,
  title: 'Open Badges 3.0 AchievementCredential (Kakehashi)',
  $ref: '#/$defs/AchievementCredential',
  $defs,
} satisfies SchemaObject

/** An EndorsementCredential standing on its own. */
export const endorsementCredentialSchema = {
  $schema: DIALECT,
  $id: ENDORSEMENT_CREDENTIAL_SCHEMA_ID,
  title: 'Open Badges 3.0 EndorsementCredential (Kakehashi)',
  $ref: '#/$defs/EndorsementCredential',
  $defs,
} satisfies SchemaObject
