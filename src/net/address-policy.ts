// Which IP addresses an outbound fetch may reach: only public unicast, never the verifier's own networks.
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

export interface AddressClass {
  /** The ipaddr.js range name, prefixed `ipv4Mapped:` for an IPv4 address carried in IPv6. */
  range: string
  /** True only for globally routable unicast addresses. */
  public: boolean
}

// IANA global unicast. Outside it lie IPv4-compatible (::/96) and other unassigned space that
// ipaddr.js still calls 'unicast' but that no public status list endpoint lives in.
const ipv6GlobalUnicast = ipaddr.IPv6.parseCIDR('2000::/3')

/** Classifies an IP literal (IPv4, IPv6 with or without brackets or zone). Unparseable → not public. */
export function classifyAddress(address: string): AddressClass {
  const literal = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  // isIP refuses the shorthand forms (`127.1`, `0x7f.1`) that ipaddr.js would still accept.
  if (isIP(literal) === 0) return { range: 'invalid', public: false }
  const parsed = ipaddr.parse(literal)
  if (parsed.kind() === 'ipv4') {
    const range = (parsed as ipaddr.IPv4).range()
    return { range, public: range === 'unicast' }
  }
  const ipv6 = parsed as ipaddr.IPv6
  // A socket connects to the embedded IPv4 address, so that is what must be judged.
  if (ipv6.isIPv4MappedAddress()) {
    const range = ipv6.toIPv4Address().range()
    return { range: `ipv4Mapped:${range}`, public: range === 'unicast' }
  }
  const range = ipv6.range()
  return { range, public: range === 'unicast' && ipv6.match(ipv6GlobalUnicast) }
}

export const isPublicAddress = (address: string): boolean => classifyAddress(address).public
