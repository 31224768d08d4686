// MAC address classes the detectors must tell apart from real, per-NIC addresses.

/**
 * A MAC that identifies one station: not all-zero (loopback, tunnels), not broadcast, and not
 * multicast (the I/G bit: 01:00:5e:… for IPv4 multicast, 33:33:… for IPv6 neighbors).
 */
export function isStationMac(mac: string): boolean {
  if (mac === "00:00:00:00:00:00") return false;
  const first = parseInt(mac.slice(0, 2), 16);
  return (first & 1) === 0;
}

export type VirtualMacKind = "VRRP/CARP" | "VRRPv3 (IPv6)" | "HSRP" | "HSRPv2" | "GLBP";

// First-hop redundancy protocols answer for a shared gateway address with a MAC derived from
// the group number, by design from more than one box over time (RFC 5798 §7.3; Cisco HSRP/GLBP).
const VIRTUAL: [RegExp, VirtualMacKind][] = [
  [/^00:00:5e:00:01:/, "VRRP/CARP"],
  [/^00:00:5e:00:02:/, "VRRPv3 (IPv6)"],
  [/^00:00:0c:07:ac:/, "HSRP"],
  [/^00:00:0c:9f:f[0-9a-f]:/, "HSRPv2"],
  [/^00:07:b4:00:/, "GLBP"],
];

export function virtualMacKind(mac: string): VirtualMacKind | null {
  return VIRTUAL.find(([re]) => re.test(mac))?.[1] ?? null;
}
