// Writes a LoTE of the JSON binding in the XML binding (the inverse of parse-lote-xml.ts) and signs it, for tests of the XML form.
import type { TestSigner } from '../../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'
import { type SignOptions, signXml } from '../../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'
import { KAKEHASHI_EXTENSION } from '../lote-uris.ts'
import { KAKEHASHI_LOTE_NS, LOTE_NS } from '../parse-lote-xml.ts'
import type {
  LoTEDocument,
  MultiLangString,
  ServiceDigitalIdentity,
  ServiceHistoryInstance,
  ServiceInformation,
} from '../z-lote.ts'

type Address = { lang: string; StreetAddress: string; Locality?: string; Country: string }
type Uri = { lang: string; uriValue: string }

/** What the XML binding requires and the JSON one does not; filled in for a JSON fixture. */
export function withXmlRequiredMembers(document: LoTEDocument): LoTEDocument {
  const scheme = document.LoTE.ListAndSchemeInformation
  const locality = (addresses: Address[]) =>
    addresses.map((address) => ({ ...address, Locality: address.Locality ?? 'Bruxelles' }))
  return {
    LoTE: {
      ...document.LoTE,
      ListAndSchemeInformation: {
        ...scheme,
        LoTEType: scheme.LoTEType ?? 'http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList',
        SchemeOperatorAddress: scheme.SchemeOperatorAddress ?? {
          SchemeOperatorPostalAddress: [
            { lang: 'en', StreetAddress: 'Rue de la Loi 1', Locality: 'Bruxelles', Country: 'BE' },
          ],
          SchemeOperatorElectronicAddress: [{ lang: 'en', uriValue: 'mailto:lote@example.eu' }],
        },
        SchemeName: scheme.SchemeName ?? [{ lang: 'en', value: 'Test scheme' }],
        SchemeInformationURI: scheme.SchemeInformationURI ?? [
          { lang: 'en', uriValue: 'https://lote.example.eu/info' },
        ],
        StatusDeterminationApproach:
          scheme.StatusDeterminationApproach ??
          'http://uri.etsi.org/19602/PIDProvidersList/StatusDetn/EU',
      },
      ...(document.LoTE.TrustedEntitiesList === undefined
        ? {}
        : {
            TrustedEntitiesList: document.LoTE.TrustedEntitiesList.map((entity) => ({
              ...entity,
              TrustedEntityInformation: {
                ...entity.TrustedEntityInformation,
                TEAddress: {
                  ...entity.TrustedEntityInformation.TEAddress,
                  TEPostalAddress: locality(
                    entity.TrustedEntityInformation.TEAddress.TEPostalAddress,
                  ),
                },
              },
            })),
          }),
    },
  }
}

export interface LoteXmlOptions {
  /** Markup added at the end of the root (before the signature). */
  appendToRoot?: string
  /** Attributes added to TrustedEntitiesList (an Id for a partial-signature attack). */
  entitiesListAttributes?: string
}

/** The XML binding of `document`, with a default namespace as the XSD's examples have it. */
export function loteToXml(document: LoTEDocument, options: LoteXmlOptions = {}): string {
  const scheme = document.LoTE.ListAndSchemeInformation
  const entities = document.LoTE.TrustedEntitiesList
  const address = scheme.SchemeOperatorAddress
  const s = [
    el('LoTEVersionIdentifier', String(scheme.LoTEVersionIdentifier)),
    el('LoTESequenceNumber', String(scheme.LoTESequenceNumber)),
    opt('LoTEType', scheme.LoTEType),
    names('SchemeOperatorName', scheme.SchemeOperatorName),
    address === undefined
      ? ''
      : addressXml(
          'SchemeOperatorAddress',
          address.SchemeOperatorPostalAddress,
          address.SchemeOperatorElectronicAddress,
        ),
    scheme.SchemeName === undefined ? '' : names('SchemeName', scheme.SchemeName),
    scheme.SchemeInformationURI === undefined
      ? ''
      : uris('SchemeInformationURI', scheme.SchemeInformationURI),
    opt('StatusDeterminationApproach', scheme.StatusDeterminationApproach),
    scheme.SchemeTypeCommunityRules === undefined
      ? ''
      : uris('SchemeTypeCommunityRules', scheme.SchemeTypeCommunityRules),
    opt('SchemeTerritory', scheme.SchemeTerritory),
    el('ListIssueDateTime', scheme.ListIssueDateTime),
    `<NextUpdate>${el('dateTime', scheme.NextUpdate)}</NextUpdate>`,
  ].join('')
  const list =
    entities === undefined
      ? ''
      : `<TrustedEntitiesList${options.entitiesListAttributes ?? ''}>${entities
          .map((entity) => {
            const information = entity.TrustedEntityInformation
            return `<TrustedEntity><TrustedEntityInformation>${[
              names('TEName', information.TEName),
              information.TETradeName === undefined
                ? ''
                : names('TETradeName', information.TETradeName),
              addressXml(
                'TEAddress',
                information.TEAddress.TEPostalAddress,
                information.TEAddress.TEElectronicAddress,
              ),
              uris('TEInformationURI', information.TEInformationURI),
            ].join(
              '',
            )}</TrustedEntityInformation><TrustedEntityServices>${entity.TrustedEntityServices.map(
              (service) =>
                `<TrustedEntityService>${serviceInformation(service.ServiceInformation)}${
                  service.ServiceHistory === undefined
                    ? ''
                    : `<ServiceHistory>${service.ServiceHistory.map(historyInstance).join('')}</ServiceHistory>`
                }</TrustedEntityService>`,
            ).join('')}</TrustedEntityServices></TrustedEntity>`
          })
          .join('')}</TrustedEntitiesList>`
  return `<?xml version="1.0" encoding="UTF-8"?>
<ListOfTrustedEntities xmlns="${LOTE_NS}" xmlns:k="${KAKEHASHI_LOTE_NS}" LOTETag="http://uri.etsi.org/19602/LoTETag">
  <ListAndSchemeInformation>${s}</ListAndSchemeInformation>
  ${list}${options.appendToRoot ?? ''}
</ListOfTrustedEntities>
`
}

/** Signs an XML LoTE with an enveloped XAdES signature over the whole document. */
export const signLoteXml = (xml: string, signer: TestSigner, options: SignOptions = {}) =>
  signXml(xml, signer, options)

function serviceInformation(information: ServiceInformation): string {
  return `<ServiceInformation>${[
    opt('ServiceTypeIdentifier', information.ServiceTypeIdentifier),
    names('ServiceName', information.ServiceName),
    digitalIdentity(information.ServiceDigitalIdentity),
    opt('ServiceStatus', information.ServiceStatus),
    opt('StatusStartingTime', information.StatusStartingTime),
    extensionsXml(information.ServiceInformationExtensions),
  ].join('')}</ServiceInformation>`
}

function historyInstance(instance: ServiceHistoryInstance): string {
  return `<ServiceHistoryInstance>${[
    opt('ServiceTypeIdentifier', instance.ServiceTypeIdentifier),
    names('ServiceName', instance.ServiceName),
    digitalIdentity(instance.ServiceDigitalIdentity),
    el('ServiceStatus', instance.ServiceStatus),
    el('StatusStartingTime', instance.StatusStartingTime),
    extensionsXml(instance.ServiceInformationExtensions),
  ].join('')}</ServiceHistoryInstance>`
}

function digitalIdentity(identity: ServiceDigitalIdentity): string {
  const ids = [
    ...(identity.X509Certificates ?? []).map(({ val }) => el('X509Certificate', val)),
    ...(identity.X509SubjectNames ?? []).map((name) => el('X509SubjectName', name)),
    ...(identity.X509SKIs ?? []).map((ski) => el('X509SKI', ski)),
  ]
  return `<ServiceDigitalIdentity>${ids.map((id) => `<DigitalId>${id}</DigitalId>`).join('')}</ServiceDigitalIdentity>`
}

/** Kakehashi's authorisation extension in its XML form; other extensions are not written. */
function extensionsXml(extensions: unknown[] | undefined): string {
  const own = (extensions ?? []).flatMap((extension) => {
    const value = (extension as Record<string, unknown>)[KAKEHASHI_EXTENSION] as
      | { credentialTypes?: string[]; assuranceLevel?: string; validUntil?: string }
      | undefined
    if (value === undefined) return []
    return [
      `<Extension Critical="false"><k:${KAKEHASHI_EXTENSION}>${[
        ...(value.credentialTypes ?? []).map(
          (type) => `<k:CredentialType>${esc(type)}</k:CredentialType>`,
        ),
        value.assuranceLevel === undefined
          ? ''
          : `<k:AssuranceLevel>${esc(value.assuranceLevel)}</k:AssuranceLevel>`,
        value.validUntil === undefined
          ? ''
          : `<k:ValidUntil>${esc(value.validUntil)}</k:ValidUntil>`,
      ].join('')}</k:${KAKEHASHI_EXTENSION}></Extension>`,
    ]
  })
  return own.length === 0
    ? ''
    : `<ServiceInformationExtensions>${own.join('')}</ServiceInformationExtensions>`
}

function addressXml(name: string, postal: Address[], electronic: Uri[]): string {
  const postalXml = postal
    .map(
      (address) =>
        `<PostalAddress xml:lang="${esc(address.lang)}">${el('StreetAddress', address.StreetAddress)}${opt(
          'Locality',
          address.Locality,
        )}${el('CountryName', address.Country)}</PostalAddress>`,
    )
    .join('')
  return `<${name}><PostalAddresses>${postalXml}</PostalAddresses>${uris('ElectronicAddress', electronic)}</${name}>`
}

const names = (name: string, texts: MultiLangString[]) =>
  `<${name}>${texts.map((text) => `<Name xml:lang="${esc(text.lang)}">${esc(text.value)}</Name>`).join('')}</${name}>`

const uris = (name: string, items: Uri[]) =>
  `<${name}>${items.map((item) => `<URI xml:lang="${esc(item.lang)}">${esc(item.uriValue)}</URI>`).join('')}</${name}>`

const el = (name: string, text: string) => `<${name}>${esc(text)}</${name}>`
const opt = (name: string, text: string | undefined) => (text === undefined ? '' : el(name, text))

const esc = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
