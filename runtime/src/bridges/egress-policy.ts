/**
 * Which addresses tenant code may reach. Checked after DNS resolution and again for every redirect
 * hop, and the socket is pinned to the checked address, so DNS rebinding does not help.
 */
import ipaddr from "ipaddr.js";

/**
 * True when the address is public unicast, so tenant code may connect to it. An allowlist: only
 * ipaddr.js's "unicast" range passes, which excludes loopback, RFC1918, CGNAT, ULA, link-local
 * (169.254.169.254 metadata included), unspecified, multicast, documentation and translation
 * ranges. IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let addr = ipaddr.parse(address);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  if (addr.kind() === "ipv4" && (addr as ipaddr.IPv4).octets[0] === 0) return false;
  return addr.range() === "unicast";
}

export class EgressDenied extends Error {}
