// Neighbor-table sightings shared by the one-MAC/one-IP detectors.
import type { NeighborView } from "@/lib/domain/views";
import type { AnalysisInput } from "./input";
import { contextOf, routableCidrs, type Context, type Machine } from "./machines";
import { normalizeMac } from "@/lib/domain/mac";
import { isStationMac } from "./mac";
import { isLinkLocal, isLoopback, parseIp, type Cidr, type Ip } from "./net";

/**
 * A snapshot older than this (the host's collection has been failing) no longer says who
 * answers for what now, so its neighbor table is left out of cross-host comparisons.
 */
export const NEIGHBOR_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** States in which the kernel has a MAC it got from an answer (or was configured with). */
const RESOLVED = new Set(["reachable", "stale", "delay", "probe", "permanent", "noarp", "unknown"]);
/** States a fresh ARP/NDP answer confirmed: two of these with different MACs can't be an old cache entry. */
export const CONFIRMED = new Set(["reachable", "delay", "probe", "permanent"]);

export type Sighting = {
  machine: Machine;
  row: NeighborView;
  mac: string;
  ip: Ip;
  /** The observer's own subnets on the interface the entry is on. */
  observerCidrs: Cidr[];
};

export function isFresh(input: AnalysisInput, m: Machine): boolean {
  return input.now.getTime() - Date.parse(m.host.latest.takenAt) <= NEIGHBOR_MAX_AGE_MS;
}

/** Resolved entries with a station MAC for routable addresses, from fresh snapshots. */
export function sightingsOf(input: AnalysisInput, ctx: Context = contextOf(input)): Sighting[] {
  const out: Sighting[] = [];
  for (const m of ctx.machines) {
    if (!isFresh(input, m)) continue;
    for (const row of m.host.latest.neighbors) {
      const mac = normalizeMac(row.mac);
      const ip = parseIp(row.ip);
      if (!mac || !isStationMac(mac) || !ip || isLinkLocal(ip) || isLoopback(ip) || !RESOLVED.has(row.state)) continue;
      const on = m.host.latest.interfaces.find((i) => i.name === row.interface);
      out.push({ machine: m, row, mac, ip, observerCidrs: on ? routableCidrs(on) : [] });
    }
  }
  return out;
}

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}
