// Which collected interfaces share a subnet: the passive stand-in for "the same L2 segment".
import { isSegmentInterface, routableCidrs, type Context, type Nic } from "./machines";
import { ipKey, networkOf, type Cidr } from "./net";

export type Segment = { network: string; members: Nic[] };

/**
 * Up interfaces grouped by the subnet of their addresses (IPv4; IPv6 only for interfaces
 * without IPv4, so a dual-stack segment is one group). Left out: host routes (/32, /128),
 * host-local bridges and tunnels, and subnets in which two machines hold the same address,
 * which are host-local networks that merely look alike (every Docker host has 172.17.0.1/16).
 */
export function segmentsOf(ctx: Context): Segment[] {
  const groups = new Map<string, { nic: Nic; cidr: Cidr }[]>();
  for (const nic of ctx.nics) {
    if (nic.iface.state !== "up" || !isSegmentInterface(nic.iface)) continue;
    const cidrs = routableCidrs(nic.iface).filter((c) => c.prefix < (c.family === 4 ? 32 : 128));
    const v4 = cidrs.filter((c) => c.family === 4);
    const seen = new Set<string>();
    for (const c of v4.length ? v4 : cidrs) {
      const net = networkOf(c);
      if (seen.has(net)) continue; // secondary addresses in the same subnet
      seen.add(net);
      groups.set(net, [...(groups.get(net) ?? []), { nic, cidr: c }]);
    }
  }
  const out: Segment[] = [];
  for (const [network, members] of groups) {
    const holders = new Map<string, Set<string>>();
    for (const { nic, cidr } of members) {
      holders.set(ipKey(cidr), (holders.get(ipKey(cidr)) ?? new Set()).add(nic.machine.label));
    }
    if ([...holders.values()].some((s) => s.size > 1)) continue;
    out.push({ network, members: members.map((m) => m.nic) });
  }
  return out.sort((a, b) => a.network.localeCompare(b.network));
}
