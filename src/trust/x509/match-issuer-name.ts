// Binds an SD-JWT VC's `iss` to the subjectAltName of the leaf certificate that signed it.
//
// Which rule, and why. draft-ietf-oauth-sd-jwt-vc stated the binding in §3.5 ("Issuer-signed JWT
// Verification Key Validation") up to -09:
//   -04, -05: if `iss` is a DNS name in the `dns:` URI scheme (RFC 4501) it MUST match a dNSName SAN
//             entry of the leaf certificate; in all other cases `iss` MUST match a
//             uniformResourceIdentifier SAN entry.
//   -06 … -09: for an HTTPS `iss`, `iss` MUST match a uniformResourceIdentifier SAN entry, or the
//             domain name in `iss` MUST match the dNSName SAN entry.
// From -10 on, §3.5 became "Issuer Signature Mechanisms": with `x5c` the Issuer is the subject of
// the end-entity certificate, `iss` is OPTIONAL, and the section "Ecosystem-specific Public Key
// Verification Methods" leaves it to the ecosystem to keep `iss`, when present, bound to the
// Issuer's keys. Kakehashi is such an ecosystem and fails closed: an `iss` that is present must be
// bound to the leaf by the union of the rules above, the -06 … -09 text for HTTPS (the one deployed
// issuers such as the EUDI reference issuer follow) and the -04/-05 text for `dns:` and every other
// scheme.
//
// Comparisons: a URI entry must equal `iss` exactly (JWT StringOrURI values compare as
// case-sensitive strings, RFC 7519 §2); DNS names compare case-insensitively (RFC 5280 §7.2), with
// no wildcard matching, which none of the texts provides for.
import * as pkijs from 'pkijs'
import type { X509Certificate } from './x509-library.ts'

export type IssuerNameMatch =
  | { ok: true; matched: string; via: 'uniformResourceIdentifier' | 'dNSName' }
  | { ok: false; message: string }

interface SubjectAltNames {
  uris: string[]
  dnsNames: string[]
}

const SAN_OID = '2.5.29.17'
const DNS_NAME = 2
const URI = 6

// pkijs reads every GeneralName form (otherName included); parsed once per certificate object.
const sanCache = new WeakMap<X509Certificate, SubjectAltNames | undefined>()

export function matchIssuerName(iss: string, leaf: X509Certificate): IssuerNameMatch {
  if (typeof iss !== 'string' || iss === '') return { ok: false, message: '`iss` is empty' }
  const san = subjectAltNames(leaf)
  if (san === undefined) {
    return {
      ok: false,
      message: `the issuer certificate (${leaf.subject}) has no subjectAltName, so \`iss\` ${iss} cannot be bound to it`,
    }
  }
  const dnsName = dnsNameOf(iss)
  if (dnsName !== undefined) {
    // A `dns:` issuer is matched by dNSName only (draft -04/-05 §3.5).
    const found = san.dnsNames.find((name) => sameDnsName(name, dnsName))
    if (found !== undefined) return { ok: true, matched: found, via: 'dNSName' }
    return mismatch(iss, san)
  }
  const uri = san.uris.find((entry) => entry === iss)
  if (uri !== undefined) return { ok: true, matched: uri, via: 'uniformResourceIdentifier' }
  const host = httpsHost(iss)
  if (host !== undefined) {
    const found = san.dnsNames.find((name) => sameDnsName(name, host))
    if (found !== undefined) return { ok: true, matched: found, via: 'dNSName' }
  }
  return mismatch(iss, san)
}

function mismatch(iss: string, san: SubjectAltNames): IssuerNameMatch {
  const list = (values: string[]) => (values.length === 0 ? 'none' : values.join(', '))
  return {
    ok: false,
    message: `\`iss\` ${iss} matches no subjectAltName of the issuer certificate (uniformResourceIdentifier: ${list(san.uris)}; dNSName: ${list(san.dnsNames)})`,
  }
}

function subjectAltNames(leaf: X509Certificate): SubjectAltNames | undefined {
  if (sanCache.has(leaf)) return sanCache.get(leaf)
  let result: SubjectAltNames | undefined
  try {
    const cert = pkijs.Certificate.fromBER(leaf.rawData)
    const extension = cert.extensions?.find((candidate) => candidate.extnID === SAN_OID)
    const names = (extension?.parsedValue as pkijs.AltName | undefined)?.altNames
    if (names !== undefined) {
      result = {
        uris: names.filter((name) => name.type === URI).map((name) => String(name.value)),
        dnsNames: names.filter((name) => name.type === DNS_NAME).map((name) => String(name.value)),
      }
    }
  } catch {
    result = undefined
  }
  sanCache.set(leaf, result)
  return result
}

/** The DNS name of a `dns:` URI (RFC 4501: `dns:[//authority/]name[?params]`), else undefined. */
function dnsNameOf(iss: string): string | undefined {
  const match = /^dns:(?:\/\/[^/]*\/)?([^?]+)(?:\?.*)?$/i.exec(iss)
  if (match === null) return undefined
  try {
    return decodeURIComponent(match[1] as string)
  } catch {
    return undefined
  }
}

/** The host of an https URL when it is a domain name (not an IP address). */
function httpsHost(iss: string): string | undefined {
  let url: URL
  try {
    url = new URL(iss)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' || url.hostname === '') return undefined
  const host = url.hostname
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return undefined
  return host
}

const normaliseDnsName = (name: string): string => name.toLowerCase().replace(/\.$/, '')

function sameDnsName(sanEntry: string, name: string): boolean {
  return !sanEntry.includes('*') && normaliseDnsName(sanEntry) === normaliseDnsName(name)
}
