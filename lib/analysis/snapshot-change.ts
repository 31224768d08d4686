// Whether a collection changed what netdiag knows about a host, so that an unchanged host adds
// a counter sample per collection instead of a copy of its NIC and neighbor tables (a year of
// five-minute copies is gigabytes). Counters never count as a change, and neither do the
// neighbor states the kernel moves through on its own (REACHABLE -> STALE -> DELAY -> PROBE):
// a host whose ARP entries merely age would otherwise store a snapshot every time.
import type { NeighborState } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";

/** A NIC as stored (Interface row): JSON columns as text, counters left out. */
export type StoredNic = {
  name: string;
  kind: string | null;
  mac: string | null;
  mtu: number | null;
  state: string;
  speedMbps: number | null;
  duplex: string | null;
  driver: string | null;
  permanentMac: string | null;
  linkModes: string | null;
  addresses: string;
};
export type StoredNeighbor = { ip: string; mac: string | null; interface: string | null; state: string; router: boolean };
export type StoredState = { interfaces: StoredNic[]; neighbors: StoredNeighbor[]; topology: string | null };

const AGING: ReadonlySet<string> = new Set<NeighborState>(["reachable", "stale", "delay", "probe"]);

const nicKey = (n: StoredNic) =>
  JSON.stringify([n.name, n.kind, n.mac, n.mtu, n.state, n.speedMbps, n.duplex, n.driver, n.permanentMac, n.linkModes, n.addresses]);
const neighborKey = (n: StoredNeighbor) =>
  JSON.stringify([n.interface, n.ip, normalizeMac(n.mac), AGING.has(n.state) ? "answered" : n.state, n.router]);

function sameSet<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): boolean {
  if (a.length !== b.length) return false;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}

/** True when `now` must be stored as a new snapshot; `before` null means there is none yet. */
export function snapshotChanged(before: StoredState | null, now: StoredState): boolean {
  if (!before) return true;
  return before.topology !== now.topology || !sameSet(before.interfaces, now.interfaces, nicKey) || !sameSet(before.neighbors, now.neighbors, neighborKey);
}

export type InterfaceChangeKind = "mtu" | "mac" | "speed" | "duplex" | "state" | "appeared" | "gone";
export type InterfaceChange = { name: string; kind: InterfaceChangeKind; before: string | null; after: string | null };

const text = (v: string | number | null) => (v === null ? null : String(v));

/**
 * What changed on each NIC between two stored snapshots: the flags of the NIC charts. Only the
 * changes a user would look for on a traffic chart (addresses, drivers and link modes are in
 * the snapshots while they are kept). No previous snapshot: nothing (it is the baseline).
 */
export function interfaceChanges(before: StoredNic[] | null, now: StoredNic[]): InterfaceChange[] {
  if (!before) return [];
  const old = new Map(before.map((n) => [n.name, n]));
  const out: InterfaceChange[] = [];
  for (const n of now) {
    const b = old.get(n.name);
    if (!b) {
      out.push({ name: n.name, kind: "appeared", before: null, after: n.mac });
      continue;
    }
    const fields: [InterfaceChangeKind, string | number | null, string | number | null][] = [
      ["mtu", b.mtu, n.mtu],
      ["mac", b.mac, n.mac],
      ["speed", b.speedMbps, n.speedMbps],
      ["duplex", b.duplex, n.duplex],
      ["state", b.state, n.state],
    ];
    for (const [kind, x, y] of fields) if (x !== y) out.push({ name: n.name, kind, before: text(x), after: text(y) });
  }
  const names = new Set(now.map((n) => n.name));
  for (const b of before) if (!names.has(b.name)) out.push({ name: b.name, kind: "gone", before: b.mac, after: null });
  return out;
}
