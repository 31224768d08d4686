// What the detectors share: hosts folded into machines (one box registered twice is one
// machine), NICs folded into logical NICs (a bridge and its port, a VLAN and its parent are
// one), who owns which address, and evidence rows in one format.
import type { InterfaceView, NeighborView } from "@/lib/domain/views";
import type { EvidenceRow } from "@/lib/domain/finding";
import type { AnalysisHost, AnalysisInput } from "./input";
import { ipKey, isLinkLocal, isLoopback, parseCidr, parseIp, type Cidr } from "./net";
import { isStationMac } from "./mac";
import { normalizeMac } from "@/lib/domain/mac";

export type Machine = {
  /** The alias whose snapshot is newest; its snapshots are the ones analysed. */
  host: AnalysisHost;
  /** Every host record of this machine, ascending; the first is its stable id in keys. */
  hostIds: number[];
  /** Host names of all aliases, for titles. */
  label: string;
};

export type Nic = { machine: Machine; iface: InterfaceView; nicId: string; mac: string | null };

/** Host-local bridges and overlay/VPN endpoints: the same subnet on many hosts is not one segment. */
const HOST_LOCAL_NAME =
  /^(lo|docker\d+|br-[0-9a-f]{12}|virbr\d+(-nic)?|lxcbr\d+|lxdbr\d+|incusbr\d+|podman\d+|cni\d+|cni-podman\d+|kube-ipvs\d+|nodelocaldns|cilium_\w+|flannel\.\d+|vxlan\.calico|cali[0-9a-f]+|tailscale\d+|wg\d+|zt\w+|tun\d+|tap\d+|veth[0-9a-f]{6,}|vnet\d+)$/;
const NON_SEGMENT_KINDS = new Set(["loopback", "dummy", "wireguard", "tun", "none", "ipip", "gre", "sit", "ip6tnl", "vti", "ip6gre"]);
/** Kinds that reuse a lower interface's MAC by design. */
const STACKED_KINDS = new Set(["bridge", "bond", "team", "vlan", "macsec", "ipvlan", "ipvtap", "vrf"]);

/** Interfaces whose subnets can be shared with other hosts (a real or virtual Ethernet segment). */
export function isSegmentInterface(i: InterfaceView): boolean {
  return !HOST_LOCAL_NAME.test(i.name) && !NON_SEGMENT_KINDS.has(i.kind ?? "");
}

/** Addresses that identify one interface on a shared segment: not link-local, not loopback. */
export function routableCidrs(i: InterfaceView): Cidr[] {
  return i.addresses
    .map(parseCidr)
    .filter((c): c is Cidr => c !== null && !isLinkLocal(c) && !isLoopback(c));
}

function signature(h: AnalysisHost): string {
  const nics = h.latest.interfaces
    .filter((i) => i.kind !== "loopback")
    .map((i) => `${i.name}|${normalizeMac(i.mac) ?? ""}|${[...i.addresses].sort().join(",")}`)
    .sort();
  return nics.length === 0 ? `host:${h.id}` : `${h.hostname ?? ""}#${nics.join(";")}`;
}

/** The same box registered twice (by IP and by name) reports the same hostname and NICs. */
export function machinesOf(input: AnalysisInput): Machine[] {
  const groups = new Map<string, AnalysisHost[]>();
  for (const h of input.hosts) {
    const key = signature(h);
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return [...groups.values()].map((hs) => {
    const sorted = [...hs].sort((a, b) => a.id - b.id);
    const host = [...hs].sort((a, b) => Date.parse(b.latest.takenAt) - Date.parse(a.latest.takenAt) || a.id - b.id)[0] as AnalysisHost;
    return { host, hostIds: sorted.map((h) => h.id), label: sorted.map((h) => h.name).join(" / ") };
  });
}

/** Interfaces that answer on a segment: they hold at least one routable address. */
function answers(i: InterfaceView): boolean {
  return routableCidrs(i).length > 0;
}

/** One logical NIC per interface; interfaces of one machine sharing a MAC through stacking are one. */
export function nicsOf(m: Machine): Nic[] {
  const ifaces = m.host.latest.interfaces.filter((i) => i.kind !== "loopback");
  const byMac = new Map<string, InterfaceView[]>();
  for (const i of ifaces) {
    const mac = normalizeMac(i.mac);
    if (mac && isStationMac(mac)) byMac.set(mac, [...(byMac.get(mac) ?? []), i]);
  }
  return ifaces.map((iface) => {
    const mac = normalizeMac(iface.mac);
    const siblings = mac ? (byMac.get(mac) ?? []) : [];
    const stacked = siblings.some((s) => STACKED_KINDS.has(s.kind ?? "") || s.name.includes("."));
    const answering = siblings.filter(answers).length;
    const shared = siblings.length > 1 && (stacked || answering <= 1);
    return { machine: m, iface, mac, nicId: `${m.hostIds[0]}/${shared ? `mac:${mac}` : iface.name}` };
  });
}

export type Context = {
  machines: Machine[];
  nics: Nic[];
  byHostId: Map<number, Machine>;
  /** ipKey → the NICs holding that routable address. */
  owners: Map<string, Nic[]>;
};

const cache = new WeakMap<AnalysisInput, Context>();

export function contextOf(input: AnalysisInput): Context {
  const hit = cache.get(input);
  if (hit) return hit;
  const machines = machinesOf(input);
  const nics = machines.flatMap(nicsOf);
  const owners = new Map<string, Nic[]>();
  for (const n of nics) {
    for (const c of routableCidrs(n.iface)) owners.set(ipKey(c), [...(owners.get(ipKey(c)) ?? []), n]);
  }
  const byHostId = new Map(machines.flatMap((m) => m.hostIds.map((id) => [id, m] as const)));
  const ctx = { machines, nics, byHostId, owners };
  cache.set(input, ctx);
  return ctx;
}

export function answeringNic(n: Nic): boolean {
  return answers(n.iface);
}

export function ownersOf(ctx: Context, ip: string): Nic[] {
  const parsed = parseIp(ip);
  return parsed ? (ctx.owners.get(ipKey(parsed)) ?? []) : [];
}

export function describeNic(n: Nic): string {
  return `${n.machine.label} ${n.iface.name}`;
}

export function interfaceRow(n: Nic, extra: EvidenceRow["fields"] = {}): EvidenceRow {
  const i = n.iface;
  return {
    hostId: n.machine.host.id,
    hostName: n.machine.host.name,
    at: n.machine.host.latest.takenAt,
    source: "interface",
    fields: { interface: i.name, mac: i.mac, mtu: i.mtu, state: i.state, addresses: i.addresses.join(" "), ...extra },
  };
}

export function neighborRow(m: Machine, n: NeighborView, at = m.host.latest.takenAt): EvidenceRow {
  return {
    hostId: m.host.id,
    hostName: m.host.name,
    at,
    source: "neighbor table",
    fields: { ip: n.ip, mac: n.mac, interface: n.interface, state: n.state, router: n.router },
  };
}

/** All host ids of the machines given, ascending, without repeats. */
export function hostIdsOf(machines: Iterable<Machine>): number[] {
  return [...new Set([...machines].flatMap((m) => m.hostIds))].sort((a, b) => a - b);
}

/** Routable addresses as "10.0.0.5/24", for text (link-local ones are noise there). */
export function addressWords(i: InterfaceView): string {
  return routableCidrs(i).map((c) => `${c.address}/${c.prefix}`).join(", ");
}

/** "a, b and 5 other hosts" once a list gets long. */
export function listSome(items: string[], max = 3, noun = "hosts"): string {
  if (items.length <= max) return listWords(items);
  return `${items.slice(0, max - 1).join(", ")} and ${items.length - max + 1} other ${noun}`;
}

/** Plain-words list: "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
