// Reads the TrustServiceProviderList: each TSP, each TSPService, its digital identity, extensions and history.
//
// Service types, statuses and the qualification extensions (Qualifications, AdditionalServiceInformation,
// TakenOverBy, ExpiredCertsRevocationInfo) are kept as the URIs and values the list gives; deciding
// what they mean for a certificate is left to the registry. Extensions of other kinds keep their
// name and criticality, so that a consumer can refuse a service whose critical extension it does
// not understand, as TS 119 612 clause 5.5.9 asks.
import type { Element } from '@xmldom/xmldom'
import { ECC_NS, TSL_NS, TSLX_NS } from './namespaces.ts'
import { readCriteriaList, readRawElement } from './parse-criteria-list.ts'
import type {
  AdditionalServiceInformation,
  QualificationElement,
  ServiceDigitalIdentity,
  ServiceInformationExtensions,
  ServiceStatusEntry,
  TakenOverBy,
  TrustServiceProvider,
  TSPService,
} from './trusted-list-types.ts'
import {
  attribute,
  child,
  childElements,
  children,
  isNamed,
  languageOf,
  notConformant,
  readBase64,
  readDateTime,
  readMultilingual,
  readRequiredText,
  requiredChild,
  textOf,
} from './xml-readers.ts'

/** The TSPs of a TrustServiceProviderList element (absent for a LOTL). */
export function readTrustServiceProviders(list: Element | undefined): TrustServiceProvider[] {
  if (list === undefined) return []
  return children(list, TSL_NS, 'TrustServiceProvider').map(readTrustServiceProvider)
}

function readTrustServiceProvider(element: Element): TrustServiceProvider {
  const information = requiredChild(element, TSL_NS, 'TSPInformation')
  const address = requiredChild(information, TSL_NS, 'TSPAddress')
  const postal = child(address, TSL_NS, 'PostalAddresses')
  return {
    tspName: readMultilingual(requiredChild(information, TSL_NS, 'TSPName')),
    tspTradeName: readMultilingual(child(information, TSL_NS, 'TSPTradeName')),
    tspInformationURI: readMultilingual(requiredChild(information, TSL_NS, 'TSPInformationURI')),
    tspAddressCountryNames:
      postal === undefined
        ? []
        : children(postal, TSL_NS, 'PostalAddress').map((postalAddress) =>
            readRequiredText(requiredChild(postalAddress, TSL_NS, 'CountryName')),
          ),
    tspServices: children(requiredChild(element, TSL_NS, 'TSPServices'), TSL_NS, 'TSPService').map(
      readTSPService,
    ),
  }
}

function readTSPService(element: Element): TSPService {
  const information = requiredChild(element, TSL_NS, 'ServiceInformation')
  const supplyPoints = child(information, TSL_NS, 'ServiceSupplyPoints')
  const history = child(element, TSL_NS, 'ServiceHistory')
  return {
    ...readStatusEntry(information),
    schemeServiceDefinitionURI: readMultilingual(
      child(information, TSL_NS, 'SchemeServiceDefinitionURI'),
    ),
    serviceSupplyPoints:
      supplyPoints === undefined
        ? []
        : children(supplyPoints, TSL_NS, 'ServiceSupplyPoint').map((point) => {
            const type = attribute(point, 'type')
            return { uri: readRequiredText(point), ...(type !== undefined ? { type } : {}) }
          }),
    tspServiceDefinitionURI: readMultilingual(
      child(information, TSL_NS, 'TSPServiceDefinitionURI'),
    ),
    serviceHistory:
      history === undefined
        ? []
        : children(history, TSL_NS, 'ServiceHistoryInstance').map(readStatusEntry),
  }
}

/** The fields ServiceInformation and ServiceHistoryInstance share. */
function readStatusEntry(element: Element): ServiceStatusEntry {
  return {
    serviceTypeIdentifier: readRequiredText(
      requiredChild(element, TSL_NS, 'ServiceTypeIdentifier'),
    ),
    serviceName: readMultilingual(requiredChild(element, TSL_NS, 'ServiceName')),
    serviceDigitalIdentity: readServiceDigitalIdentity(
      requiredChild(element, TSL_NS, 'ServiceDigitalIdentity'),
    ),
    serviceStatus: readRequiredText(requiredChild(element, TSL_NS, 'ServiceStatus')),
    statusStartingTime: readDateTime(requiredChild(element, TSL_NS, 'StatusStartingTime')),
    serviceInformationExtensions: readExtensions(
      child(element, TSL_NS, 'ServiceInformationExtensions'),
    ),
  }
}

/** A ServiceDigitalIdentity (DigitalIdentityListType), DigitalId entries sorted by kind. */
export function readServiceDigitalIdentity(element: Element): ServiceDigitalIdentity {
  const identity: ServiceDigitalIdentity = {
    x509Certificates: [],
    x509SubjectNames: [],
    x509SKIs: [],
    otherDigitalIds: [],
  }
  for (const digitalId of children(element, TSL_NS, 'DigitalId')) {
    const entries = childElements(digitalId)
    if (entries.length !== 1) throw notConformant(digitalId, 'a DigitalId holds exactly one entry')
    const entry = entries[0] as Element
    if (isNamed(entry, TSL_NS, 'X509Certificate')) {
      identity.x509Certificates.push(readBase64(entry))
    } else if (isNamed(entry, TSL_NS, 'X509SubjectName')) {
      identity.x509SubjectNames.push(readRequiredText(entry))
    } else if (isNamed(entry, TSL_NS, 'X509SKI')) {
      identity.x509SKIs.push(Buffer.from(readBase64(entry)).toString('hex'))
    } else {
      identity.otherDigitalIds.push(entry.localName ?? '')
    }
  }
  return identity
}

function readExtensions(container: Element | undefined): ServiceInformationExtensions {
  const extensions: ServiceInformationExtensions = {
    qualifications: [],
    additionalServiceInformation: [],
    takenOverBy: [],
    otherExtensions: [],
  }
  if (container === undefined) return extensions
  for (const extension of children(container, TSL_NS, 'Extension')) {
    const critical = readCritical(extension)
    for (const content of childElements(extension)) {
      if (isNamed(content, ECC_NS, 'Qualifications')) {
        for (const qualification of children(content, ECC_NS, 'QualificationElement')) {
          extensions.qualifications.push(readQualification(qualification, critical))
        }
      } else if (isNamed(content, TSL_NS, 'AdditionalServiceInformation')) {
        extensions.additionalServiceInformation.push(readAdditionalInformation(content, critical))
      } else if (isNamed(content, TSLX_NS, 'TakenOverBy')) {
        extensions.takenOverBy.push(readTakenOverBy(content, critical))
      } else if (isNamed(content, TSL_NS, 'ExpiredCertsRevocationInfo')) {
        extensions.expiredCertsRevocationInfo = readDateTime(content)
      } else {
        extensions.otherExtensions.push({
          critical,
          namespaceURI: content.namespaceURI ?? '',
          localName: content.localName ?? '',
        })
      }
    }
  }
  return extensions
}

/** The Critical attribute is required (xsd:boolean); an unreadable one counts as critical. */
function readCritical(extension: Element): boolean {
  const value = attribute(extension, 'Critical')
  if (value === undefined) throw notConformant(extension, 'Critical is missing')
  return !(value === 'false' || value === '0')
}

function readQualification(element: Element, critical: boolean): QualificationElement {
  const qualifiers = child(element, ECC_NS, 'Qualifiers')
  return {
    critical,
    qualifiers:
      qualifiers === undefined
        ? []
        : children(qualifiers, ECC_NS, 'Qualifier').map((qualifier) => {
            const uri = attribute(qualifier, 'uri')
            if (uri === undefined || uri === '') throw notConformant(qualifier, 'uri is missing')
            return uri
          }),
    criteriaList: readCriteriaList(requiredChild(element, ECC_NS, 'CriteriaList')),
  }
}

function readAdditionalInformation(
  element: Element,
  critical: boolean,
): AdditionalServiceInformation {
  const uri = requiredChild(element, TSL_NS, 'URI')
  const value = child(element, TSL_NS, 'InformationValue')
  const other = child(element, TSL_NS, 'OtherInformation')
  return {
    critical,
    uri: readRequiredText(uri),
    lang: languageOf(uri) ?? '',
    ...(value !== undefined ? { informationValue: textOf(value) } : {}),
    otherInformation: other === undefined ? [] : childElements(other).map(readRawElement),
  }
}

function readTakenOverBy(element: Element, critical: boolean): TakenOverBy {
  const uri = requiredChild(element, TSLX_NS, 'URI')
  return {
    critical,
    uri: { lang: languageOf(uri) ?? '', value: readRequiredText(uri) },
    tspName: readMultilingual(requiredChild(element, TSLX_NS, 'TSPName')),
    schemeOperatorName: readMultilingual(requiredChild(element, TSL_NS, 'SchemeOperatorName')),
    schemeTerritory: readRequiredText(requiredChild(element, TSL_NS, 'SchemeTerritory')),
  }
}
