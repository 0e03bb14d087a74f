// XML LoTEs for tests: the exporter's writer (write-lote-xml.ts), with alterations for attacks, signed by test keys with any signature options.
import type { TestSigner } from '../../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'
import { type SignOptions, signXml } from '../../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'
import { writeLoteXml } from '../write-lote-xml.ts'
import type { LoTEDocument } from '../z-lote.ts'

type Address = { lang: string; StreetAddress: string; Locality?: string; Country: string }

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

/** The XML binding of `document` as the exporter writes it, with the alterations an attack needs. */
export function loteToXml(document: LoTEDocument, options: LoteXmlOptions = {}): string {
  let xml = writeLoteXml(document)
  if (options.entitiesListAttributes !== undefined) {
    xml = xml.replace(
      '<TrustedEntitiesList>',
      `<TrustedEntitiesList${options.entitiesListAttributes}>`,
    )
  }
  if (options.appendToRoot !== undefined) {
    xml = xml.replace('</ListOfTrustedEntities>', `${options.appendToRoot}</ListOfTrustedEntities>`)
  }
  return xml
}

/** Signs an XML LoTE with an enveloped XAdES signature over the whole document. */
export const signLoteXml = (xml: string, signer: TestSigner, options: SignOptions = {}) =>
  signXml(xml, signer, options)
