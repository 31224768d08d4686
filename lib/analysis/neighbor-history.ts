// Neighbor history: what changed between two snapshots of one host's neighbor table.
// Stored per host as events, so the host page can tell when an IP<->MAC pair appeared,
// changed ("changed ethernet address", as arpwatch says) or went away, and ip-conflict.ts
// can tell a flip-flop from a single change that stuck.
import type { NeighborEventKind } from "@/lib/domain/views";
import { normalizeMac } from "@/lib/domain/mac";

type Entry = { ip: string; mac: string | null; interface: string | null };
export type NeighborChange = { ip: string; mac: string | null; previousMac: string | null; interface: string | null; kind: NeighborEventKind };

const keyOf = (e: Entry) => `${e.interface ?? ""}|${e.ip}`;

/** Entries without a MAC (FAILED, INCOMPLETE) count as absent. No previous snapshot: no events (it is the baseline). */
export function diffNeighbors(previous: Entry[] | null, current: Entry[]): NeighborChange[] {
  if (previous === null) return [];
  const withMac = (list: Entry[]) =>
    new Map(list.flatMap((e) => {
      const mac = normalizeMac(e.mac);
      return mac ? [[keyOf(e), { ...e, mac }] as const] : [];
    }));
  const before = withMac(previous);
  const now = withMac(current);
  const out: NeighborChange[] = [];
  for (const [k, e] of now) {
    const b = before.get(k);
    if (!b) out.push({ ip: e.ip, mac: e.mac, previousMac: null, interface: e.interface, kind: "appeared" });
    else if (b.mac !== e.mac) out.push({ ip: e.ip, mac: e.mac, previousMac: b.mac, interface: e.interface, kind: "changed" });
  }
  for (const [k, b] of before) {
    if (!now.has(k)) out.push({ ip: b.ip, mac: null, previousMac: b.mac, interface: b.interface, kind: "gone" });
  }
  return out;
}
