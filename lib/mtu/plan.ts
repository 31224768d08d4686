import type { Platform } from "@/lib/domain/platform";
import { inSubnet, isLinkLocal, isLoopback, networkOf, parseCidr, type Cidr } from "@/lib/analysis/net";
import { IPV4_ICMP_OVERHEAD, IPV6_ICMP_OVERHEAD } from "./ping";

// Which DF pings to run, from collected snapshots. Pure.
//
// Rules:
// - Pairs: two collected hosts share a subnet when an IPv4 address of one lies in the other's
//   network and the other way round (same network by address/prefix). Loopback, link-local
//   (169.254/16) and addresses on interfaces that are down or without an MTU are left out.
//   One path per host pair and subnet: each host's first address in that subnet (primary
//   before secondaries), so a secondary IP does not double the probes.
// - Both directions: A -> B and B -> A are separate probes (each end's MTU sets its own size).
// - Sizes, per direction, from the sender's interface MTU:
//     expected = MTU - 28 (IPv4 + ICMP headers): 8972 from a 9000 sender, 1472 from a 1500 one;
//     below    = 1472 when the MTU is above 1500 (does standard Ethernet pass at all?), else
//                MTU - 128 (1372 from 1500: MTU 1400 survives PPPoE, VXLAN and WireGuard
//                overheads, so a failure there means the path is broken, not merely small).
// - IPv6: global and unique-local addresses (never link-local: fe80::/64 would pair every host
//   with every other), from Linux senders only (lib/mtu/ping.ts), at MTU - 48 (IPv6 + ICMPv6
//   headers) and 1500 - 48 below a jumbo MTU, else MTU - 148.

export type PlanInterface = { name: string; mtu: number | null; state: string; addresses: string[] };
export type PlanHost = { id: number; name: string; platform: Platform | null; interfaces: PlanInterface[] };

export type ProbeSize = "expected" | "below";

export type PlannedProbe = {
  fromHostId: number;
  fromHostName: string;
  fromPlatform: Platform | null;
  fromInterface: string;
  fromAddress: string;
  /** The sender's interface MTU: the packet size this path is expected to carry. */
  fromMtu: number;
  toHostId: number;
  toHostName: string;
  toInterface: string;
  toAddress: string;
  toMtu: number;
  /** "10.218.1.0/24" */
  subnet: string;
  size: ProbeSize;
  payloadBytes: number;
};

/** Smallest MTU an IPv4 host must accept (RFC 791); below it there is nothing sensible to probe. */
const MIN_MTU = 576;

export function probeSizes(senderMtu: number, family: 4 | 6 = 4): { expected: number; below: number } {
  const overhead = family === 6 ? IPV6_ICMP_OVERHEAD : IPV4_ICMP_OVERHEAD;
  const expected = senderMtu - overhead;
  const below = senderMtu > 1500 ? 1500 - overhead : senderMtu - 100 - overhead;
  return { expected, below };
}

type Endpoint = { iface: PlanInterface; mtu: number; address: string; cidr: Cidr };

function endpoints(host: PlanHost): Endpoint[] {
  const out: Endpoint[] = [];
  for (const iface of host.interfaces) {
    if (iface.state === "down" || iface.mtu === null || iface.mtu < MIN_MTU || iface.name === "lo") continue;
    for (const text of iface.addresses) {
      const cidr = parseCidr(text);
      if (!cidr || !text.includes("/") || isLoopback(cidr) || isLinkLocal(cidr)) continue;
      out.push({ iface, mtu: iface.mtu, address: cidr.address, cidr });
    }
  }
  return out;
}

/** The subnet both ends are in (the narrower of the two), or null when they do not share one. */
function sharedSubnet(a: Endpoint, b: Endpoint): string | null {
  if (a.cidr.value === b.cidr.value || !inSubnet(b.cidr, a.cidr) || !inSubnet(a.cidr, b.cidr)) return null;
  return networkOf(a.cidr.prefix >= b.cidr.prefix ? a.cidr : b.cidr);
}

function directed(from: PlanHost, a: Endpoint, to: PlanHost, b: Endpoint, subnet: string): PlannedProbe[] {
  if (a.cidr.family === 6 && from.platform !== "linux") return [];
  const sizes = probeSizes(a.mtu, a.cidr.family);
  const base = {
    fromHostId: from.id,
    fromHostName: from.name,
    fromPlatform: from.platform,
    fromInterface: a.iface.name,
    fromAddress: a.address,
    fromMtu: a.mtu,
    toHostId: to.id,
    toHostName: to.name,
    toInterface: b.iface.name,
    toAddress: b.address,
    toMtu: b.mtu,
    subnet,
  };
  return [
    { ...base, size: "expected", payloadBytes: sizes.expected },
    { ...base, size: "below", payloadBytes: sizes.below },
  ];
}

/**
 * Every DF probe between hosts sharing a subnet, both directions, two sizes each.
 * With `hostId`, only the paths that start or end at that host ("Verify MTU" on its page).
 */
export function planProbes(hosts: PlanHost[], hostId?: number): PlannedProbe[] {
  const sorted = [...hosts].sort((x, y) => x.id - y.id);
  const ends = new Map(sorted.map((h) => [h.id, endpoints(h)]));
  const probes: PlannedProbe[] = [];
  for (const [i, a] of sorted.entries()) {
    for (const b of sorted.slice(i + 1)) {
      if (hostId !== undefined && a.id !== hostId && b.id !== hostId) continue;
      const seen = new Set<string>();
      for (const ea of ends.get(a.id) ?? []) {
        for (const eb of ends.get(b.id) ?? []) {
          const subnet = sharedSubnet(ea, eb);
          if (subnet === null || seen.has(subnet)) continue;
          seen.add(subnet);
          probes.push(...directed(a, ea, b, eb, subnet), ...directed(b, eb, a, ea, subnet));
        }
      }
    }
  }
  return probes;
}

export type MtuByInterface = { name: string; mtu: number | null }[];

/**
 * True when an interface present in both snapshots has a different MTU. Interfaces that come
 * and go (container veths) and a first snapshot (nothing to compare) do not count.
 */
export function mtusChanged(previous: MtuByInterface | null, latest: MtuByInterface): boolean {
  if (previous === null) return false;
  const before = new Map(previous.map((i) => [i.name, i.mtu]));
  return latest.some((i) => before.has(i.name) && before.get(i.name) !== i.mtu);
}

/** Identity of one probe path at one size: what "the newest result of a path" is keyed by. */
export const probePathKey = (p: { fromHostId: number; toHostId: number; fromAddress: string; toAddress: string; payloadBytes: number }) =>
  `${p.fromHostId}/${p.fromAddress}>${p.toHostId}/${p.toAddress}@${p.payloadBytes}`;

/** Above standard Ethernet: a path whose both ends use more only works when every hop in between does too. */
const STANDARD_MTU = 1500;

/**
 * The probes that run without anyone asking, for the paths from and to `hostId`: every path
 * whose two ends both have an MTU above 1500 (jumbo frames on both sides, so only a switch or
 * bridge in between can drop them, and comparing MTUs never shows it), when it has never been
 * probed at its current sizes or its newest result is older than `intervalMs` (0: never again).
 * `lastAt` maps probePathKey to the time (ms) of that path's newest stored result. Both
 * directions of a pair come together, so a pair is always judged on a matching set.
 */
export function dueJumboProbes(hosts: PlanHost[], hostId: number, lastAt: Map<string, number>, nowMs: number, intervalMs: number): PlannedProbe[] {
  const byPair = new Map<string, PlannedProbe[]>();
  for (const p of planProbes(hosts, hostId)) {
    if (p.fromMtu <= STANDARD_MTU || p.toMtu <= STANDARD_MTU) continue;
    const pair = [`${p.fromHostId}/${p.fromAddress}`, `${p.toHostId}/${p.toAddress}`].sort().join("~");
    byPair.set(pair, [...(byPair.get(pair) ?? []), p]);
  }
  const due: PlannedProbe[] = [];
  for (const probes of byPair.values()) {
    const stale = probes.some((p) => {
      const at = lastAt.get(probePathKey(p));
      return at === undefined || (intervalMs > 0 && nowMs - at >= intervalMs);
    });
    if (stale) due.push(...probes);
  }
  return due;
}
