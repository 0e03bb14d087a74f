// The URIs of ETSI TS 119 602 that Kakehashi interprets: list types, service types and statuses, matched exactly.
//
// From ETSI TS 119 602 V1.1.1 (2025-11), Annexes D to I: the EU profiles of a LoTE for PID providers
// (D), wallet providers (E), providers of wallet-relying-party access certificates (F) and of
// registration certificates (G), public-sector EAA providers (H), and registrars and registers (I).
// A URI is compared as a whole string, never by prefix or suffix: the published constants are not
// uniform (the WRPRC list's StatusDeterminationApproach is spelt `WRPRCrovidersList` in the
// standard's own tables, and its community-rules URI `WRPRCProvidersList`), so each is recorded
// exactly as published, and a URI Kakehashi does not know grants nothing.
import type { AuthorisationRole, AuthorisationStatus } from '../../model/index.ts'

const ETSI = 'http://uri.etsi.org/19602'

/** `LoTEType` of each EU profile. */
export const LOTE_TYPES = {
  pidProviders: `${ETSI}/LoTEType/EUPIDProvidersList`,
  walletProviders: `${ETSI}/LoTEType/EUWalletProvidersList`,
  wrpacProviders: `${ETSI}/LoTEType/EUWRPACProvidersList`,
  wrprcProviders: `${ETSI}/LoTEType/EUWRPRCProvidersList`,
  pubEaaProviders: `${ETSI}/LoTEType/EUPubEAAProvidersList`,
  registrarsAndRegisters: `${ETSI}/LoTEType/EURegistrarsAndRegistersList`,
} as const

/** `StatusDeterminationApproach` of each EU profile, as published (typo included). */
export const STATUS_DETERMINATION_APPROACHES = {
  pidProviders: `${ETSI}/PIDProvidersList/StatusDetn/EU`,
  walletProviders: `${ETSI}/WalletProvidersList/StatusDetn/EU`,
  wrpacProviders: `${ETSI}/WRPACProvidersList/StatusDetn/EU`,
  wrprcProviders: `${ETSI}/WRPRCrovidersList/StatusDetn/EU`,
  pubEaaProviders: `${ETSI}/PubEAAProvidersList/StatusDetn/EU`,
  registrarsAndRegisters: `${ETSI}/RegistrarsAndRegistersList/StatusDetn/EU`,
} as const

/** `SchemeTypeCommunityRules` of each EU profile. */
export const SCHEME_COMMUNITY_RULES = {
  pidProviders: `${ETSI}/PIDProviders/schemerules/EU`,
  walletProviders: `${ETSI}/WalletProvidersList/schemerules/EU`,
  wrpacProviders: `${ETSI}/WRPACProvidersList/schemerules/EU`,
  wrprcProviders: `${ETSI}/WRPRCProvidersList/schemerules/EU`,
  pubEaaProviders: `${ETSI}/PubEAAProvidersList/schemerules/EU`,
  registrarsAndRegisters: `${ETSI}/RegistrarsAndRegistersList/schemerules/EU`,
} as const

export const SERVICE_TYPES = {
  pidIssuance: `${ETSI}/SvcType/PID/Issuance`,
  pidRevocation: `${ETSI}/SvcType/PID/Revocation`,
  walletIssuance: `${ETSI}/SvcType/WalletSolution/Issuance`,
  walletRevocation: `${ETSI}/SvcType/WalletSolution/Revocation`,
  wrpacIssuance: `${ETSI}/SvcType/WRPAC/Issuance`,
  wrpacRevocation: `${ETSI}/SvcType/WRPAC/Revocation`,
  wrprcIssuance: `${ETSI}/SvcType/WRPRC/Issuance`,
  wrprcRevocation: `${ETSI}/SvcType/WRPRC/Revocation`,
  pubEaaIssuance: `${ETSI}/SvcType/PubEAA/Issuance`,
  pubEaaRevocation: `${ETSI}/SvcType/PubEAA/Revocation`,
  register: `${ETSI}/SvcType/Register`,
} as const

/**
 * Kakehashi's own service types, for registry roles no TS 119 602 profile names (an issuer of
 * diplomas, a relying party): an export stays faithful to the registry, and an import of such a
 * list by another Kakehashi reads the role back.
 */
const KAKEHASHI_SERVICE_TYPE = 'urn:kakehashi:lote:svctype:'
export const kakehashiServiceType = (role: AuthorisationRole): string =>
  `${KAKEHASHI_SERVICE_TYPE}${role}`

/** The credential types a PID provider issues: the SD-JWT VC `vct` and the mdoc doctype of the EUDI PID. */
export const PID_CREDENTIAL_TYPES = ['urn:eudi:pid:1', 'eu.europa.ec.eudi.pid.1'] as const

export interface ServiceTypeMeaning {
  role: AuthorisationRole
  /** Credential types the type itself implies (a PID provider issues PIDs). */
  credentialTypes: readonly string[]
}

const meanings = new Map<string, ServiceTypeMeaning>([
  [SERVICE_TYPES.pidIssuance, { role: 'issuer', credentialTypes: PID_CREDENTIAL_TYPES }],
  [SERVICE_TYPES.pubEaaIssuance, { role: 'issuer', credentialTypes: [] }],
  [SERVICE_TYPES.walletIssuance, { role: 'wallet_provider', credentialTypes: [] }],
  [SERVICE_TYPES.wrpacIssuance, { role: 'trust_service_provider', credentialTypes: [] }],
  [SERVICE_TYPES.wrprcIssuance, { role: 'trust_service_provider', credentialTypes: [] }],
  [SERVICE_TYPES.register, { role: 'trust_service_provider', credentialTypes: [] }],
  ...[
    SERVICE_TYPES.pidRevocation,
    SERVICE_TYPES.walletRevocation,
    SERVICE_TYPES.wrpacRevocation,
    SERVICE_TYPES.wrprcRevocation,
    SERVICE_TYPES.pubEaaRevocation,
  ].map((uri): [string, ServiceTypeMeaning] => [
    uri,
    { role: 'status_provider', credentialTypes: [] },
  ]),
  ...(
    [
      'issuer',
      'relying_party',
      'wallet_provider',
      'conformity_assessor',
      'status_provider',
      'trust_service_provider',
    ] as const
  ).map((role): [string, ServiceTypeMeaning] => [
    kakehashiServiceType(role),
    { role, credentialTypes: [] },
  ]),
])

/**
 * What a service type means in registry terms, by exact match. An unknown type (or none) is a
 * `trust_service_provider` that names no credential type: it is recorded, and authorises no issuance.
 */
export function serviceTypeMeaning(serviceType: string | undefined): ServiceTypeMeaning {
  return (
    (serviceType === undefined ? undefined : meanings.get(serviceType)) ?? {
      role: 'trust_service_provider',
      credentialTypes: [],
    }
  )
}

/** The service type an export gives an authorisation: TS 119 602's where one fits exactly. */
export function serviceTypeFor(
  role: AuthorisationRole,
  credentialTypes: readonly string[],
): string {
  const onlyPid =
    credentialTypes.length > 0 &&
    credentialTypes.every((type) => (PID_CREDENTIAL_TYPES as readonly string[]).includes(type))
  if (role === 'issuer' && onlyPid) return SERVICE_TYPES.pidIssuance
  if (role === 'wallet_provider') return SERVICE_TYPES.walletIssuance
  return kakehashiServiceType(role)
}

const SVCSTATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/'

/** Status URIs (TS 119 612 clause 5.5.4, which TS 119 602 lists reuse) and the status each means. */
export const SERVICE_STATUSES = {
  granted: `${SVCSTATUS}granted`,
  recognisedAtNationalLevel: `${SVCSTATUS}recognisedatnationallevel`,
  withdrawn: `${SVCSTATUS}withdrawn`,
  /** TS 119 612 has no suspension; Kakehashi's export says it in its own namespace. */
  suspended: 'urn:kakehashi:lote:svcstatus:suspended',
} as const

/**
 * The registry status of a service status URI. The EU profiles leave `ServiceStatus` out: being
 * on the list is the status (their StatusDeterminationApproach), so absent reads as granted. A
 * URI that is not one of the above withdraws: fail closed.
 */
export function statusOf(serviceStatus: string | undefined): AuthorisationStatus {
  if (serviceStatus === undefined) return 'granted'
  if (
    serviceStatus === SERVICE_STATUSES.granted ||
    serviceStatus === SERVICE_STATUSES.recognisedAtNationalLevel
  ) {
    return 'granted'
  }
  if (serviceStatus === SERVICE_STATUSES.suspended) return 'suspended'
  return 'withdrawn'
}

export const statusUriOf = (status: AuthorisationStatus): string => SERVICE_STATUSES[status]

/**
 * A Kakehashi extension in `ServiceInformationExtensions` (open content in TS 119 602): the
 * credential types and assurance level an authorisation covers, which the standard has no field for.
 */
export const KAKEHASHI_EXTENSION = 'KakehashiAuthorisation'
