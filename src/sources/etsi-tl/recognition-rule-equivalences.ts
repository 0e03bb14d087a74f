// The MRA equivalences that stand for a recognition rule: what an exported MRA block says, and what an imported one is held to.
//
// The EU MRA schema maps service types and statuses, not credential types and assurance levels, so
// a rule is spelled in URNs Kakehashi mints: a credential type is the service type on both sides
// (`urn:kakehashi:credential-type:…`), each pair of its level mapping an AdditionalServiceInformation
// URI on each side (`urn:kakehashi:level:<framework>:<level>`), and the two frameworks are the
// contracting parties' legislation (`urn:kakehashi:framework:…`). Valid and invalid are ETSI's
// granted and withdrawn on both sides. Every part is percent-encoded, so a `:` inside a framework
// id or a level name is never read as a separator. The equivalences come back in the parser's own
// types (trusted-list-types.ts), so a parsed block and the rules it claims to carry compare directly.
import type { RecognitionRule } from '../../model/index.ts'
import type {
  TrustServiceEquivalence,
  TrustServiceEquivalenceInformation,
  TrustServiceTSLType,
} from './trusted-list-types.ts'

/** The namespace of Kakehashi's own copy of a rule, next to the MRA block of the same pointer. */
export const KAKEHASHI_RECOGNITION_NS = 'urn:kakehashi:recognition:v1'

/** TrustServiceEquivalenceStatus values, as DSS's MRAStatus has them. */
export const MRA_ENACTED = 'http://ec.europa.eu/tools/lotl/mra/enacted'
export const MRA_REPEALED = 'http://ec.europa.eu/tools/lotl/mra/repealed'

const SVCSTATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/'
const GRANTED = `${SVCSTATUS}granted`
const WITHDRAWN = `${SVCSTATUS}withdrawn`

const part = (value: string): string => encodeURIComponent(value)

export const frameworkUrn = (frameworkId: string): string =>
  `urn:kakehashi:framework:${part(frameworkId)}`

export const credentialTypeUrn = (credentialType: string): string =>
  `urn:kakehashi:credential-type:${part(credentialType)}`

export const levelUrn = (frameworkId: string, level: string): string =>
  `urn:kakehashi:level:${part(frameworkId)}:${part(level)}`

/**
 * How a rule's status is written: enacted since validFrom, or, once validUntil has passed,
 * repealed at validUntil with the enacted state kept as its history.
 */
export type EquivalenceForm = 'enacted' | 'repealed'

export const equivalenceFormAt = (rule: RecognitionRule, atMs: number): EquivalenceForm =>
  rule.validUntil !== undefined && Date.parse(rule.validUntil) <= atMs ? 'repealed' : 'enacted'

/** xsd:dateTime in UTC, as the trusted-list reader returns it. */
export const utcDateTime = (value: string): string => new Date(Date.parse(value)).toISOString()

/**
 * One equivalence per credential type and level pair (per credential type when the mapping is
 * empty): an MRA equivalence has one service type per side, and the level pair is its
 * AdditionalServiceInformation.
 */
export function ruleEquivalences(
  rule: RecognitionRule,
  form: EquivalenceForm,
): TrustServiceEquivalenceInformation[] {
  const pairs: ([string, string] | undefined)[] = Object.entries(rule.levelMapping)
  if (pairs.length === 0) pairs.push(undefined)
  const out: TrustServiceEquivalenceInformation[] = []
  for (const credentialType of rule.credentialTypes) {
    const side = (frameworkId: string, level: string | undefined): TrustServiceTSLType[] => [
      {
        serviceTypeIdentifier: credentialTypeUrn(credentialType),
        additionalServiceInformation: level === undefined ? [] : [levelUrn(frameworkId, level)],
      },
    ]
    for (const pair of pairs) {
      const enacted: TrustServiceEquivalence = {
        trustServiceTSLTypeEquivalenceList: {
          // The mapping runs from the recognised framework's level to the recognising one's.
          pointingParty: side(rule.recognisingFrameworkId, pair?.[1]),
          pointedParty: side(rule.recognisedFrameworkId, pair?.[0]),
        },
        trustServiceEquivalenceStatus: MRA_ENACTED,
        trustServiceEquivalenceStatusStartingTime: utcDateTime(rule.validFrom),
        trustServiceTSLStatusEquivalenceList: {
          valid: { pointingParty: [GRANTED], pointedParty: [GRANTED] },
          invalid: { pointingParty: [WITHDRAWN], pointedParty: [WITHDRAWN] },
        },
        certificateContentReferencesEquivalenceList: [],
        trustServiceTSLQualificationExtensionEquivalenceList: [],
      }
      out.push(
        form === 'repealed' && rule.validUntil !== undefined
          ? {
              trustServiceLegalIdentifier: credentialType,
              ...enacted,
              trustServiceEquivalenceStatus: MRA_REPEALED,
              trustServiceEquivalenceStatusStartingTime: utcDateTime(rule.validUntil),
              trustServiceEquivalenceHistory: [enacted],
            }
          : {
              trustServiceLegalIdentifier: credentialType,
              ...enacted,
              trustServiceEquivalenceHistory: [],
            },
      )
    }
  }
  return out
}

/**
 * A key that two equivalences share exactly when they say the same thing as the reader returns
 * them. The legal identifier is compared as XML gives text back: line ends normalised, trimmed.
 */
export function equivalenceKey(equivalence: TrustServiceEquivalenceInformation): string {
  return JSON.stringify([
    equivalence.trustServiceLegalIdentifier.replace(/\r\n?/g, '\n').trim(),
    bodyKey(equivalence),
    equivalence.trustServiceEquivalenceHistory.map(bodyKey),
  ])
}

function bodyKey(equivalence: TrustServiceEquivalence): unknown[] {
  const types = equivalence.trustServiceTSLTypeEquivalenceList
  const statuses = equivalence.trustServiceTSLStatusEquivalenceList
  const type = (entry: TrustServiceTSLType) => [
    entry.serviceTypeIdentifier,
    entry.additionalServiceInformation,
  ]
  return [
    types.pointingParty.map(type),
    types.pointedParty.map(type),
    equivalence.trustServiceEquivalenceStatus,
    Date.parse(equivalence.trustServiceEquivalenceStatusStartingTime),
    [statuses.valid.pointingParty, statuses.valid.pointedParty],
    [statuses.invalid.pointingParty, statuses.invalid.pointedParty],
    // Kakehashi writes neither; a block that has them says more than the rules do.
    equivalence.certificateContentReferencesEquivalenceList.length,
    equivalence.trustServiceTSLQualificationExtensionEquivalenceList.length,
  ]
}
