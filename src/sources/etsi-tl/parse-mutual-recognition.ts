// Reads the EU mutual-recognition extension (mra:MutualRecognitionAgreementInformation) of a LOTL pointer.
//
// When the EU LOTL points to a third country's list under a mutual-recognition agreement, the
// pointer says how that country's scheme maps onto the EU's: which service types (with their
// additional service information) are equivalent, which statuses count as valid or invalid, which
// certificate content and qualifiers correspond. This is the closest existing precedent for
// Kakehashi's recognition rules, so it is read in full (schema v2, as DSS publishes it) and kept as
// written: equivalences are pairs of URIs, certificate content is CriteriaList data.
import type { Element } from '@xmldom/xmldom'
import { MRA_NS, TSL_NS } from './namespaces.ts'
import { readCriteriaList } from './parse-criteria-list.ts'
import type {
  MutualRecognitionAgreementInformation,
  QualificationExtensionEquivalence,
  StatusEquivalence,
  TrustServiceEquivalence,
  TrustServiceEquivalenceInformation,
  TrustServiceTSLType,
} from './trusted-list-types.ts'
import {
  attribute,
  child,
  children,
  notConformant,
  readDateTime,
  readRequiredText,
  requiredChild,
} from './xml-readers.ts'

export function readMutualRecognition(element: Element): MutualRecognitionAgreementInformation {
  const required = (name: string): string => {
    const value = attribute(element, name)
    if (value === undefined || value === '') throw notConformant(element, `${name} is missing`)
    return value
  }
  return {
    technicalType: required('technicalType'),
    version: required('version'),
    mraDepth: required('MRADepth'),
    pointingContractingPartyLegislation: required('pointingContractingPartyLegislation'),
    pointedContractingPartyLegislation: required('pointedContractingPartyLegislation'),
    trustServiceEquivalenceInformation: children(
      element,
      MRA_NS,
      'TrustServiceEquivalenceInformation',
    ).map(readEquivalenceInformation),
  }
}

function readEquivalenceInformation(element: Element): TrustServiceEquivalenceInformation {
  return {
    trustServiceLegalIdentifier: readRequiredText(
      requiredChild(element, MRA_NS, 'TrustServiceLegalIdentifier'),
    ),
    ...readEquivalence(element),
    trustServiceEquivalenceHistory: children(
      element,
      MRA_NS,
      'TrustServiceEquivalenceHistory',
    ).flatMap((history) =>
      children(history, MRA_NS, 'TrustServiceEquivalenceHistoryInstance').map(readEquivalence),
    ),
  }
}

/** The fields TrustServiceEquivalenceInformation and its history instances share. */
function readEquivalence(element: Element): TrustServiceEquivalence {
  const types = requiredChild(element, MRA_NS, 'TrustServiceTSLTypeEquivalenceList')
  const statuses = requiredChild(element, MRA_NS, 'TrustServiceTSLStatusEquivalenceList')
  const content = child(element, MRA_NS, 'CertificateContentReferencesEquivalenceList')
  return {
    trustServiceTSLTypeEquivalenceList: {
      pointingParty: readTypeList(
        requiredChild(types, MRA_NS, 'TrustServiceTSLTypeListPointingParty'),
      ),
      pointedParty: readTypeList(
        requiredChild(types, MRA_NS, 'TrustServiceTSLTypeListPointedParty'),
      ),
    },
    trustServiceEquivalenceStatus: readRequiredText(
      requiredChild(element, MRA_NS, 'TrustServiceEquivalenceStatus'),
    ),
    trustServiceEquivalenceStatusStartingTime: readDateTime(
      requiredChild(element, MRA_NS, 'TrustServiceEquivalenceStatusStartingTime'),
    ),
    trustServiceTSLStatusEquivalenceList: {
      valid: readStatusEquivalence(
        requiredChild(statuses, MRA_NS, 'TrustServiceTSLStatusValidEquivalence'),
      ),
      invalid: readStatusEquivalence(
        requiredChild(statuses, MRA_NS, 'TrustServiceTSLStatusInvalidEquivalence'),
      ),
    },
    certificateContentReferencesEquivalenceList:
      content === undefined
        ? []
        : children(content, MRA_NS, 'CertificateContentReferenceEquivalence').map((entry) => ({
            context: readRequiredText(
              requiredChild(entry, MRA_NS, 'CertificateContentReferenceEquivalenceContext'),
            ),
            pointingParty: readCriteriaList(
              requiredChild(entry, MRA_NS, 'CertificateContentDeclarationPointingParty'),
            ),
            pointedParty: readCriteriaList(
              requiredChild(entry, MRA_NS, 'CertificateContentDeclarationPointedParty'),
            ),
          })),
    trustServiceTSLQualificationExtensionEquivalenceList: children(
      element,
      MRA_NS,
      'TrustServiceTSLQualificationExtensionEquivalenceList',
    ).map(readQualificationEquivalence),
  }
}

function readTypeList(element: Element): TrustServiceTSLType[] {
  return children(element, MRA_NS, 'TrustServiceTSLType').map((type) => {
    const additional = child(type, TSL_NS, 'AdditionalServiceInformation')
    return {
      serviceTypeIdentifier: readRequiredText(requiredChild(type, TSL_NS, 'ServiceTypeIdentifier')),
      additionalServiceInformation:
        additional === undefined
          ? []
          : children(additional, TSL_NS, 'URI').map((uri) => readRequiredText(uri)),
    }
  })
}

function readStatusEquivalence(element: Element): StatusEquivalence {
  const statusList = (name: string): string[] =>
    children(requiredChild(element, MRA_NS, name), TSL_NS, 'ServiceStatus').map((status) =>
      readRequiredText(status),
    )
  return {
    pointingParty: statusList('TrustServiceTSLStatusListPointingParty'),
    pointedParty: statusList('TrustServiceTSLStatusListPointedParty'),
  }
}

function readQualificationEquivalence(element: Element): QualificationExtensionEquivalence {
  const name = requiredChild(element, MRA_NS, 'TrustServiceTSLQualificationExtensionName')
  const qualifier = (entry: Element, side: string): string => {
    const uri = attribute(requiredChild(entry, MRA_NS, side), 'uri')
    if (uri === undefined || uri === '') throw notConformant(entry, `${side} has no uri`)
    return uri
  }
  return {
    namePointingParty: readRequiredText(
      requiredChild(name, MRA_NS, 'TrustServiceTSLQualificationExtensionNamePointingParty'),
    ),
    namePointedParty: readRequiredText(
      requiredChild(name, MRA_NS, 'TrustServiceTSLQualificationExtensionNamePointedParty'),
    ),
    qualifierEquivalence: children(element, MRA_NS, 'QualifierEquivalenceList').flatMap((list) =>
      children(list, MRA_NS, 'QualifierEquivalence').map((entry) => ({
        pointingParty: qualifier(entry, 'QualifierPointingParty'),
        pointedParty: qualifier(entry, 'QualifierPointedParty'),
      })),
    ),
  }
}
