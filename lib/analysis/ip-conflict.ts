// Detector 2: one IP, several MACs. Two collected hosts holding the same address; hosts
// resolving one address to different MACs at the same time; or one host's entry changing
// back and forth between collections (arpwatch's "flip flop"). A single change that sticks
// is not a finding: it is the "changed" event in that host's neighbor history.
import type { DetectedFinding, EvidenceRow, Severity } from "@/lib/domain/finding";
import type { AnalysisInput, NeighborEventView } from "./input";
import { contextOf, describeNic, hostIdsOf, interfaceRow, isSegmentInterface, listWords, neighborRow, routableCidrs, type Context, type Machine, type Nic } from "./machines";
import { normalizeMac } from "@/lib/domain/mac";
import { formatIp, ipKey, parseIp } from "./net";
import { CONFIRMED, groupBy, sightingsOf, type Sighting } from "./neighbors";
import { proving, provingFirstOf } from "./evidence";
import { fix } from "./fix-text";

/** Flip-flops older than this no longer count: the finding resolves a day after the last one. */
export const FLIP_FLOP_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Sightings compared across hosts must come from snapshots at most this far apart. */
export const SIGHTING_SKEW_MS = 60 * 60 * 1000;

type Case = { ip: string; severity: Severity; owners: Nic[]; sightings: Sighting[]; flips: NeighborEventView[]; machines: Set<Machine> };

function flipFlops(events: NeighborEventView[], now: Date): Map<string, NeighborEventView[]> {
  const recent = events.filter((e) => e.kind === "changed" && now.getTime() - Date.parse(e.at) <= FLIP_FLOP_WINDOW_MS);
  const out = new Map<string, NeighborEventView[]>();
  for (const [, evs] of groupBy(recent, (e) => `${e.hostId}|${e.interface ?? ""}|${e.ip}`)) {
    const sorted = [...evs].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    // Back to a MAC it had before: A→B, then B→A.
    const back = sorted.some((e, j) => sorted.slice(0, j).some((p) => normalizeMac(p.previousMac) === normalizeMac(e.mac)));
    const ip = parseIp(sorted[0]?.ip ?? "");
    if (back && ip) out.set(ipKey(ip), [...(out.get(ipKey(ip)) ?? []), ...sorted]);
  }
  return out;
}

function conflictingSightings(all: Sighting[], ctx: Context, ownerMacs: Set<string>, events: NeighborEventView[]): { severity: Severity; rows: Sighting[] } | null {
  const newest = Math.max(...all.map((s) => Date.parse(s.machine.host.latest.takenAt)));
  const rows = all.filter((s) => newest - Date.parse(s.machine.host.latest.takenAt) <= SIGHTING_SKEW_MS);
  const macs = new Set(rows.map((s) => s.mac));
  if (macs.size < 2) return null;
  const confirmed = new Set(rows.filter((s) => CONFIRMED.has(s.row.state)).map((s) => s.mac));
  if (confirmed.size >= 2) return { severity: "critical", rows };
  // An unconfirmed (stale) entry with another MAC is usually a cache that predates a change:
  // the owner's own MAC is among the others, or a host recorded the change.
  const explained = (mac: string) =>
    [...macs].some((m) => m !== mac && ownerMacs.has(m)) ||
    events.some((e) => e.kind === "changed" && normalizeMac(e.previousMac) === mac && macs.has(normalizeMac(e.mac) ?? ""));
  const unexplained = [...macs].filter((m) => !confirmed.has(m) && !explained(m));
  return unexplained.length > 0 ? { severity: "warning", rows } : null;
}

function cases(input: AnalysisInput, ctx: Context): Case[] {
  const byIp = new Map<string, Case>();
  const get = (k: string, ip: string) => {
    let c = byIp.get(k);
    if (!c) byIp.set(k, (c = { ip, severity: "info", owners: [], sightings: [], flips: [], machines: new Set() }));
    return c;
  };
  const raise = (c: Case, s: Severity) => {
    if (s === "critical" || (s === "warning" && c.severity === "info")) c.severity = s;
  };
  for (const [k, nics] of ctx.owners) {
    const held = nics.filter((n) => isSegmentInterface(n.iface));
    if (new Set(held.map((n) => n.machine)).size < 2) continue;
    const c = get(k, routableCidrs(held[0]!.iface).find((x) => ipKey(x) === k)?.address ?? k);
    c.owners = held;
    raise(c, "critical");
  }
  const bySighting = groupBy(sightingsOf(input, ctx), (s) => ipKey(s.ip));
  for (const [k, all] of bySighting) {
    const ownerMacs = new Set((ctx.owners.get(k) ?? []).map((n) => n.mac ?? ""));
    const hit = conflictingSightings(all, ctx, ownerMacs, input.neighborEvents);
    if (!hit) continue;
    const c = get(k, formatIp(all[0]!.ip));
    c.sightings = hit.rows;
    c.owners = c.owners.length ? c.owners : (ctx.owners.get(k) ?? []);
    raise(c, hit.severity);
  }
  for (const [k, flips] of flipFlops(input.neighborEvents, input.now)) {
    const c = get(k, flips[0]!.ip);
    c.flips = flips;
    c.owners = c.owners.length ? c.owners : (ctx.owners.get(k) ?? []);
    raise(c, "critical");
  }
  return [...byIp.values()];
}

function whoHas(mac: string, ctx: Context): string {
  const nics = ctx.nics.filter((n) => n.mac === mac);
  return nics.length ? `${mac} (${listWords(nics.map(describeNic))})` : `${mac} (not a collected host)`;
}

export function detectIpConflict(input: AnalysisInput): DetectedFinding[] {
  const ctx = contextOf(input);
  return cases(input, ctx).map((c) => {
    const macs = [...new Set([...c.sightings.map((s) => s.mac), ...c.flips.flatMap((e) => [e.mac, e.previousMac]).map(normalizeMac), ...c.owners.map((n) => n.mac)])]
      .filter((m): m is string => !!m)
      .sort();
    const culprits = [...c.owners.map((n) => n.machine), ...ctx.nics.filter((n) => n.mac && macs.includes(n.mac)).map((n) => n.machine)];
    const observers = [...c.sightings.map((s) => s.machine), ...c.flips.map((e) => ctx.byHostId.get(e.hostId)).filter((m): m is Machine => !!m)];
    const held = c.owners.length >= 2 ? ` and is configured on ${listWords(c.owners.map(describeNic))}` : "";
    const flip = c.flips.length ? `; ${listWords([...new Set(c.flips.map((e) => ctx.byHostId.get(e.hostId)?.label ?? `host ${e.hostId}`))])} saw it flip back and forth` : "";
    // Proof: the interfaces that hold the address, one sighting per MAC it resolves to, and the
    // first time a neighbor saw it flip; the other sightings repeat them.
    const evidence: EvidenceRow[] = [
      ...(c.owners.length >= 2 ? c.owners.map((n) => proving(interfaceRow(n))) : []),
      ...provingFirstOf(
        c.sightings.map((s) => neighborRow(s.machine, s.row)),
        (r) => String(r.fields.mac),
      ),
      ...provingFirstOf(c.flips.map((e) => ({
        hostId: e.hostId,
        hostName: ctx.byHostId.get(e.hostId)?.host.name ?? null,
        at: e.at,
        source: "neighbor history",
        fields: { ip: e.ip, change: "changed ethernet address", mac: e.mac, previousMac: e.previousMac, interface: e.interface },
      })), () => "flip"),
    ];
    return {
      kind: "ip-conflict",
      severity: c.severity,
      key: `ip-conflict:${c.ip}`,
      hostIds: hostIdsOf(culprits.length ? culprits : observers),
      subject: { type: "ip", id: c.ip, label: `IP ${c.ip}` },
      title: c.owners.length >= 2 && macs.length <= 1 ? `IP ${c.ip} is configured on ${listWords(c.owners.map(describeNic))}` : `IP ${c.ip} is claimed by ${listWords(macs)}`,
      explanation:
        `${c.ip} resolves to ${macs.length} different MACs${held}${flip}. ` +
        "When two devices answer ARP for one address, every neighbor caches whichever answered last, so connections to it break, hang or reach the wrong box at random." +
        (c.severity === "warning" ? " The differing entries are not confirmed (stale), so this may also be a cache that predates an address change." : ""),
      fix: [
        fix`The MACs involved: ${listWords(macs.map((m) => whoHas(m, ctx)))}.`,
        `Give one of the devices another address, and fix where the duplicate came from: a static address inside the DHCP pool, a DHCP reservation used twice, or a cloned VM that kept a static address.`,
        fix`If ${c.ip} is a VRRP/keepalived address, both routers believe they are master (split brain): make sure they receive each other's advertisements (IP protocol 112 to 224.0.0.18 allowed, same VRID and authentication).`,
        "If the two hosts are on separate networks that never meet, nothing conflicts: mute this finding.",
      ].join("\n"),
      evidence,
    };
  });
}
