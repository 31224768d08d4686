import { isIP } from "node:net";
import type { NeighborRow, NeighborState } from "@/lib/domain/rows";
import { known } from "./lookup";

/*
 * One vocabulary for every platform. Linux's NUD names are the reference (lib/collect/types.ts);
 * the others map onto them:
 * - BSD/macOS/ESXi/illumos ARP tables show no NUD state for IPv4: a resolved entry is
 *   "reachable" (the address answered), an "expired" one "stale", a static one "permanent".
 * - Multicast and broadcast entries are "noarp", as Linux lists them: no host answered for
 *   them, so they must never count as a host's MAC (Windows and macOS list ff:ff:ff:ff:ff:ff
 *   once per subnet, which would otherwise look like one MAC with many IPs).
 */
const WORDS: Record<string, NeighborState> = {
  reachable: "reachable",
  stale: "stale",
  delay: "delay",
  probe: "probe",
  failed: "failed",
  unreachable: "failed",
  incomplete: "incomplete",
  permanent: "permanent",
  static: "permanent",
  noarp: "noarp",
};

export function stateWord(word: string): NeighborState {
  return known(WORDS, word.trim().toLowerCase()) ?? "unknown";
}

/** IPv4 multicast/limited broadcast, IPv6 multicast. */
export function isGroupIp(ip: string): boolean {
  if (isIP(ip) === 4) {
    const first = Number(ip.split(".")[0]);
    return ip === "255.255.255.255" || (first >= 224 && first <= 239);
  }
  return isIP(ip) === 6 && /^ff[0-9a-f]{2}:/i.test(ip);
}

/** The I/G bit of the first octet: set for multicast and broadcast MACs. */
export function isGroupMac(mac: string | null): boolean {
  if (mac === null) return false;
  const first = Number.parseInt(mac.slice(0, 2), 16);
  return Number.isFinite(first) && (first & 1) === 1;
}

/** Strips an IPv6 zone ("fe80::1%em0") so addresses compare across platforms. */
export function withoutZone(ip: string): string {
  const at = ip.indexOf("%");
  return at < 0 ? ip : ip.slice(0, at);
}

export function neighborRow(ip: string, mac: string | null, iface: string | null, state: NeighborState, router = false): NeighborRow {
  const group = isGroupIp(ip) || isGroupMac(mac);
  return { ip, mac, interface: iface, state: group ? "noarp" : state, router };
}
