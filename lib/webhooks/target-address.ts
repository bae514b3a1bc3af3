// Which addresses and host names a webhook may reach: public unicast only, unless the operator
// allows private targets. Pure functions: the DNS side lives in target-guard.ts.
//
// IPv4 ranges come from ipaddr.js (loopback, private, link-local, CGNAT, unspecified 0/8,
// broadcast, multicast, reserved and documentation ranges, ...): anything but "unicast" is
// refused. IPv6 forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, translated, NAT64
// 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address; IPv4-compatible ::/96 and
// Teredo are refused outright.
import ipaddr from "ipaddr.js";

export type AddressVerdict = { isAllowed: true } | { isAllowed: false; range: string };

const ALLOWED: AddressVerdict = { isAllowed: true };
const refused = (range: string): AddressVerdict => ({ isAllowed: false, range });

/** Host names that are local by definition (RFC 6761, 6762, 8375, ICANN's .internal), whatever DNS says. */
const LOCAL_NAME_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa"];

/** "[::1]" → "::1"; "example.com." → "example.com" (URL.hostname keeps brackets and a trailing dot). */
export function bareHost(hostname: string): string {
  const unbracketed = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return unbracketed.toLowerCase().replace(/\.$/, "");
}

function classifyIPv4(ip: ipaddr.IPv4): AddressVerdict {
  const range = ip.range();
  return range === "unicast" ? ALLOWED : refused(range);
}

const ipv4From = (bytes: number[]) => new ipaddr.IPv4(bytes);

function classifyIPv6(ip: ipaddr.IPv6): AddressVerdict {
  if (ip.isIPv4MappedAddress()) return classifyIPv4(ip.toIPv4Address());
  const range = ip.range();
  const bytes = ip.toByteArray();
  switch (range) {
    case "unicast":
      // ::a.b.c.d (IPv4-compatible, deprecated) is "unicast" to ipaddr.js: never a public target.
      return bytes.slice(0, 12).every((b) => b === 0) ? refused("ipv4Compatible") : ALLOWED;
    case "rfc6145":
      return classifyIPv4(ipv4From(bytes.slice(12)));
    case "rfc6052":
      // The well-known NAT64 prefix 64:ff9b::/96 embeds the IPv4 address in its last 32 bits;
      // the local-use prefix 64:ff9b:1::/48 is not public by definition.
      return bytes.slice(4, 12).every((b) => b === 0) ? classifyIPv4(ipv4From(bytes.slice(12))) : refused(range);
    case "6to4":
      return classifyIPv4(ipv4From(bytes.slice(2, 6)));
    default:
      return refused(range);
  }
}

/** Classifies an IP address literal (IPv4 or IPv6, brackets allowed); anything else is refused. */
export function classifyAddress(text: string): AddressVerdict {
  const host = bareHost(text);
  if (!ipaddr.isValid(host)) return refused("notAnAddress");
  const ip = ipaddr.parse(host);
  return ip.kind() === "ipv4" ? classifyIPv4(ip as ipaddr.IPv4) : classifyIPv6(ip as ipaddr.IPv6);
}

/** True for names that can only mean this machine or a local network, resolved or not. */
export function isLocalHostName(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === "localhost" || !host.includes(".")) return true;
  return LOCAL_NAME_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
